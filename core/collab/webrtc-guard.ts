import * as bc from 'lib0/broadcastchannel'
import * as buffer from 'lib0/buffer'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { createReassembly, fragmentMessage, type Reassembly } from './fragments.js'
import type { ReceivePath } from './receive.js'
import { decryptAesGcm, encryptAesGcm, getRandomValues, type WebCryptoKey } from './web-globals.js'

/**
 * Puts y-webrtc's incoming traffic through MLDoc's checks, without changing y-webrtc: every
 * document update a peer sends (over a WebRTC data channel or the BroadcastChannel between tabs)
 * goes through the {@link ReceivePath} and never raw into y-webrtc (which would apply it to the
 * live document unchecked); y-webrtc sees a peer's sync step 2 emptied, so it still marks the
 * peer synced, and every other message as it is; a signaling message that the room key cannot decrypt, i.e. from someone with a
 * different secret, is reported instead of becoming y-webrtc's unhandled promise rejection.
 * Messages on the data channels are fragmented and reassembled (`fragments.ts`), so a document
 * larger than WebRTC's message size limit still reaches a peer. Of two peers that find each other,
 * only one makes the WebRTC offer ({@link offersTo}), so their offers never cross.
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
  on(event: 'close', listener: () => void): unknown
  send: (data: Uint8Array) => void
}

/** y-webrtc's `WebrtcConn`. */
interface WebrtcConnLike {
  readonly peer: PeerLike
  readonly remotePeerId: string
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
}

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
    for (const frame of fragmentMessage(data, id)) send(frame)
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

/**
 * Whether a signaling message is an announcement y-webrtc would answer with an offer that,
 * by {@link offersTo}, is the announcer's to make: from another peer it has no connection to
 * (WebRTC or BroadcastChannel), with room for one more connection.
 */
function leavesOfferToAnnouncer(plain: Uint8Array, room: RoomLike, maxConns: number): boolean {
  let data: unknown
  try {
    data = decoding.readAny(decoding.createDecoder(plain))
  } catch {
    return false
  }
  if (typeof data !== 'object' || data === null) return false
  const { type, from, to } = data as { type?: unknown; from?: unknown; to?: unknown }
  return type === 'announce' && typeof from === 'string' && to === undefined && from !== room.peerId
    && !offersTo(room.peerId, from) && !room.webrtcConns.has(from) && !room.bcConns.has(from) && room.webrtcConns.size < maxConns
}

/** Announces this peer in its room through one signaling server, as y-webrtc does (encrypted with the room key). */
async function announce(conn: SignalingConnLike, room: RoomLike, key: WebCryptoKey): Promise<void> {
  const encoder = encoding.createEncoder()
  encoding.writeAny(encoder, { type: 'announce', from: room.peerId })
  const data = buffer.toBase64(await encrypt(encoding.toUint8Array(encoder), key))
  if (conn.connected) conn.send({ type: 'publish', topic: room.name, data })
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
 * server): a message in this room that the room key cannot decrypt is reported, and an
 * announcement whose offer is the announcer's to make (see {@link offersTo}) is answered by
 * announcing ourselves, so the announcer makes it, instead of by an offer.
 */
function guardSignaling(provider: GuardedProvider, events: GuardEvents): void {
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
            if (leavesOfferToAnnouncer(plain, room, provider.maxConns)) {
              announce(conn, room, key).catch((error: unknown) => events.onBadMessage({ from: `signaling server ${conn.url}`, reason: `answering its announcement with ours failed (${(error as Error).message})` }))
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
export function guardWebrtcProvider(provider: GuardedProvider, receive: ReceivePath, events: GuardEvents): WebrtcGuard {
  let destroyed = false
  const connections: Connections = { reassembly: createReassembly(), nextMessageId: 0 }
  const guardConnections = (): void => {
    const room = provider.room
    if (destroyed || !room) return
    for (const conn of room.webrtcConns.values()) guardConnection(conn, room, receive, events, connections)
  }
  provider.on('peers', guardConnections)
  guardSignaling(provider, events)
  // The room exists once the key is derived; y-webrtc subscribes it to the BroadcastChannel then.
  void Promise.resolve(provider.key).then(() => {
    if (destroyed || !provider.room) return
    guardBroadcast(provider.room, receive, events)
    guardConnections()
  })
  return {
    destroy() {
      destroyed = true
      provider.off('peers', guardConnections)
    },
  }
}
