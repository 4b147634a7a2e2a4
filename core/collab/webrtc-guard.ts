import * as bc from 'lib0/broadcastchannel'
import * as buffer from 'lib0/buffer'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { createReassembly, fragmentMessage, type Reassembly } from './fragments.js'
import type { ReceivePath } from './receive.js'
import { decryptAesGcm, encryptAesGcm, getRandomValues, startTimer, stopTimer, type WebCryptoKey, type WebTimer } from './web-globals.js'

/**
 * Puts y-webrtc's incoming traffic through MLDoc's checks, without changing y-webrtc: every
 * document update a peer sends (over a WebRTC data channel or the BroadcastChannel between tabs)
 * goes through the {@link ReceivePath} and never raw into y-webrtc (which would apply it to the
 * live document unchecked); y-webrtc sees a peer's sync step 2 emptied, so it still marks the
 * peer synced, and every other message as it is; a signaling message that the room key cannot decrypt, i.e. from someone with a
 * different secret, is reported instead of becoming y-webrtc's unhandled promise rejection.
 * Messages on the data channels are fragmented and reassembled (`fragments.ts`), so a document
 * larger than WebRTC's message size limit still reaches a peer. Of two peers that find each other,
 * only one makes the WebRTC offer ({@link offersTo}), so their offers never cross. A connection
 * that does not connect in time, or fails before it connects, is given up on both sides and
 * started again (see {@link CONNECT_TIMEOUT_MS}); y-webrtc alone would wait for it forever.
 *
 * Written against y-webrtc 10.3 (pinned), whose internals it reaches: `provider.room`
 * (`peerId`, `webrtcConns`, `bcConns`, `key`, `_bcSubscriber`), `provider.maxConns`, each
 * connection's simple-peer `peer`, each signaling connection's `message` listeners and `send`,
 * and the form of its announcements (`{type: 'announce', from}`, lib0 `writeAny`, encrypted). `test/collab/webrtc-guard.test.ts` and the
 * WebRTC scenarios fail if those change.
 */

/** What a listener of a lib0 observable or a Node-style emitter receives. */
type Listener = (...args: never[]) => void

/** A simple-peer instance (a Node-style stream). */
interface PeerLike {
  listeners(event: 'data'): Listener[]
  removeAllListeners(event: 'data'): unknown
  on(event: 'data', listener: (data: Uint8Array) => void): unknown
  on(event: 'close' | 'connect', listener: () => void): unknown
  send: (data: Uint8Array) => void
  destroy(): void
  /** simple-peer: connected and the data channel open (false once it is closing). */
  readonly connected: boolean
  /** The RTCPeerConnection (null once destroyed), read to say where a connection stalled. */
  readonly _pc?: { readonly iceConnectionState?: string; readonly signalingState?: string } | null
}

/** y-webrtc's `WebrtcConn`. */
interface WebrtcConnLike {
  readonly peer: PeerLike
  readonly remotePeerId: string
  /** True once the data channel is open (simple-peer's `connect`). */
  readonly connected: boolean
  readonly closed: boolean
}

/** y-webrtc's `Room`. */
interface RoomLike {
  readonly name: string
  readonly peerId: string
  readonly key: WebCryptoKey | null
  readonly webrtcConns: Map<string, WebrtcConnLike>
  readonly bcConns: Set<string>
  readonly bcconnected: boolean
  _bcSubscriber: (data: ArrayBuffer) => unknown
}

/** y-webrtc's `SignalingConn` (a lib0 observable). */
interface SignalingConnLike {
  readonly url: string
  readonly connected: boolean
  send(message: { type: 'publish'; topic: string; data: string }): void
  _observers: Map<string, Set<Listener>>
  on(event: 'message', listener: (message: unknown) => void): void
  off(event: 'message', listener: Listener): void
}

/** The parts of y-webrtc's `WebrtcProvider` the guard uses. */
export interface GuardedProvider {
  readonly room: RoomLike | null
  readonly key: PromiseLike<unknown>
  readonly signalingConns: SignalingConnLike[]
  readonly maxConns: number
  on(event: 'peers', listener: () => void): void
  off(event: 'peers', listener: () => void): void
}

/** What the guard reports. */
export interface GuardEvents {
  /** A message was dropped: it failed to decode, or its update failed the receive path (which reports why itself). */
  onBadMessage(detail: { from: string; reason: string }): void
  /** A signaling message in this room was encrypted with another secret. */
  onWrongSecret(detail: { signaling: string }): void
  /** A signaling server said how many connections are subscribed to this room (ours included). */
  onRoomSize?(detail: { signaling: string; clients: number }): void
  /**
   * A connection to a peer did not connect in time, failed before it connected, or the peer gave
   * its side up: it is closed and the two peers start again (not an error; for diagnostics).
   */
  onConnectionRetry?(detail: { peer: string; reason: string }): void
  /**
   * A peer's sync step 2 (its document, or what this peer lacked of it) went through the receive
   * path. Unlike y-webrtc's `synced` event this is told for every connection: y-webrtc marks its
   * room synced when the last connection closes (no connection left unsynced), and then reports
   * the next connection's sync to nobody.
   */
  onPeerSynced?(detail: { peer: string }): void
}

/** Options of {@link guardWebrtcProvider}. */
export interface GuardOptions {
  /** How long a connection may take to connect before it is given up and started again; {@link CONNECT_TIMEOUT_MS} by default. */
  readonly connectTimeoutMs?: number
}

/**
 * How long a WebRTC connection may take from its first signal to an open data channel: 10 s, far
 * more than peers on one network (well under a second) or through a TURN server (a few seconds)
 * need, even on a busy machine. y-webrtc has no such limit: a connection whose ICE never
 * completes and never fails (seen with node-datachannel after the browser's side failed) stays
 * forever, and y-webrtc ignores every later announcement of a peer it holds a connection to.
 */
export const CONNECT_TIMEOUT_MS = 10_000

/**
 * The signaling message a guard sends to a peer when it gives up a connection to that peer that
 * never connected (`{type, from, to}`, encrypted like y-webrtc's): the peer's guard closes its
 * side too if that is not connected either, so both announce themselves again and connect anew.
 * y-webrtc ignores message types it does not know, so a plain y-webrtc peer is not disturbed.
 */
export const GAVE_UP_MESSAGE = 'mldoc-gave-up'

/** y-protocols message types (y-webrtc's framing). */
const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const MESSAGE_QUERY_AWARENESS = 3
const MESSAGE_BC_PEER_ID = 4
const SYNC_STEP_1 = 0
const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2

/**
 * A sync step 2 carrying an empty update: messageSync, step 2, then the empty Yjs V1 update
 * (no structs, no deletions: two zero counts) as a length-prefixed byte array.
 */
const EMPTY_SYNC_STEP_2 = new Uint8Array([MESSAGE_SYNC, SYNC_STEP_2, 2, 0, 0])

/** Marks the listeners this module put in place, so nothing is wrapped twice. */
const GUARD = Symbol('mldoc guard')
type Guarded<F> = F & { [GUARD]?: true }

/**
 * Decides what y-webrtc sees of one message from a peer: the message itself (presence, a sync
 * step 1), an emptied sync step 2 once its update went through the receive path, or nothing
 * (an update, which the receive path applied or dropped; anything malformed).
 */
function admit(message: Uint8Array, receive: ReceivePath, origin: unknown, from: string, events: GuardEvents): Uint8Array | null {
  try {
    const decoder = decoding.createDecoder(message)
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE_SYNC) {
      const step = decoding.readVarUint(decoder)
      if (step === SYNC_STEP_2 || step === SYNC_UPDATE) {
        const accepted = receive.receive(decoding.readVarUint8Array(decoder), origin)
        return accepted && step === SYNC_STEP_2 ? EMPTY_SYNC_STEP_2 : null
      }
      if (step === SYNC_STEP_1) return message
      events.onBadMessage({ from, reason: `unknown sync message type ${step}` })
      return null
    }
    if (type === MESSAGE_AWARENESS || type === MESSAGE_QUERY_AWARENESS || type === MESSAGE_BC_PEER_ID) return message
    events.onBadMessage({ from, reason: `unknown message type ${type}` })
    return null
  } catch (error) {
    events.onBadMessage({ from, reason: `it cannot be decoded (${(error as Error).message})` })
    return null
  }
}

/** Runs y-webrtc's own handlers; a message they choke on (e.g. garbled presence) is reported, not thrown into the network stack. */
function forward(handlers: readonly Listener[], args: unknown[], from: string, events: GuardEvents): void {
  for (const handler of handlers) {
    try {
      ;(handler as (...a: unknown[]) => void)(...args)
    } catch (error) {
      events.onBadMessage({ from, reason: `y-webrtc could not handle it (${(error as Error).message})` })
    }
  }
}

/** What the guard keeps for all connections of one provider. */
interface Connections {
  readonly reassembly: Reassembly<WebrtcConnLike>
  /** Id of the next fragmented message sent. */
  nextMessageId: number
  /** Connections that have not connected yet, with the timer that gives each up. */
  readonly connecting: Map<WebrtcConnLike, WebTimer>
  /** Connections closed because their peer gave them up: no need to tell that peer. */
  readonly givenUpByPeer: WeakSet<WebrtcConnLike>
  /** Connections watched until they connect (each is watched once). */
  readonly watched: WeakSet<WebrtcConnLike>
  /** Set when the guard is destroyed: nothing is watched or told any more. */
  destroyed: boolean
}

/**
 * Guards one connection: what y-webrtc sends goes out in fragments where it is too large for a
 * data channel; what arrives is reassembled, then admitted (or not) before y-webrtc sees it.
 */
function guardConnection(conn: WebrtcConnLike, room: RoomLike, receive: ReceivePath, events: GuardEvents, connections: Connections): void {
  const current = conn.peer.listeners('data')
  if (current.some((listener) => (listener as Guarded<Listener>)[GUARD])) return
  const handler: Guarded<(data: Uint8Array) => void> = (data) => {
    const now = Date.now()
    for (const expired of connections.reassembly.expire(now)) {
      events.onBadMessage({ from: `peer ${expired.remotePeerId}`, reason: 'a fragmented message did not arrive whole in time' })
    }
    const from = `peer ${conn.remotePeerId}`
    let message = data
    if (data instanceof Uint8Array) {
      const arrival = connections.reassembly.receive(conn, data, now)
      if (arrival.kind === 'dropped') events.onBadMessage({ from, reason: arrival.reason })
      if (arrival.kind !== 'message') return
      message = arrival.message
    }
    const admitted = admit(message, receive, room, from, events)
    if (admitted) forward(current, [admitted], from, events)
    if (admitted === EMPTY_SYNC_STEP_2) events.onPeerSynced?.({ peer: conn.remotePeerId })
  }
  handler[GUARD] = true
  conn.peer.removeAllListeners('data')
  conn.peer.on('data', handler)
  conn.peer.on('close', () => connections.reassembly.forget(conn))
  const send = conn.peer.send.bind(conn.peer)
  conn.peer.send = (data) => {
    if (!(data instanceof Uint8Array)) return send(data)
    const id = connections.nextMessageId
    connections.nextMessageId = (id + 1) >>> 0
    const frames = fragmentMessage(data, id)
    let sent = 0
    try {
      for (const frame of frames) {
        send(frame)
        sent++
      }
    } catch (error) {
      // y-webrtc sends to connections still connecting too, and to closing ones, and ignores what fails there.
      if (!conn.connected || !conn.peer.connected || connections.destroyed) throw error
      // y-webrtc ignores a failed send on an open connection as well: a sync message lost that
      // way (the document itself, answering the peer's sync step 1) leaves the peer without the
      // document for good. The connection is closed instead, and starts again with a new sync.
      events.onConnectionRetry?.({ peer: conn.remotePeerId, reason: `a message of ${data.byteLength} bytes could not be sent (${sent} of ${frames.length} frames went out: ${(error as Error).message})` })
      conn.peer.destroy()
    }
  }
}

/** y-webrtc's encrypted framing: varString "AES-GCM", varUint8Array iv, varUint8Array ciphertext. */
async function encrypt(data: Uint8Array, key: WebCryptoKey): Promise<Uint8Array> {
  const iv = getRandomValues(new Uint8Array(12))
  const cipher = new Uint8Array(await encryptAesGcm(key, iv, data))
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, 'AES-GCM')
  encoding.writeVarUint8Array(encoder, iv)
  encoding.writeVarUint8Array(encoder, cipher)
  return encoding.toUint8Array(encoder)
}

/** Reads y-webrtc's encrypted framing (see {@link encrypt}); rejects when `key` is not the one it was encrypted with. */
async function decrypt(data: Uint8Array, key: WebCryptoKey): Promise<Uint8Array> {
  const decoder = decoding.createDecoder(data)
  if (decoding.readVarString(decoder) !== 'AES-GCM') throw new Error('not AES-GCM')
  const iv = decoding.readVarUint8Array(decoder)
  const cipher = decoding.readVarUint8Array(decoder)
  return new Uint8Array(await decryptAesGcm(key, iv, cipher))
}

/**
 * Which of two peers makes the WebRTC offer: the one with the smaller y-webrtc peer id. y-webrtc
 * makes an offer to every peer it hears announce itself, so two peers announcing at about the
 * same time (one joins as another's connection closes and it announces again) both offer;
 * y-webrtc then feeds one side's offer into the other side's connection while that one is
 * still making its own, its setLocalDescription fails (simple-peer: ERR_SET_LOCAL_DESCRIPTION),
 * it closes that connection, and the other side waits for an answer forever, ignoring every later
 * announcement from a peer it already has a connection to: the two never connect.
 */
export function offersTo(peerId: string, otherPeerId: string): boolean {
  return peerId < otherPeerId
}

/** The addressing of a decrypted signaling message (lib0 `writeAny`), or null when it has none. */
function readSignal(plain: Uint8Array): { type: unknown; from: string; to: unknown } | null {
  let data: unknown
  try {
    data = decoding.readAny(decoding.createDecoder(plain))
  } catch {
    return null
  }
  if (typeof data !== 'object' || data === null) return null
  const { type, from, to } = data as { type?: unknown; from?: unknown; to?: unknown }
  return typeof from === 'string' ? { type, from, to } : null
}

/**
 * Whether a signaling message is an announcement y-webrtc would answer with an offer that,
 * by {@link offersTo}, is the announcer's to make: from another peer it has no connection to
 * (WebRTC or BroadcastChannel), with room for one more connection.
 */
function leavesOfferToAnnouncer(signal: { type: unknown; from: string; to: unknown }, room: RoomLike, maxConns: number): boolean {
  const { type, from, to } = signal
  return type === 'announce' && to === undefined && from !== room.peerId
    && !offersTo(room.peerId, from) && !room.webrtcConns.has(from) && !room.bcConns.has(from) && room.webrtcConns.size < maxConns
}

/** Publishes a signaling message in the room through one signaling server, as y-webrtc does (lib0 `writeAny`, encrypted with the room key). */
async function publish(conn: SignalingConnLike, room: RoomLike, key: WebCryptoKey, message: { type: string; from: string; to?: string }): Promise<void> {
  const encoder = encoding.createEncoder()
  encoding.writeAny(encoder, message)
  const data = buffer.toBase64(await encrypt(encoding.toUint8Array(encoder), key))
  if (conn.connected) conn.send({ type: 'publish', topic: room.name, data })
}

/** Tells a peer, through every signaling server, that this peer gave up its connection to it ({@link GAVE_UP_MESSAGE}). */
function tellGaveUp(provider: GuardedProvider, room: RoomLike, to: string, events: GuardEvents): void {
  const key = room.key
  if (!key) return
  for (const conn of provider.signalingConns) {
    if (!conn.connected) continue
    publish(conn, room, key, { type: GAVE_UP_MESSAGE, from: room.peerId, to }).catch((error: unknown) =>
      events.onBadMessage({ from: `signaling server ${conn.url}`, reason: `telling peer ${to} that the connection was given up failed (${(error as Error).message})` }))
  }
}

/** Where a connection that never connected got to, in words (ICE and signaling state of its RTCPeerConnection). */
function stalledAt(conn: WebrtcConnLike): string {
  const pc = conn.peer._pc
  return pc ? `ICE ${pc.iceConnectionState ?? 'unknown'}, signaling ${pc.signalingState ?? 'unknown'}` : 'no peer connection'
}

/**
 * Watches a connection until it connects: one that has not connected after `timeoutMs` is closed;
 * one that closes before it connects (failed, timed out, or given up by the peer) is reported and,
 * unless the peer gave it up, the peer is told ({@link GAVE_UP_MESSAGE}) so it closes its side,
 * which may never notice otherwise. y-webrtc announces this peer again when a connection closes,
 * and the two connect anew.
 */
function watchConnecting(conn: WebrtcConnLike, room: RoomLike, provider: GuardedProvider, events: GuardEvents, connections: Connections, timeoutMs: number): void {
  if (conn.connected || conn.closed || connections.watched.has(conn)) return
  connections.watched.add(conn)
  let reason = 'it failed before it connected'
  const timer = startTimer(() => {
    if (!connections.connecting.has(conn) || conn.connected || conn.closed) return
    reason = `it did not connect within ${timeoutMs} ms (${stalledAt(conn)})`
    conn.peer.destroy()
  }, timeoutMs)
  connections.connecting.set(conn, timer)
  conn.peer.on('connect', () => {
    stopTimer(timer)
    connections.connecting.delete(conn)
  })
  conn.peer.on('close', () => {
    if (!connections.connecting.delete(conn)) return
    stopTimer(timer)
    if (connections.destroyed) return
    if (connections.givenUpByPeer.has(conn)) {
      events.onConnectionRetry?.({ peer: conn.remotePeerId, reason: 'the peer gave up its side before it connected' })
      return
    }
    events.onConnectionRetry?.({ peer: conn.remotePeerId, reason })
    tellGaveUp(provider, room, conn.remotePeerId, events)
  })
}

function guardBroadcast(room: RoomLike, receive: ReceivePath, events: GuardEvents): void {
  const original = room._bcSubscriber as Guarded<RoomLike['_bcSubscriber']>
  if (original[GUARD] || room.key === null) return
  const key = room.key
  const wrapped: Guarded<(data: ArrayBuffer) => void> = (data) => {
    decrypt(new Uint8Array(data), key).then(
      (plain) => {
        // y-webrtc's subscriber decrypts again: it gets the original only when it may see it as it is.
        if (admit(plain, receive, room, 'another tab', events) === plain) forward([original as Listener], [data], 'another tab', events)
      },
      () => events.onWrongSecret({ signaling: 'BroadcastChannel' }),
    )
  }
  wrapped[GUARD] = true
  room._bcSubscriber = wrapped
  if (room.bcconnected) {
    bc.subscribe(room.name, wrapped)
    bc.unsubscribe(room.name, original)
  }
}

/**
 * Wraps y-webrtc's `message` handler of each signaling connection (shared by every room on that
 * server): a message in this room that the room key cannot decrypt is reported, an
 * announcement whose offer is the announcer's to make (see {@link offersTo}) is answered by
 * announcing ourselves, so the announcer makes it, instead of by an offer, and a peer's
 * {@link GAVE_UP_MESSAGE} to us goes to `onGaveUp`.
 */
function guardSignaling(provider: GuardedProvider, events: GuardEvents, onGaveUp: (room: RoomLike, from: string) => void): void {
  for (const conn of provider.signalingConns) {
    const handlers = [...(conn._observers.get('message') ?? [])]
    if (handlers.some((handler) => (handler as Guarded<Listener>)[GUARD])) continue
    const wrapped: Guarded<(message: unknown) => void> = (message) => {
      const m = message as { type?: unknown; topic?: unknown; data?: unknown } | null
      const room = provider.room
      if (m && m.type === 'publish' && room && room.key && m.topic === room.name) {
        const clients = (m as { clients?: unknown }).clients
        if (typeof clients === 'number') events.onRoomSize?.({ signaling: conn.url, clients })
        if (typeof m.data !== 'string') return
        let bytes: Uint8Array
        try {
          bytes = buffer.fromBase64(m.data)
        } catch {
          events.onBadMessage({ from: `signaling server ${conn.url}`, reason: 'its data is not base64' })
          return
        }
        const key = room.key
        decrypt(bytes, key).then(
          (plain) => {
            const signal = readSignal(plain)
            if (signal && signal.type === GAVE_UP_MESSAGE) {
              if (signal.to === room.peerId) onGaveUp(room, signal.from)
            } else if (signal && leavesOfferToAnnouncer(signal, room, provider.maxConns)) {
              publish(conn, room, key, { type: 'announce', from: room.peerId }).catch((error: unknown) => events.onBadMessage({ from: `signaling server ${conn.url}`, reason: `answering its announcement with ours failed (${(error as Error).message})` }))
            } else {
              forward(handlers, [message], `signaling server ${conn.url}`, events)
            }
          },
          () => events.onWrongSecret({ signaling: conn.url }),
        )
        return
      }
      forward(handlers, [message], `signaling server ${conn.url}`, events)
    }
    wrapped[GUARD] = true
    for (const handler of handlers) conn.off('message', handler)
    conn.on('message', wrapped)
  }
}

/** A guard in place on one provider. */
export interface WebrtcGuard {
  /** Stops watching for new peers (the wrapped handlers go away with the provider). */
  destroy(): void
}

/**
 * Guards a y-webrtc provider: call right after `new WebrtcProvider(...)`, before any peer can
 * send anything. `receive` must be the receive path of the provider's Y.Doc. A provider that is
 * disconnected is not connected again: make a new provider (and guard) instead, since a
 * reconnect may open signaling connections the guard has not seen.
 */
export function guardWebrtcProvider(provider: GuardedProvider, receive: ReceivePath, events: GuardEvents, options: GuardOptions = {}): WebrtcGuard {
  const timeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS
  const connections: Connections = {
    reassembly: createReassembly(),
    nextMessageId: 0,
    connecting: new Map(),
    givenUpByPeer: new WeakSet(),
    watched: new WeakSet(),
    destroyed: false,
  }
  const guardConnections = (): void => {
    const room = provider.room
    if (connections.destroyed || !room) return
    for (const conn of room.webrtcConns.values()) {
      guardConnection(conn, room, receive, events, connections)
      watchConnecting(conn, room, provider, events, connections, timeoutMs)
    }
  }
  provider.on('peers', guardConnections)
  guardSignaling(provider, events, (room, from) => {
    const conn = room.webrtcConns.get(from)
    if (connections.destroyed || !conn || conn.connected) return
    connections.givenUpByPeer.add(conn)
    conn.peer.destroy()
  })
  // The room exists once the key is derived; y-webrtc subscribes it to the BroadcastChannel then.
  void Promise.resolve(provider.key).then(() => {
    if (connections.destroyed || !provider.room) return
    guardBroadcast(provider.room, receive, events)
    guardConnections()
  })
  return {
    destroy() {
      connections.destroyed = true
      provider.off('peers', guardConnections)
      for (const timer of connections.connecting.values()) stopTimer(timer)
      connections.connecting.clear()
    },
  }
}
