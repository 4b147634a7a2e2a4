import { describeCandidates, explainRoom } from '../../core/collab/explain.js'
import type { Lang } from '../../core/i18n.js'
import { useApp } from '../app/settings.js'
import { collabText } from './labels.js'
import type { CollabSession } from './session.js'
import { useCollabState } from './useCollab.js'

/**
 * Who is in the room and how each is connected: signaling servers (reachable or not), each peer
 * (WebRTC connected or connecting, the candidate type, round trip), and plain explanations of
 * what is wrong when peers cannot connect (or a Hocuspocus server refused the room). `data-*` attributes carry the same facts for tests.
 */
export function PeersPanel({ collab }: { collab: CollabSession }) {
  const { settings } = useApp()
  const lang = settings.uiLang
  const state = useCollabState(collab)
  const notes = explainRoom(state)
  const conns = collab.webrtcProvider?.room
  const hocuspocus = state.invite?.transport === 'relay' && state.invite.relayProtocol === 'hocuspocus'
  return (
    <section
      className="peers-panel"
      aria-label={collabText('peersTitle', lang)}
      data-testid="peers-panel"
      data-transport={state.transport ?? 'none'}
      data-webrtc-conns={conns ? conns.webrtcConns.size : 0}
      data-bc-conns={conns ? conns.bcConns.size : 0}
      data-wrong-secret={state.wrongSecret}
      data-dropped={state.droppedUpdates}
    >
      <h3>{collabText('peersTitle', lang)}</h3>
      <ul>
        <li className="peers-panel__peer">
          <span className="peers-panel__dot" style={{ background: collab.user.color }} aria-hidden="true" />
          <span>{collab.user.name} ({collabText('you', lang)})</span>
        </li>
        {state.peers.map((peer) => (
          <li key={peer.key} className="peers-panel__peer" data-peer-link={peer.link} data-candidate-local={peer.candidates?.local ?? ''} data-candidate-remote={peer.candidates?.remote ?? ''}>
            <span className="peers-panel__dot" style={{ background: peer.user?.color ?? 'var(--faint)' }} aria-hidden="true" />
            <span>{peer.user?.name ?? collabText('unknownPeer', lang)}</span>
            <span className="peers-panel__detail">
              {peer.link === 'relay' ? collabText('linkRelay', lang) : peer.link === 'connected' ? collabText('linkConnected', lang) : collabText('linkConnecting', lang)}
              {peer.candidates && `: ${describeCandidates(peer.candidates)[lang]}`}
              {peer.roundTripMs !== null && `, ${peer.roundTripMs} ms ${collabText('roundTrip', lang)}`}
            </span>
          </li>
        ))}
      </ul>
      {state.transport === 'webrtc' && (
        <div>
          <h4>{collabText('signalingHeading', lang)}</h4>
          <ul>
            {state.signaling.map((server) => (
              <li key={server.url} data-signaling={server.connected ? 'reachable' : 'unreachable'}>
                {server.url}: {collabText(server.connected ? 'signalingReachable' : 'signalingUnreachable', lang)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {state.relay && (
        <div>
          <h4>{collabText(hocuspocus ? 'hocuspocusHeading' : 'relayHeading', lang)}</h4>
          <p data-relay={state.relay.connected ? 'reachable' : 'unreachable'} data-relay-protocol={hocuspocus ? 'hocuspocus' : 'y-websocket'}>
            {state.relay.url}: {collabText(state.relay.connected ? 'signalingReachable' : 'signalingUnreachable', lang)}
          </p>
        </div>
      )}
      {state.relayRefused !== null && <RelayRefusedNote reason={state.relayRefused} lang={lang} />}
      {notes.map((note, i) => (
        <p key={i} className={`peers-panel__note peers-panel__note--${note.kind}`} role={note.kind === 'problem' ? 'alert' : undefined} data-note={note.kind}>
          {note.text[lang]}
        </p>
      ))}
    </section>
  )
}

/** Says that the Hocuspocus server's authentication hook refused the room, in the server's words. */
export function RelayRefusedNote({ reason, lang }: { reason: string; lang: Lang }) {
  return (
    <p className="peers-panel__note peers-panel__note--problem" role="alert" data-note="problem" data-relay-refused="">
      {collabText('relayRefused', lang)} “{reason}”. {collabText('relayRefusedHint', lang)}
    </p>
  )
}
