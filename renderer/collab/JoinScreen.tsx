import { useEffect, useState, useSyncExternalStore, type FormEvent } from 'react'
import * as Y from 'yjs'
import { explainRoom } from '../../core/collab/explain.js'
import { inviteQuery, JOIN_ROUTE, parseInvite, type RoomInvite } from '../../core/collab/invite.js'
import { BODY_FRAGMENT } from '../../core/yjs/doc.js'
import { encodeMLDocFile } from '../../core/yjs/file.js'
import { navigate } from '../app/route.js'
import { useApp } from '../app/settings.js'
import { DocumentSession } from '../document/session.js'
import { DocumentView } from '../editor/DocumentView.js'
import { collabText } from './labels.js'
import { RelayRefusedNote } from './PeersPanel.js'
import { collabFor, type CollabSession } from './session.js'

type Joining = { error: string } | { session: DocumentSession; collab: CollabSession }

/**
 * Opening an invite: `#/join?room=..&secret=..&signal=..` (or `relay=..`, `hocuspocus=..`). Joins the room with an
 * empty document and shows the editor only once the document has arrived from a peer, so nothing
 * is ever seeded twice; until then it shows what is happening (signaling, peers, a wrong secret).
 * Route to it with `<JoinScreen address={window.location.hash} />`.
 */
export function JoinScreen({ address }: { address: string }) {
  const { host, settings } = useApp()
  const lang = settings.uiLang
  const [joining, setJoining] = useState<Joining | null>(null)

  useEffect(() => {
    let invite: RoomInvite
    try {
      invite = parseInvite(address)
    } catch (error) {
      setJoining({ error: (error as Error).message })
      return
    }
    const empty = new Y.Doc()
    const session = new DocumentSession(host.api, { path: null, name: collabText('joinTitle', lang), state: new Uint8Array(encodeMLDocFile(empty)) }, empty)
    const collab = collabFor(session.ydoc, settings)
    collab.connect(invite)
    setJoining({ session, collab })
    return () => {
      collab.dispose()
      session.dispose()
    }
    // The room is joined once per address; later settings changes reach the session through useCollab.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [address, host])

  if (joining === null) return null
  if ('error' in joining) {
    return (
      <div className="screen-message">
        <div className="card card--narrow" role="alert" data-testid="join-error">
          <h1>{collabText('joinBadInvite', lang)}</h1>
          <p>{joining.error}</p>
          <button type="button" className="button button--primary" onClick={() => navigate({ kind: 'start' })}>{collabText('cancel', lang)}</button>
        </div>
      </div>
    )
  }
  return <Arrival session={joining.session} collab={joining.collab} />
}

/** Whether the document has content yet (it arrives from a peer). */
function useHasContent(ydoc: Y.Doc): boolean {
  return useSyncExternalStore(
    (listener) => {
      ydoc.on('update', listener)
      return () => ydoc.off('update', listener)
    },
    () => ydoc.getXmlFragment(BODY_FRAGMENT).length > 0,
  )
}

/** Waits for the document, explaining the room's state; then the editor. */
function Arrival({ session, collab }: { session: DocumentSession; collab: CollabSession }) {
  const { settings } = useApp()
  const lang = settings.uiLang
  const arrived = useHasContent(session.ydoc)
  const state = useSyncExternalStore(collab.subscribe, collab.getState)
  if (arrived) return <DocumentView session={session} />
  return (
    <div className="screen-message">
      <div className="card card--narrow" data-testid="join-waiting">
        <h1>{collabText('joinTitle', lang)}</h1>
        <p role="status">{collabText('joinWaiting', lang)}</p>
        {explainRoom(state).map((note, i) => (
          <p key={i} className={`peers-panel__note peers-panel__note--${note.kind}`} role={note.kind === 'problem' ? 'alert' : undefined} data-note={note.kind}>
            {note.text[lang]}
          </p>
        ))}
        {state.relayRefused !== null && <RelayRefusedNote reason={state.relayRefused} lang={lang} />}
        <button type="button" className="button" onClick={() => navigate({ kind: 'start' })}>{collabText('cancel', lang)}</button>
      </div>
    </div>
  )
}

/**
 * A box on the start screen to paste an invite into; goes to the join route.
 * Render it on the start screen: `<JoinForm />`.
 */
export function JoinForm() {
  const { settings } = useApp()
  const lang = settings.uiLang
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    try {
      window.location.hash = `${JOIN_ROUTE}?${inviteQuery(parseInvite(text))}`
    } catch (e) {
      setError((e as Error).message)
    }
  }
  return (
    <form className="join-form" onSubmit={submit} aria-label={collabText('joinHeading', lang)}>
      <h2>{collabText('joinHeading', lang)}</h2>
      <div className="collab-dialog__row">
        <input className="input" value={text} onChange={(e) => setText(e.target.value)} placeholder={collabText('joinPlaceholder', lang)} aria-label={collabText('joinPlaceholder', lang)} data-testid="join-input" />
        <button type="submit" className="button button--primary" disabled={text.trim() === ''}>{collabText('join', lang)}</button>
      </div>
      {error && <p className="collab-warning" role="alert">{error}</p>}
    </form>
  )
}
