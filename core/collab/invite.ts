import { MLDocError } from '../errors.js'
import { WebURL, WebURLSearchParams, type WebUrl } from './web-globals.js'

/**
 * The protocol a relay server speaks: the y-websocket server's (`relay=` in an invite), or
 * Hocuspocus's (`hocuspocus=`), which adds the document name and an authentication message.
 */
export type RelayProtocol = 'y-websocket' | 'hocuspocus'

/**
 * An invitation to edit one document together: the room, its secret, and how peers find each
 * other. Peer to peer (`webrtc`): the signaling servers through which browsers meet and then
 * connect directly. Through a relay (`relay`): one Yjs WebSocket server (a y-websocket server or
 * Hocuspocus, `relayProtocol`) that carries every update, for teams larger than a mesh suits or
 * networks WebRTC cannot cross.
 */
export type RoomInvite =
  | { readonly room: string; readonly secret: string; readonly transport: 'webrtc'; readonly signaling: readonly string[] }
  | { readonly room: string; readonly secret: string; readonly transport: 'relay'; readonly relay: string; readonly relayProtocol: RelayProtocol }

/** Scheme and host of an invite link: `mldoc://join?...`. */
export const INVITE_PREFIX = 'mldoc://join'
/** Route of the join page in browser mode: `#/join?...`. */
export const JOIN_ROUTE = '#/join'

/** Room ids and secrets are base64url text (what {@link newRoomId} and {@link newRoomSecret} make). */
const TOKEN = /^[A-Za-z0-9_-]+$/
const ROOM_LENGTH = { min: 8, max: 128 }
const SECRET_LENGTH = { min: 16, max: 256 }
const MAX_SIGNALING = 10

/** The invite key naming the relay server, for each protocol. */
const RELAY_KEY: Record<RelayProtocol, string> = { 'y-websocket': 'relay', hocuspocus: 'hocuspocus' }
/** The relay server in words, for each protocol. */
const RELAY_WHAT: Record<RelayProtocol, string> = { 'y-websocket': 'relay server', hocuspocus: 'Hocuspocus server' }

function inviteError(message: string): MLDocError {
  return new MLDocError('argument', message, 'invite')
}

/** Checks a WebSocket server address from an invite; returns it normalised or throws naming `what`. */
function checkWebSocketUrl(raw: string, what: string): string {
  let url: WebUrl
  try {
    url = new WebURL(raw)
  } catch {
    throw inviteError(`the ${what} "${raw}" is not an address (expected ws://host:port or wss://host)`)
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw inviteError(`the ${what} "${raw}" must start with ws:// or wss://, not ${url.protocol}//`)
  }
  if (url.username || url.password) throw inviteError(`the ${what} "${raw}" must not carry a user name or password`)
  if (url.hash) throw inviteError(`the ${what} "${raw}" must not have a #fragment`)
  return url.href
}

function checkToken(value: string | null, name: string, length: { min: number; max: number }): string {
  if (value === null || value === '') throw inviteError(`the ${name} is missing`)
  if (!TOKEN.test(value)) throw inviteError(`the ${name} may hold only letters, digits, "-" and "_"`)
  if (value.length < length.min) throw inviteError(`the ${name} is too short (${value.length} characters, at least ${length.min}): the invite was probably cut off`)
  if (value.length > length.max) throw inviteError(`the ${name} is too long (${value.length} characters, at most ${length.max})`)
  return value
}

/** Checks every part of an invite; returns it with its addresses normalised. Throws naming the part that is wrong. */
export function checkInvite(invite: RoomInvite): RoomInvite {
  const room = checkToken(invite.room, 'room id', ROOM_LENGTH)
  const secret = checkToken(invite.secret, 'secret', SECRET_LENGTH)
  if (invite.transport === 'relay') {
    const protocol = invite.relayProtocol
    if (protocol !== 'y-websocket' && protocol !== 'hocuspocus') throw inviteError(`the relay protocol "${String(protocol)}" is unknown (y-websocket or hocuspocus)`)
    return { room, secret, transport: 'relay', relay: checkWebSocketUrl(invite.relay, RELAY_WHAT[protocol]), relayProtocol: protocol }
  }
  if (invite.signaling.length === 0) throw inviteError('it names no signaling server (signal=ws://...) and no relay server (relay=ws://... or hocuspocus=ws://...)')
  if (invite.signaling.length > MAX_SIGNALING) throw inviteError(`it names ${invite.signaling.length} signaling servers; at most ${MAX_SIGNALING} are allowed`)
  const signaling = [...new Set(invite.signaling.map((url) => checkWebSocketUrl(url, 'signaling server')))]
  return { room, secret, transport: 'webrtc', signaling }
}

/**
 * The query part of an invite (`room=..&secret=..&signal=..`), shared by the link and the browser
 * route. A relay server is `relay=<ws url>` (y-websocket) or `hocuspocus=<ws url>` instead of `signal`.
 */
export function inviteQuery(invite: RoomInvite): string {
  const checked = checkInvite(invite)
  const params = new WebURLSearchParams()
  params.append('room', checked.room)
  params.append('secret', checked.secret)
  if (checked.transport === 'relay') params.append(RELAY_KEY[checked.relayProtocol], checked.relay)
  else for (const url of checked.signaling) params.append('signal', url)
  return params.toString()
}

/**
 * The invite link: `mldoc://join?room=<id>&secret=<secret>&signal=<url-encoded ws url>` (signal
 * may repeat), or `relay=<ws url>` (a y-websocket server) or `hocuspocus=<ws url>` instead of `signal`.
 */
export function formatInvite(invite: RoomInvite): string {
  return `${INVITE_PREFIX}?${inviteQuery(invite)}`
}

/** Reads the query of an invite. */
function inviteFromQuery(query: string): RoomInvite {
  const params = new WebURLSearchParams(query)
  const known = new Set(['room', 'secret', 'signal', 'relay', 'hocuspocus'])
  const unknown = [...new Set([...params.keys()].filter((key) => !known.has(key)))]
  if (unknown.length > 0) throw inviteError(`it has unknown parts: ${unknown.join(', ')}`)
  for (const key of ['room', 'secret', 'relay', 'hocuspocus']) {
    if (params.getAll(key).length > 1) throw inviteError(`it gives "${key}" more than once`)
  }
  const room = params.get('room') ?? ''
  const secret = params.get('secret') ?? ''
  const relay = params.get('relay')
  const hocuspocus = params.get('hocuspocus')
  const signaling = params.getAll('signal')
  if (relay !== null && hocuspocus !== null) throw inviteError('it names both a y-websocket relay server (relay=) and a Hocuspocus server (hocuspocus=); an invite uses one server')
  if ((relay !== null || hocuspocus !== null) && signaling.length > 0) throw inviteError('it names both signaling servers and a relay server; an invite uses one or the other')
  if (relay !== null) return checkInvite({ room, secret, transport: 'relay', relay, relayProtocol: 'y-websocket' })
  if (hocuspocus !== null) return checkInvite({ room, secret, transport: 'relay', relay: hocuspocus, relayProtocol: 'hocuspocus' })
  return checkInvite({ room, secret, transport: 'webrtc', signaling })
}

/**
 * Reads an invite as a person may paste it: the `mldoc://join?...` link, a browser-mode address
 * whose fragment is `#/join?...`, or the route alone. Surrounding spaces and angle brackets are
 * ignored. Throws an {@link MLDocError} that says what is wrong with it.
 */
export function parseInvite(text: string): RoomInvite {
  const trimmed = text.trim().replace(/^<(.*)>$/s, '$1').trim()
  if (trimmed === '') throw inviteError('it is empty')
  if (trimmed.toLowerCase().startsWith(INVITE_PREFIX)) {
    const rest = trimmed.slice(INVITE_PREFIX.length)
    if (rest !== '' && !rest.startsWith('?') && !rest.startsWith('/?')) throw inviteError(`it must be ${INVITE_PREFIX}?room=...`)
    return inviteFromQuery(rest.replace(/^\/?\??/, ''))
  }
  const route = trimmed.indexOf(JOIN_ROUTE)
  if (route >= 0) {
    const rest = trimmed.slice(route + JOIN_ROUTE.length)
    if (rest !== '' && !rest.startsWith('?')) throw inviteError(`it must be ${JOIN_ROUTE}?room=...`)
    return inviteFromQuery(rest.slice(1))
  }
  throw inviteError(`it is not an MLDoc invite (an invite starts with ${INVITE_PREFIX}?)`)
}
