import { describe, expect, it } from 'vitest'
import { bytesWireParts, readBytesWire } from '../../../core/host/bytes-wire.js'
import { decodeWire as hostDecode, encodeWire as hostEncode } from '../../../node/web/wire.js'
import { decodeWire as rendererDecode } from '../../../renderer/host/wire.js'

// Bytes between the renderer and the browser-mode host, both ways, through each side's own code.
// Requests carry bytes as bytes (core/host/bytes-wire.ts); answers carry them as base64 in JSON,
// which the renderer decodes natively in Chromium (Uint8Array.fromBase64) and here, in Node, with
// its fallback loop.

/** Every byte value, and lengths that leave each kind of base64 padding. */
const samples = [new Uint8Array(0), Uint8Array.from({ length: 256 }, (_, i) => i), new Uint8Array([0xff]), new Uint8Array([1, 2]), new Uint8Array([250, 251, 252, 253])]

/** A body as the host receives it: the parts concatenated. */
function body(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

describe('bytes on the wire', () => {
  it('reach the host from the renderer as bytes, unchanged, wherever a request holds them', () => {
    for (const state of samples) {
      const request = { path: 'ä.mldoc', state, nested: { list: [state, 'text'] }, n: 1 }
      const parts = bytesWireParts(request)
      // The bytes themselves are parts of the body, not copies in the JSON.
      expect(parts.slice(2)).toEqual([state, state])
      expect(readBytesWire(body(parts))).toEqual(request)
    }
    // A Node Buffer too, though JSON.stringify turns a Buffer into its toJSON() form on the way.
    const decoded = readBytesWire(body(bytesWireParts({ state: Buffer.from([7, 8, 9]) }))) as { state: Uint8Array }
    expect([...decoded.state]).toEqual([7, 8, 9])
  })

  it('reach the renderer from the host unchanged, a view into a larger buffer included', () => {
    const buffer = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256)
    for (const state of [...samples, buffer.subarray(5, 262)]) {
      const decoded = rendererDecode(hostEncode({ path: null, name: 'a', state })) as { state: Uint8Array }
      expect(decoded.state).toBeInstanceOf(Uint8Array)
      expect([...decoded.state]).toEqual([...state])
    }
  })

  it('refuse a body that is not what it says, saying what is wrong', () => {
    const good = body(bytesWireParts({ state: new Uint8Array([1, 2, 3]) }))
    expect(() => readBytesWire(good.subarray(0, 3))).toThrow(/shorter than its 4-byte header/)
    expect(() => readBytesWire(good.subarray(0, 10))).toThrow(/fewer than the \d+ bytes of JSON/)
    const pointing = (reference: string) => {
      const json = new TextEncoder().encode(`{"state":{"$bytes":${reference}}}`)
      return body([new Uint8Array([0, 0, 0, json.length]), json, new Uint8Array([9, 9])])
    }
    expect(readBytesWire(pointing('[0,2]'))).toEqual({ state: new Uint8Array([9, 9]) })
    for (const reference of ['[1,2]', '[-1,1]', '[0,1.5]', '"AAA="', '[0]']) expect(() => readBytesWire(pointing(reference)), reference).toThrow(/not an offset and length inside the body/)
    expect(() => readBytesWire(body([new Uint8Array([0, 0, 0, 2]), new Uint8Array([0xff, 0xfe])]))).toThrow()
    expect(() => hostDecode('{"state":{"$bytes":"not base64!"}}')).toThrow(/not valid base64/)
    expect(() => rendererDecode('{"state":{"$bytes":"not base64!"}}')).toThrow()
  })
})
