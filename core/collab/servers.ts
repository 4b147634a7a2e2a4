import { MLDocError } from '../errors.js'
import { WebURL } from './web-globals.js'

/**
 * The co-editing servers a person types into settings, one per line: signaling servers
 * (`ws://` or `wss://`) and ICE servers (`stun:host:port`, or `turn:host:port USER CREDENTIAL`).
 * Errors name the line and say what is wrong with it.
 */

/** An ICE server as settings and RTCPeerConnection take it. */
export interface IceServer {
  urls: string
  username?: string
  credential?: string
}

/** At most this many of each kind (as the settings schema allows). */
export const MAX_SERVERS = 10

function lines(text: string): { line: number; text: string }[] {
  return text.split(/\r?\n/).map((t, i) => ({ line: i + 1, text: t.trim() })).filter((l) => l.text !== '' && !l.text.startsWith('#'))
}

function settingsError(what: string, line: number, message: string): MLDocError {
  return new MLDocError('argument', message, what, line)
}

/** Reads the signaling servers, one `ws://` or `wss://` address per line. */
export function parseSignalingServers(text: string): string[] {
  const entries = lines(text)
  if (entries.length > MAX_SERVERS) throw settingsError('signaling servers', entries[MAX_SERVERS]!.line, `at most ${MAX_SERVERS} servers`)
  return entries.map(({ line, text: address }) => {
    let url
    try {
      url = new WebURL(address)
    } catch {
      throw settingsError('signaling servers', line, `"${address}" is not an address (expected ws://host:port or wss://host)`)
    }
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw settingsError('signaling servers', line, `"${address}" must start with ws:// or wss://`)
    return url.href
  })
}

/** Reads the ICE servers: `stun:host[:port]`, or `turn:host[:port] USER CREDENTIAL` (also `stuns:`, `turns:`), one per line. */
export function parseIceServers(text: string): IceServer[] {
  const entries = lines(text)
  if (entries.length > MAX_SERVERS) throw settingsError('ICE servers', entries[MAX_SERVERS]!.line, `at most ${MAX_SERVERS} servers`)
  return entries.map(({ line, text: entry }) => {
    const [urls = '', username, credential, ...rest] = entry.split(/\s+/)
    const kind = /^(stuns?|turns?):[^\s:]+(:\d{1,5})?(\?transport=(udp|tcp))?$/i.exec(urls)?.[1]?.toLowerCase()
    if (!kind) throw settingsError('ICE servers', line, `"${urls}" is not a STUN or TURN address (stun:host:port or turn:host:port)`)
    if (rest.length > 0) throw settingsError('ICE servers', line, 'expected the address, then for TURN a user name and a credential, separated by spaces')
    if (kind.startsWith('turn')) {
      if (!username || !credential) throw settingsError('ICE servers', line, `a TURN server needs a user name and a credential after its address: ${urls} USER CREDENTIAL`)
      return { urls, username, credential }
    }
    if (username) throw settingsError('ICE servers', line, 'a STUN server takes no user name or credential')
    return { urls }
  })
}

/** ICE servers as the settings text shows them, one per line. */
export function formatIceServers(servers: readonly { urls: string | string[]; username?: string; credential?: string }[]): string {
  return servers.flatMap((server) => (Array.isArray(server.urls) ? server.urls : [server.urls]).map((url) => [url, server.username, server.credential].filter(Boolean).join(' '))).join('\n')
}
