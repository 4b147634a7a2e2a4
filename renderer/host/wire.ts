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

/** `Uint8Array.fromBase64` (ES2026), native where the browser has it (Chromium 140 and later). */
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64

function fromBase64(text: string): Uint8Array {
  // A document's state arrives this way as it opens: the loop below took 16 ms of a cold open of
  // the 1x bench document (194 KB) in Chromium.
  if (nativeFromBase64) return nativeFromBase64(text)
  const binary = atob(text)
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

/**
 * Base64 of bytes, made by the browser off the main thread (a data: URL of a Blob), where there
 * is a FileReader: a document's state is about a megabyte, saved about once a second while
 * someone types, and encoding it here took a long task from the keystrokes each time.
 */
function toBase64Async(bytes: Uint8Array): Promise<string> {
  if (typeof FileReader !== 'function' || typeof Blob !== 'function') return Promise.resolve(toBase64(bytes))
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = reader.result as string
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.onerror = () => reject(reader.error ?? new Error('the bytes could not be read for sending'))
    reader.readAsDataURL(new Blob([bytes as Uint8Array<ArrayBuffer>]))
  })
}

/** A JSON string of the value, with every Uint8Array tagged as base64 (made off the main thread). */
export async function encodeWire(value: unknown): Promise<string> {
  const found: Uint8Array[] = []
  JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Uint8Array) found.push(v)
    return v instanceof Uint8Array ? null : v
  })
  if (found.length === 0) return JSON.stringify(value)
  const encoded = new Map(await Promise.all(found.map(async (bytes) => [bytes, await toBase64Async(bytes)] as const)))
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? { $bytes: encoded.get(v) ?? toBase64(v) } : v))
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
