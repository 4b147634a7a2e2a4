/**
 * Presence: what each peer publishes about itself in the Yjs awareness state, under `user`, so
 * any Yjs editor (Tiptap's CollaborationCaret, y-prosemirror, ...) shows the same name and colour.
 */

/** A person in the room, as their awareness state carries it. */
export interface AwarenessUser {
  readonly name: string
  /** `#rrggbb`. */
  readonly color: string
}

/** Longest name shown for a peer; longer names are cut, so a peer cannot flood the peers panel. */
export const MAX_USER_NAME = 100
const COLOR = /^#[0-9a-fA-F]{6}$/
/** Colours given to people who chose none, picked by their Yjs client id. */
export const PEER_COLORS = ['#2f6feb', '#d1242f', '#1a7f37', '#8250df', '#bf8700', '#0a7ea4', '#cf222e', '#6e7781'] as const

/** Removes control characters and surrounding spaces, and cuts the name to {@link MAX_USER_NAME}. */
function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return [...name.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim()].slice(0, MAX_USER_NAME).join('')
}

/**
 * The user this peer publishes: the name and colour from settings, or, when the name is empty,
 * "Guest N" with N from the Yjs client id, and a colour from {@link PEER_COLORS}.
 */
export function localAwarenessUser(settings: { userName: string; userColor: string }, clientId: number): AwarenessUser {
  const name = cleanName(settings.userName) || `Guest ${clientId % 1000}`
  const color = COLOR.test(settings.userColor) ? settings.userColor.toLowerCase() : PEER_COLORS[clientId % PEER_COLORS.length]!
  return { name, color }
}

/**
 * Reads the `user` of a remote awareness state, which comes from the network and may be
 * anything: returns a cleaned user, or null when the state carries no usable user.
 */
export function remoteAwarenessUser(state: unknown, clientId: number): AwarenessUser | null {
  if (typeof state !== 'object' || state === null) return null
  const user = (state as { user?: unknown }).user
  if (typeof user !== 'object' || user === null) return null
  const { name, color } = user as { name?: unknown; color?: unknown }
  if (typeof name !== 'string') return null
  const cleaned = cleanName(name) || `Guest ${clientId % 1000}`
  return { name: cleaned, color: typeof color === 'string' && COLOR.test(color) ? color.toLowerCase() : PEER_COLORS[clientId % PEER_COLORS.length]! }
}
