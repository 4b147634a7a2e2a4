import { Share2 } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import { formatInvite, type RelayProtocol } from '../../core/collab/invite.js'
import { useApp } from '../app/settings.js'
import { collabText } from './labels.js'
import { PeersPanel } from './PeersPanel.js'
import type { CollabSession } from './session.js'
import { useCollabState } from './useCollab.js'

/**
 * The Share button for the title bar: opens the Share dialog, and shows how many others are in
 * the room. Render it among the title bar's actions: `<ShareButton collab={collab} />`.
 */
export function ShareButton({ collab }: { collab: CollabSession }) {
  const { settings } = useApp()
  const state = useCollabState(collab)
  const [open, setOpen] = useState(false)
  const others = state.peers.length
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="share-button" aria-haspopup="dialog">
        <Share2 size={16} aria-hidden="true" /> {collabText('share', settings.uiLang)}
        {state.invite && <span className="badge" aria-label={`${others}`}>{others}</span>}
      </button>
      {open && <ShareDialog collab={collab} onClose={() => setOpen(false)} />}
    </>
  )
}

/** Starts sharing (peer to peer, or through a relay server), shows the invite to copy, and who is in the room. */
export function ShareDialog({ collab, onClose }: { collab: CollabSession; onClose: () => void }) {
  const { settings } = useApp()
  const lang = settings.uiLang
  const state = useCollabState(collab)
  const dialog = useRef<HTMLDialogElement>(null)
  const [relay, setRelay] = useState('')
  const [protocol, setProtocol] = useState<RelayProtocol>('y-websocket')
  const [error, setError] = useState<string | null>(null)
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal()
  }, [])

  const start = (how: 'webrtc' | 'relay') => {
    try {
      setError(null)
      if (how === 'webrtc') collab.share()
      else collab.shareViaRelay(relay, protocol)
    } catch (e) {
      setError((e as Error).message)
    }
  }
  const invite = state.invite ? formatInvite(state.invite) : null
  const copy = async () => {
    if (!invite) return
    try {
      await navigator.clipboard.writeText(invite)
      setCopied('yes')
    } catch {
      setCopied('failed')
    }
  }

  return (
    <dialog ref={dialog} className="dialog collab-dialog" aria-labelledby="share-title" onClose={onClose} data-testid="share-dialog">
      <h2 id="share-title">{collabText('shareTitle', lang)}</h2>
      {!invite && state.previousInvite && (
        <div className="field">
          <p>{collabText('rejoinHint', lang)}</p>
          <button type="button" className="button button--primary" onClick={() => collab.rejoin()} data-testid="rejoin">{collabText('rejoin', lang)}</button>
        </div>
      )}
      {!invite && (
        <>
          <p>{collabText('shareIntro', lang)}</p>
          <div className="field">
            <label>{collabText('signalingServers', lang)}</label>
            {settings.signalingUrls.length > 0 ? <ul>{settings.signalingUrls.map((url) => <li key={url}><code>{url}</code></li>)}</ul> : <p className="collab-warning">{collabText('noSignaling', lang)}</p>}
          </div>
          <div className="dialog__actions">
            <button type="button" className="button button--primary" onClick={() => start('webrtc')} disabled={settings.signalingUrls.length === 0} data-testid="start-sharing">
              {collabText('startSharing', lang)}
            </button>
          </div>
          <p>{collabText('relayOption', lang)}</p>
          <div className="collab-dialog__row">
            <select className="input" value={protocol} onChange={(e) => setProtocol(e.target.value as RelayProtocol)} aria-label={collabText('relayProtocol', lang)} data-testid="relay-protocol">
              <option value="y-websocket">{collabText('relayYWebsocket', lang)}</option>
              <option value="hocuspocus">{collabText('relayHocuspocus', lang)}</option>
            </select>
          </div>
          <div className="collab-dialog__row">
            <input className="input" type="url" value={relay} onChange={(e) => setRelay(e.target.value)} placeholder="ws://127.0.0.1:1234" aria-label={collabText('relayAddress', lang)} data-testid="relay-address" />
            <button type="button" className="button" onClick={() => start('relay')} disabled={relay.trim() === ''} data-testid="share-via-relay">{collabText('shareViaRelay', lang)}</button>
          </div>
        </>
      )}
      {error && <p className="collab-warning" role="alert">{error}</p>}
      {invite && (
        <>
          <div className="field">
            <label htmlFor="collab-invite">{collabText('inviteLabel', lang)}</label>
            <textarea id="collab-invite" className="input collab-dialog__invite" readOnly rows={4} value={invite} onFocus={(e) => e.currentTarget.select()} data-testid="invite" />
          </div>
          <p className="collab-warning">{collabText('inviteWarning', lang)}</p>
          <div className="collab-dialog__row">
            <button type="button" className="button button--primary" onClick={() => void copy()}>{collabText('copy', lang)}</button>
            {copied && <span role="status">{collabText(copied === 'yes' ? 'copied' : 'copyFailed', lang)}</span>}
          </div>
          <PeersPanel collab={collab} />
        </>
      )}
      <div className="dialog__actions">
        {invite && <button type="button" className="button button--danger" onClick={() => collab.leave()} data-testid="stop-sharing">{collabText('stopSharing', lang)}</button>}
        <button type="button" className="button" onClick={() => dialog.current?.close()}>{collabText('close', lang)}</button>
      </div>
    </dialog>
  )
}
