/**
 * JSON on the wire between the renderer and the browser-mode host. Bytes (a document's `.mldoc`
 * state) travel as `{ "$bytes": "<base64>" }`; everything else is plain JSON. The host side
 * (`node/web/wire.ts`) reads and writes the same shape.
 */

const CHUNK = 0x8000

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK))
  return btoa(binary)
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text)
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

/** A JSON string of the value, with every Uint8Array tagged as base64. */
export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? { $bytes: toBase64(v) } : v))
}

/** The value of a wire JSON string, with tagged base64 back as Uint8Array. */
export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v)
      const bytes = (v as { $bytes?: unknown }).$bytes
      if (keys.length === 1 && typeof bytes === 'string') return fromBase64(bytes)
    }
    return v
  })
}
