/**
 * The few Web platform globals core/collab uses. They exist in browsers and in Node 20, but core is
 * type-checked without DOM or Node types (so nothing else slips in); each is declared here with
 * only the members used.
 */

/** The parts of a parsed address that invites check. */
export interface WebUrl {
  readonly protocol: string
  readonly username: string
  readonly password: string
  readonly hash: string
  readonly href: string
}

/** Query-string reader and writer. */
export interface WebSearchParams {
  append(name: string, value: string): void
  get(name: string): string | null
  getAll(name: string): string[]
  keys(): IterableIterator<string>
  toString(): string
}

/** An AES-GCM key as Web Crypto holds it (y-webrtc derives one from the room secret). */
export type WebCryptoKey = object

interface WebGlobals {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(timer: unknown): void
  URL: new (url: string) => WebUrl
  URLSearchParams: new (init?: string) => WebSearchParams
  crypto: {
    getRandomValues<T extends Uint8Array>(array: T): T
    subtle: {
      decrypt(algorithm: { name: 'AES-GCM'; iv: Uint8Array }, key: WebCryptoKey, data: Uint8Array): Promise<ArrayBuffer>
      encrypt(algorithm: { name: 'AES-GCM'; iv: Uint8Array }, key: WebCryptoKey, data: Uint8Array): Promise<ArrayBuffer>
    }
  }
}

const globals = globalThis as unknown as WebGlobals

/** The global `URL` constructor. */
export const WebURL = globals.URL
/** The global `URLSearchParams` constructor. */
export const WebURLSearchParams = globals.URLSearchParams
/** `crypto.getRandomValues`. */
export function getRandomValues<T extends Uint8Array>(array: T): T {
  return globals.crypto.getRandomValues(array)
}

/** AES-GCM decryption with Web Crypto; rejects when the key is not the one the data was encrypted with. */
export function decryptAesGcm(key: WebCryptoKey, iv: Uint8Array, data: Uint8Array): Promise<ArrayBuffer> {
  return globals.crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, data)
}

/** AES-GCM encryption with Web Crypto (`iv`: 12 random bytes, never used twice with one key). */
export function encryptAesGcm(key: WebCryptoKey, iv: Uint8Array, data: Uint8Array): Promise<ArrayBuffer> {
  return globals.crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data)
}

/** A timer of {@link startTimer}. */
export type WebTimer = { readonly __timer: unique symbol }

/** `setTimeout`: runs `callback` once after `ms` milliseconds unless {@link stopTimer} stops it first. */
export function startTimer(callback: () => void, ms: number): WebTimer {
  return globals.setTimeout(callback, ms) as WebTimer
}

/** `clearTimeout`. */
export function stopTimer(timer: WebTimer): void {
  globals.clearTimeout(timer)
}
