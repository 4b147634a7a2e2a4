import { HocuspocusProvider } from '@hocuspocus/provider'
import { removeAwarenessStates, type Awareness } from 'y-protocols/awareness'
import { WebrtcProvider } from 'y-webrtc'
import { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import type { RoomInvite } from '../../core/collab/invite.js'
import { guardHocuspocusProvider, type GuardedHocuspocusProvider, type HocuspocusGuard } from '../../core/collab/hocuspocus-guard.js'
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
/**
 * Through a Hocuspocus server: @hocuspocus/provider, guarded. `refused` is the server's reason
 * when its authentication hook turned us away, `removeListeners` takes the listeners the
 * provider put on the document's awareness off it again.
 */
export interface HocuspocusTransport {
  readonly kind: 'hocuspocus'
  readonly provider: HocuspocusProvider
  readonly guard: HocuspocusGuard
  readonly server: string
  refused: string | null
  readonly removeListeners: () => void
}
/** The transport a shared document uses. */
export type Transport = WebrtcTransport | RelayTransport | HocuspocusTransport

/** The relay server of an invite, as the peers panel names it: scheme, host and port. */
function serverOrigin(url: string): string {
  return url.split('/').slice(0, 3).join('/')
}

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

/** What a Hocuspocus connection reports besides updates. */
export interface HocuspocusEvents {
  /** A message that could not be decoded, or the guard found an unchecked update. */
  onBadMessage(reason: string): void
  /** The server's authentication hook refused the document (`reason` is the server's word), or now accepted it (null). */
  onRefused(reason: string | null): void
}

/** The listeners on an awareness, per event, as lib0's Observable keeps them (lib0 0.2). */
function awarenessListeners(awareness: Awareness): Map<string, Set<unknown>> {
  const observers = (awareness as unknown as { _observers?: unknown })._observers
  if (!(observers instanceof Map)) throw new Error('y-protocols Awareness keeps no _observers map: lib0’s internals changed')
  return new Map([...(observers as Map<string, Set<unknown>>)].map(([name, set]) => [name, new Set(set)]))
}

/**
 * Connects a document to its room through a Hocuspocus server: the document name carries the
 * room and its secret (as on the y-websocket path), and the secret goes as the authentication
 * token, so a server's `onAuthenticate` hook sees it. Every incoming update passes through the
 * receive path. `WebSocketPolyfill` is the WebSocket class outside a browser (in Node: ws's).
 */
export function connectHocuspocus(ydoc: Y.Doc, awareness: Awareness, invite: Extract<RoomInvite, { transport: 'relay' }>, receive: ReceivePath, events: HocuspocusEvents, options: { WebSocketPolyfill?: unknown } = {}): HocuspocusTransport {
  const before = awarenessListeners(awareness)
  const provider = new HocuspocusProvider({
    url: invite.relay,
    name: relayDocumentName(invite),
    document: ydoc,
    awareness,
    token: invite.secret,
    // Not in the provider's options type, but it hands its options on to the websocket it makes.
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
  })
  const guard = guardHocuspocusProvider(provider as unknown as GuardedHocuspocusProvider, receive, events.onBadMessage)
  const added = [...awarenessListeners(awareness)].flatMap(([name, set]) => [...set].filter((f) => !before.get(name)?.has(f)).map((f) => [name, f] as const))
  const transport: HocuspocusTransport = {
    kind: 'hocuspocus',
    provider,
    guard,
    server: serverOrigin(invite.relay),
    refused: null,
    removeListeners: () => {
      for (const [name, f] of added) awareness.off(name as 'update', f as () => void)
    },
  }
  provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
    transport.refused = reason || 'permission denied'
    events.onRefused(transport.refused)
  })
  provider.on('authenticated', () => {
    transport.refused = null
    events.onRefused(null)
  })
  return transport
}

/** The relay server of a transport and whether it is connected (and, for Hocuspocus, let us in), or null for WebRTC. */
export function relayState(transport: Transport): { url: string; connected: boolean } | null {
  if (transport.kind === 'relay') return { url: serverOrigin(transport.provider.url), connected: transport.provider.wsconnected }
  if (transport.kind === 'hocuspocus') {
    const connected = transport.provider.configuration.websocketProvider.status === 'connected' && transport.provider.isAuthenticated
    return { url: transport.server, connected }
  }
  return null
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
  } else if (transport.kind === 'hocuspocus') {
    // HocuspocusProvider.destroy() also destroys the awareness it was given, which is the
    // document's (the editor's carets use it): tell the others we left, take the provider's
    // listeners off the awareness, and let destroy() skip it.
    const { provider } = transport
    const awareness = provider.configuration.awareness
    if (awareness) removeAwarenessStates(awareness, [provider.document.clientID], 'left the room')
    transport.removeListeners()
    provider.configuration.awareness = null
    transport.guard.destroy()
    provider.destroy()
  } else {
    transport.provider.destroy()
  }
}
