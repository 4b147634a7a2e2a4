import type { Awareness } from 'y-protocols/awareness'
import { WebrtcProvider } from 'y-webrtc'
import { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import type { RoomInvite } from '../../core/collab/invite.js'
import type { ReceivePath } from '../../core/collab/receive.js'
import { guardRelayProvider, relayDocumentName, type GuardedRelayProvider } from '../../core/collab/relay-guard.js'
import { guardWebrtcProvider, type GuardEvents, type GuardedProvider, type WebrtcGuard } from '../../core/collab/webrtc-guard.js'
import type { Settings } from '../../core/host/api.js'

/** ICE servers as settings hold them. */
export type IceServers = Settings['iceServers']

/** A y-webrtc connection, as far as the peers panel reads it (y-webrtc 10.3 internals). */
export interface WebrtcConnView {
  readonly remotePeerId: string
  readonly connected: boolean
  readonly peer: { readonly _pc?: { readonly iceConnectionState: string; getStats(): Promise<{ values(): Iterable<unknown> }> }; destroy(): void }
}

/** A y-webrtc room, as far as the session reads it. */
export interface WebrtcRoomView {
  readonly peerId: string
  readonly webrtcConns: Map<string, WebrtcConnView>
}

/** Peer to peer: y-webrtc, guarded. */
export interface WebrtcTransport { readonly kind: 'webrtc'; readonly provider: WebrtcProvider; readonly guard: WebrtcGuard }
/** Through a relay server: y-websocket, guarded. */
export interface RelayTransport { readonly kind: 'relay'; readonly provider: WebsocketProvider }
/** The transport a shared document uses. */
export type Transport = WebrtcTransport | RelayTransport

/**
 * Connects a document to its room over WebRTC: y-webrtc with the invite's signaling servers, the
 * room secret as y-webrtc's `password` (it encrypts signaling; WebRTC's DTLS protects the data
 * channels), the ICE servers from settings, and the receive path guarding every incoming update.
 */
export function connectWebrtc(ydoc: Y.Doc, awareness: Awareness, invite: Extract<RoomInvite, { transport: 'webrtc' }>, iceServers: IceServers, receive: ReceivePath, events: GuardEvents): WebrtcTransport {
  const provider = new WebrtcProvider(invite.room, ydoc, {
    signaling: [...invite.signaling],
    password: invite.secret,
    awareness,
    peerOpts: { config: { iceServers: iceServers.map((server) => ({ ...server })) } },
  })
  const guard = guardWebrtcProvider(provider as unknown as GuardedProvider, receive, events)
  return { kind: 'webrtc', provider, guard }
}

/**
 * Connects a document to its room through a relay server (y-websocket protocol). The
 * BroadcastChannel between tabs is off, so every update arrives through the guarded connection.
 */
export function connectRelay(ydoc: Y.Doc, awareness: Awareness, invite: Extract<RoomInvite, { transport: 'relay' }>, receive: ReceivePath, onBadMessage: (reason: string) => void): RelayTransport {
  const provider = new WebsocketProvider(invite.relay, relayDocumentName(invite), ydoc, { awareness, disableBc: true })
  guardRelayProvider(provider as unknown as GuardedRelayProvider, receive, onBadMessage)
  return { kind: 'relay', provider }
}

/** The room of a WebRTC transport, once its key is derived. */
export function webrtcRoom(transport: Transport): WebrtcRoomView | null {
  return transport.kind === 'webrtc' ? (transport.provider.room as unknown as WebrtcRoomView | null) : null
}

/** Whether each signaling server of a WebRTC transport is connected. */
export function signalingStates(transport: Transport): { url: string; connected: boolean }[] {
  if (transport.kind !== 'webrtc') return []
  return (transport.provider.signalingConns as unknown as { url: string; connected: boolean }[]).map((conn) => ({ url: conn.url, connected: conn.connected }))
}

/**
 * Ends a transport. A y-webrtc provider is disconnected before it is destroyed: `destroy()` alone
 * leaves its signaling connection open, and the closing peer connections then re-subscribe and
 * re-announce the room, which makes the others open connections to a peer that is gone.
 */
export function closeTransport(transport: Transport): void {
  if (transport.kind === 'webrtc') {
    transport.guard.destroy()
    transport.provider.disconnect()
    transport.provider.destroy()
  } else {
    transport.provider.destroy()
  }
}
