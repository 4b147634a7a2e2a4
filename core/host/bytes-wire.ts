/**
 * A host request that carries bytes (a document's `.mldoc` state), sent to the browser-mode host
 * with its bytes as bytes: a 4-byte big-endian length of its JSON, the JSON in UTF-8 with each
 * Uint8Array replaced by `{ "$bytes": [offset, length] }`, then the bytes, back to back. The page
 * hands the parts to `fetch` as a Blob and encodes nothing; as base64 in JSON, the autosaves
 * (about once a second while someone types) took the main thread 48 ms to encode over 120
 * keystrokes of the 1x bench document.
 */

/** The Content-Type of such a request. */
export const BYTES_WIRE_TYPE = 'application/x-mldoc-wire'

const HEADER = 4

/** UTF-8 codecs of the Web platform, in browsers and Node (core is type-checked without their types). */
const { TextEncoder: Utf8Encoder, TextDecoder: Utf8Decoder } = globalThis as unknown as {
  TextEncoder: new () => { encode(text: string): Uint8Array }
  TextDecoder: new (label: 'utf-8', options: { fatal: boolean }) => { decode(bytes: Uint8Array): string }
}

/** The parts of the body of a value, in order (to put in a Blob, or concatenate): the header, the JSON in UTF-8, then each Uint8Array. */
export function bytesWireParts(value: unknown): Uint8Array[] {
  const bytes: Uint8Array[] = []
  let offset = 0
  // The holder's own value, not `v`: a Node Buffer has turned into its toJSON() form by then.
  const json = JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const original = this[key]
    if (!(original instanceof Uint8Array)) return v
    bytes.push(original)
    offset += original.length
    return { $bytes: [offset - original.length, original.length] }
  })
  const text = new Utf8Encoder().encode(json)
  const header = new Uint8Array(HEADER)
  new DataView(header.buffer).setUint32(0, text.length)
  return [header, text, ...bytes]
}

/** The value a body holds. Throws, saying what is wrong, when the body is not one. */
export function readBytesWire(body: Uint8Array): unknown {
  if (body.length < HEADER) throw new Error('the body is shorter than its 4-byte header')
  const length = new DataView(body.buffer, body.byteOffset, body.byteLength).getUint32(0)
  if (HEADER + length > body.length) throw new Error(`the body has ${body.length - HEADER} bytes after its header, fewer than the ${length} bytes of JSON it announces`)
  const bytes = body.subarray(HEADER + length)
  const text = new Utf8Decoder('utf-8', { fatal: true }).decode(body.subarray(HEADER, HEADER + length))
  return JSON.parse(text, (_key, v: unknown) => {
    if (!v || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length !== 1 || !('$bytes' in v)) return v
    const [offset, size] = Array.isArray(v.$bytes) ? (v.$bytes as unknown[]) : []
    if (typeof offset !== 'number' || typeof size !== 'number' || !Number.isSafeInteger(offset) || !Number.isSafeInteger(size) || offset < 0 || size < 0 || offset + size > bytes.length) {
      throw new Error('a "$bytes" reference is not an offset and length inside the body')
    }
    return bytes.slice(offset, offset + size)
  })
}
