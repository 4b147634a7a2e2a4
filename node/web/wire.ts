/**
 * JSON on the wire between the browser-mode host and the renderer (`renderer/host/wire.ts`
 * writes the same shape): bytes travel as `{ "$bytes": "<base64>" }`, everything else as plain JSON.
 */

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** A JSON string of the value, with every Uint8Array tagged as base64. */
export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Uint8Array ? { $bytes: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') } : v)
}

/** The value of a wire JSON string, with tagged base64 back as Uint8Array. Throws on malformed JSON or base64. */
export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const bytes = (v as { $bytes?: unknown }).$bytes
      if (Object.keys(v).length === 1 && typeof bytes === 'string') {
        if (bytes.length % 4 !== 0 || !BASE64.test(bytes)) throw new Error('"$bytes" is not valid base64')
        return new Uint8Array(Buffer.from(bytes, 'base64'))
      }
    }
    return v
  })
}
