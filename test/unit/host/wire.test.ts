import { describe, expect, it } from 'vitest'
import { decodeWire as hostDecode, encodeWire as hostEncode } from '../../../node/web/wire.js'
import { decodeWire as rendererDecode, encodeWire as rendererEncode } from '../../../renderer/host/wire.js'

// Bytes between the renderer and the browser-mode host, both ways, through each side's own code.
// (In Node the renderer decodes base64 with its fallback loop; Chromium has Uint8Array.fromBase64,
// which the end-to-end tests of the web host go through.)

/** Every byte value, and lengths that leave each kind of base64 padding. */
const samples = [new Uint8Array(0), Uint8Array.from({ length: 256 }, (_, i) => i), new Uint8Array([0xff]), new Uint8Array([1, 2]), new Uint8Array([250, 251, 252, 253])]

describe('bytes on the wire', () => {
  it('reach the host from the renderer unchanged, inside any request', async () => {
    for (const state of samples) {
      const request = { path: 'a.mldoc', state, nested: { list: [state] } }
      expect(hostDecode(await rendererEncode(request))).toEqual(request)
    }
  })

  it('reach the renderer from the host unchanged, a view into a larger buffer included', () => {
    const buffer = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256)
    for (const state of [...samples, buffer.subarray(5, 262)]) {
      const decoded = rendererDecode(hostEncode({ path: null, name: 'a', state })) as { state: Uint8Array }
      expect(decoded.state).toBeInstanceOf(Uint8Array)
      expect([...decoded.state]).toEqual([...state])
    }
  })

  it('refuse base64 that is not base64, on either side', () => {
    expect(() => hostDecode('{"state":{"$bytes":"not base64!"}}')).toThrow(/not valid base64/)
    expect(() => rendererDecode('{"state":{"$bytes":"not base64!"}}')).toThrow()
  })
})
