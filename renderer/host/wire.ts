/**
 * The browser-mode host's answers: JSON, with bytes (a document's `.mldoc` state) as
 * `{ "$bytes": "<base64>" }`, as the host writes them (`node/web/wire.ts`). Requests with bytes go
 * the other way as bytes (`core/host/bytes-wire.ts`).
 */

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
