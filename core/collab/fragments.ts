/**
 * Message fragments: WebRTC data channels refuse messages over a size limit (Chromium 256 KiB;
 * libdatachannel 64 KiB towards a peer that states none), and y-webrtc sends a document's whole
 * state as one message (its sync step 2), so a large document would never reach a peer. A sender
 * splits a message larger than {@link MAX_FRAME_BYTES} into fragments, each with a small header;
 * the receiver puts them back together before y-webrtc, or the receive path, sees the message.
 *
 * Frame: magic byte {@link FRAGMENT_MAGIC}, message id (u32), fragment index (u16), fragment
 * count (u16), all big-endian, then a part of the message. y-webrtc's own messages start with a
 * message type 0–4, never the magic byte, so a message up to {@link MAX_FRAME_BYTES} goes out
 * unchanged and a plain y-webrtc peer still reads it; larger messages reach only peers that
 * reassemble (MLDoc's app and Node peer). Fragments of one message are sent back to back on an
 * ordered, reliable channel, so they must arrive in order: anything else is dropped.
 */

/** First byte of every fragment. */
export const FRAGMENT_MAGIC = 0xf7
/** Magic byte, message id (4), fragment index (2), fragment count (2). */
export const FRAGMENT_HEADER_BYTES = 9
/** Largest message sent unchanged, and largest fragment, header included: 64 KiB. */
export const MAX_FRAME_BYTES = 64 * 1024
const MAX_FRAGMENTS = 0xffff

/**
 * The frames to send for one message: the message itself when it is at most `maxFrameBytes`
 * (and does not start with the magic byte, which would make it look like a fragment), else its
 * fragments, numbered with `id` (u32). Throws a RangeError for a message that needs more than
 * 65,535 fragments.
 */
export function fragmentMessage(message: Uint8Array, id: number, maxFrameBytes = MAX_FRAME_BYTES): Uint8Array[] {
  if (message.byteLength <= maxFrameBytes && message[0] !== FRAGMENT_MAGIC) return [message]
  const part = maxFrameBytes - FRAGMENT_HEADER_BYTES
  if (part < 1) throw new RangeError(`a frame of ${maxFrameBytes} bytes cannot hold a fragment`)
  const count = Math.max(1, Math.ceil(message.byteLength / part))
  if (count > MAX_FRAGMENTS) throw new RangeError(`a message of ${message.byteLength} bytes needs ${count} fragments, more than ${MAX_FRAGMENTS}`)
  const frames: Uint8Array[] = []
  for (let index = 0; index < count; index++) {
    const payload = message.subarray(index * part, (index + 1) * part)
    const frame = new Uint8Array(FRAGMENT_HEADER_BYTES + payload.byteLength)
    const header = new DataView(frame.buffer)
    header.setUint8(0, FRAGMENT_MAGIC)
    header.setUint32(1, id >>> 0)
    header.setUint16(5, index)
    header.setUint16(7, count)
    frame.set(payload, FRAGMENT_HEADER_BYTES)
    frames.push(frame)
  }
  return frames
}

/** How much a receiver holds of messages still arriving. */
export interface ReassemblyLimits {
  /** Largest message put back together; a larger one is dropped as it arrives. */
  readonly maxMessageBytes: number
  /** Most bytes held for incomplete messages of all peers together. */
  readonly maxHeldBytes: number
  /** How long a message may take to arrive whole before what came of it is dropped. */
  readonly timeoutMs: number
}

/**
 * 16 MiB per message (Chromium cannot queue more on one channel), 64 MiB for all peers, 30 s.
 * Each peer has at most one message in progress, so a hostile peer holds at most one message's
 * worth, and all of them together at most `maxHeldBytes`.
 */
export const DEFAULT_REASSEMBLY_LIMITS: ReassemblyLimits = { maxMessageBytes: 16 * 1024 * 1024, maxHeldBytes: 64 * 1024 * 1024, timeoutMs: 30_000 }

/** What became of one frame: a whole message, part of one, or something dropped (and why). */
export type Arrival =
  | { readonly kind: 'message'; readonly message: Uint8Array }
  | { readonly kind: 'partial' }
  | { readonly kind: 'dropped'; readonly reason: string }

/** Puts fragmented messages of several peers back together. */
export interface Reassembly<Peer> {
  /**
   * Takes one frame from `peer` at time `now` (ms): a message that is not a fragment comes back
   * as it is; a fragment is held until its message is whole. A bad fragment drops the peer's
   * message in progress along with it.
   */
  receive(peer: Peer, frame: Uint8Array, now: number): Arrival
  /** Drops the messages in progress that began more than `timeoutMs` before `now`; returns whose. */
  expire(now: number): Peer[]
  /** Drops what is held for a peer (it left). */
  forget(peer: Peer): void
  /** Bytes held for incomplete messages. */
  heldBytes(): number
}

interface InProgress {
  readonly id: number
  readonly count: number
  readonly startedAt: number
  readonly parts: Uint8Array[]
  bytes: number
}

const dropped = (reason: string): Arrival => ({ kind: 'dropped', reason })

/** A reassembly for the peers of one connection to a room, within `limits`. */
export function createReassembly<Peer>(limits: ReassemblyLimits = DEFAULT_REASSEMBLY_LIMITS): Reassembly<Peer> {
  const inProgress = new Map<Peer, InProgress>()
  let held = 0
  const forget = (peer: Peer): void => {
    const current = inProgress.get(peer)
    if (!current) return
    held -= current.bytes
    inProgress.delete(peer)
  }

  return {
    receive(peer, frame, now) {
      if (frame[0] !== FRAGMENT_MAGIC) return { kind: 'message', message: frame }
      const current = inProgress.get(peer)
      const fail = (reason: string): Arrival => {
        forget(peer)
        return dropped(reason)
      }
      if (frame.byteLength <= FRAGMENT_HEADER_BYTES) return fail(`a fragment of ${frame.byteLength} bytes is too short`)
      const header = new DataView(frame.buffer, frame.byteOffset, FRAGMENT_HEADER_BYTES)
      const id = header.getUint32(1)
      const index = header.getUint16(5)
      const count = header.getUint16(7)
      if (count === 0 || index >= count) return fail(`fragment ${index} of ${count} does not exist`)
      const expected = current ? current.parts.length : 0
      if (current && current.id !== id) return fail(`a fragment of message ${id} came while message ${current.id} was incomplete`)
      if (index !== expected) return fail(`fragment ${index} of message ${id} came where fragment ${expected} was due`)
      if (current && current.count !== count) return fail(`the fragments of message ${id} disagree on their count (${current.count}, ${count})`)
      const payload = frame.slice(FRAGMENT_HEADER_BYTES)
      const bytes = (current?.bytes ?? 0) + payload.byteLength
      if (bytes > limits.maxMessageBytes) return fail(`message ${id} is larger than ${limits.maxMessageBytes} bytes`)
      if (held + payload.byteLength > limits.maxHeldBytes) return fail(`incomplete messages would hold more than ${limits.maxHeldBytes} bytes`)
      held += payload.byteLength
      const progress = current ?? { id, count, startedAt: now, parts: [], bytes: 0 }
      progress.parts.push(payload)
      progress.bytes = bytes
      inProgress.set(peer, progress)
      if (progress.parts.length < count) return { kind: 'partial' }
      forget(peer)
      const message = new Uint8Array(bytes)
      let at = 0
      for (const part of progress.parts) {
        message.set(part, at)
        at += part.byteLength
      }
      return { kind: 'message', message }
    },
    expire(now) {
      const expired = [...inProgress].filter(([, progress]) => now - progress.startedAt > limits.timeoutMs).map(([peer]) => peer)
      for (const peer of expired) forget(peer)
      return expired
    },
    forget,
    heldBytes: () => held,
  }
}
