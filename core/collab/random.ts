/** Random room ids and secrets, from the platform's cryptographic random source. */
import { getRandomValues } from './web-globals.js'

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** `bytes` random bytes as unpadded base64url text (URL-safe: no escaping inside an invite). */
export function randomToken(bytes: number): string {
  const data = getRandomValues(new Uint8Array(bytes))
  let out = ''
  let bits = 0
  let value = 0
  for (const byte of data) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 6) {
      bits -= 6
      out += BASE64URL[(value >> bits) & 63]
    }
    value &= (1 << bits) - 1
  }
  if (bits > 0) out += BASE64URL[(value << (6 - bits)) & 63]
  return out
}

/** A new room id: 128 random bits, so two documents never share a room by chance. */
export function newRoomId(): string {
  return randomToken(16)
}

/** A new room secret (y-webrtc's room `password`): 256 random bits. */
export function newRoomSecret(): string {
  return randomToken(32)
}
