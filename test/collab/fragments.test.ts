import { describe, expect, it } from 'vitest'
import { createReassembly, FRAGMENT_HEADER_BYTES, FRAGMENT_MAGIC, fragmentMessage, MAX_FRAME_BYTES, type Arrival } from '../../core/collab/fragments.js'
import { seededRandom } from './fixtures.js'

/** Deterministic bytes: a y-webrtc-like message (first byte a message type) of `length` bytes. */
function message(length: number, seed = 1): Uint8Array {
  const random = seededRandom(seed)
  const bytes = new Uint8Array(length)
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256)
  bytes[0] = 0
  return bytes
}

const limits = { maxMessageBytes: 1 << 20, maxHeldBytes: 3 << 20, timeoutMs: 1000 }

/** Feeds frames from one peer; returns every arrival. */
function feed(reassembly: ReturnType<typeof createReassembly<string>>, peer: string, frames: Uint8Array[], now = 0): Arrival[] {
  return frames.map((frame) => reassembly.receive(peer, frame, now))
}

describe('message fragments', () => {
  it('sends a message up to 64 KiB unchanged, and a plain message arrives as it is', () => {
    const small = message(MAX_FRAME_BYTES)
    const frames = fragmentMessage(small, 1)
    expect(frames).toHaveLength(1)
    expect(frames[0]).toBe(small)
    expect(createReassembly<string>(limits).receive('p', small, 0)).toEqual({ kind: 'message', message: small })
  })

  it('splits a 1.2 MiB sync message into frames of at most 64 KiB and puts it back together', () => {
    const large = message(1_250_000, 2)
    const frames = fragmentMessage(large, 7)
    expect(frames).toHaveLength(Math.ceil(large.byteLength / (MAX_FRAME_BYTES - FRAGMENT_HEADER_BYTES)))
    expect(frames.every((f) => f.byteLength <= MAX_FRAME_BYTES && f[0] === FRAGMENT_MAGIC)).toBe(true)
    const reassembly = createReassembly<string>({ ...limits, maxMessageBytes: 2 << 20 })
    expect(feed(reassembly, 'p', frames.slice(0, -1)).every((a) => a.kind === 'partial')).toBe(true)
    expect(reassembly.heldBytes()).toBeGreaterThan(1_000_000)
    const last = reassembly.receive('p', frames.at(-1)!, 0)
    expect(last.kind).toBe('message')
    expect(last.kind === 'message' && Buffer.from(last.message).equals(Buffer.from(large))).toBe(true)
    expect(reassembly.heldBytes()).toBe(0)
  })

  it('sends a small message that starts with the magic byte as one fragment, so it is not mistaken for one', () => {
    const odd = new Uint8Array([FRAGMENT_MAGIC, 1, 2, 3])
    const frames = fragmentMessage(odd, 3)
    expect(frames).toHaveLength(1)
    expect(frames[0]).not.toBe(odd)
    expect(createReassembly<string>(limits).receive('p', frames[0]!, 0)).toEqual({ kind: 'message', message: odd })
  })

  it('keeps the messages of two peers apart', () => {
    const reassembly = createReassembly<string>(limits)
    const [a, b] = [fragmentMessage(message(200_000, 3), 1), fragmentMessage(message(150_000, 4), 1)]
    const arrivals: Arrival[] = []
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i]) arrivals.push(reassembly.receive('a', a[i]!, 0))
      if (b[i]) arrivals.push(reassembly.receive('b', b[i]!, 0))
    }
    const whole = arrivals.filter((x) => x.kind === 'message').map((x) => (x.kind === 'message' ? x.message.byteLength : 0))
    expect(whole.sort()).toEqual([150_000, 200_000])
  })

  it('drops fragments out of order, a fragment of another message in between, and a wrong count', () => {
    const frames = fragmentMessage(message(300_000), 5)
    const cases: [string, Uint8Array[], RegExp][] = [
      ['out of order', [frames[0]!, frames[2]!], /fragment 2 of message 5 came where fragment 1 was due/],
      ['starting in the middle', [frames[1]!], /fragment 1 of message 5 came where fragment 0 was due/],
      ['another message in between', [frames[0]!, fragmentMessage(message(300_000), 6)[1]!], /message 6 came while message 5 was incomplete/],
      ['a repeated fragment', [frames[0]!, frames[0]!], /fragment 0 of message 5 came where fragment 1 was due/],
    ]
    for (const [name, sent, reason] of cases) {
      const reassembly = createReassembly<string>(limits)
      const last = feed(reassembly, 'p', sent).at(-1)!
      expect(last.kind === 'dropped' && reason.test(last.reason), name).toBe(true)
      expect(reassembly.heldBytes(), name).toBe(0)
      // The stream recovers: the next whole message arrives.
      expect(feed(reassembly, 'p', frames).at(-1)!.kind, name).toBe('message')
    }
    const recount = frames[1]!.slice()
    new DataView(recount.buffer).setUint16(7, 99)
    const reassembly = createReassembly<string>(limits)
    const last = feed(reassembly, 'p', [frames[0]!, recount]).at(-1)!
    expect(last.kind === 'dropped' && /disagree on their count/.test(last.reason)).toBe(true)
  })

  it('drops garbage frames: too short, no fragments, an index past the count', () => {
    const reassembly = createReassembly<string>(limits)
    const header = (index: number, count: number) => {
      const frame = new Uint8Array(FRAGMENT_HEADER_BYTES + 4)
      const view = new DataView(frame.buffer)
      view.setUint8(0, FRAGMENT_MAGIC)
      view.setUint16(5, index)
      view.setUint16(7, count)
      return frame
    }
    const reasons = [new Uint8Array([FRAGMENT_MAGIC, 1, 2]), header(0, 0), header(3, 2)].map((frame) => reassembly.receive('p', frame, 0))
    expect(reasons.map((a) => (a.kind === 'dropped' ? a.reason : a.kind))).toEqual([
      'a fragment of 3 bytes is too short',
      'fragment 0 of 0 does not exist',
      'fragment 3 of 2 does not exist',
    ])
  })

  it('drops a message larger than the message cap as soon as it passes it', () => {
    const reassembly = createReassembly<string>({ ...limits, maxMessageBytes: 100_000 })
    const arrivals = feed(reassembly, 'p', fragmentMessage(message(300_000), 1))
    expect(arrivals.slice(0, 1).every((a) => a.kind === 'partial')).toBe(true)
    expect(arrivals[1]).toEqual({ kind: 'dropped', reason: 'message 1 is larger than 100000 bytes' })
    expect(reassembly.heldBytes()).toBe(0)
    // What follows of the dropped message is dropped too, never held.
    expect(arrivals.slice(2).every((a) => a.kind === 'dropped')).toBe(true)
  })

  it('holds no more than the total cap for all peers together', () => {
    const reassembly = createReassembly<string>({ ...limits, maxHeldBytes: 200_000 })
    const frames = fragmentMessage(message(900_000), 1)
    expect(feed(reassembly, 'a', frames.slice(0, 3)).every((x) => x.kind === 'partial')).toBe(true)
    expect(reassembly.heldBytes()).toBe(3 * (MAX_FRAME_BYTES - FRAGMENT_HEADER_BYTES))
    const refused = reassembly.receive('b', frames[0]!, 0)
    expect(refused).toEqual({ kind: 'dropped', reason: 'incomplete messages would hold more than 200000 bytes' })
    reassembly.forget('a')
    expect(reassembly.heldBytes()).toBe(0)
    expect(reassembly.receive('b', frames[0]!, 0).kind).toBe('partial')
  })

  it('drops a message that does not arrive whole within the timeout', () => {
    const reassembly = createReassembly<string>(limits)
    const frames = fragmentMessage(message(200_000), 1)
    reassembly.receive('slow', frames[0]!, 0)
    reassembly.receive('fresh', frames[0]!, 900)
    expect(reassembly.expire(1000)).toEqual([])
    expect(reassembly.expire(1001)).toEqual(['slow'])
    expect(reassembly.heldBytes()).toBe(frames[0]!.byteLength - FRAGMENT_HEADER_BYTES)
    expect(reassembly.receive('slow', frames[1]!, 1002).kind).toBe('dropped')
  })

  it('refuses to send a message that needs more than 65,535 fragments', () => {
    expect(() => fragmentMessage(message(70_000), 1, FRAGMENT_HEADER_BYTES + 1)).toThrow(/needs 70000 fragments, more than 65535/)
  })
})
