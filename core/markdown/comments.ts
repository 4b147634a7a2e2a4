import type { BlockSpec } from '../blocks/define.js'

/** What a heading carries besides its text: the template's guidance and the done mark. */
export interface SectionAttrs {
  readonly guidance: string | null
  readonly done: boolean
}

/** An HTML comment MLDoc wrote (`<!-- mldoc:... -->`), as read back. */
export type MLDocComment =
  | { readonly kind: 'block'; readonly name: string; readonly version: number }
  | { readonly kind: 'section'; readonly attrs: SectionAttrs }
  /** A comment that says `mldoc:` but is not one MLDoc can use; `problem` says why. */
  | { readonly kind: 'unreadable'; readonly problem: string }

const BLOCK_MARKER = /^<!--[ \t]*mldoc:([a-z][a-z0-9-]*)[ \t]+v(\d{1,6})[ \t]*-->$/
const SECTION_COMMENT = /^<!--[ \t]*mldoc:section[ \t]+(\{.*\})[ \t]*-->$/s
const MLDOC_COMMENT = /^<!--[ \t]*mldoc:/

/** The marker comment written above a structured block's visible form. */
export function blockMarker(spec: BlockSpec): string {
  return `<!-- mldoc:${spec.markdownName} v${spec.formatVersion} -->`
}

/**
 * The comment written under a heading that carries guidance or is marked done, or null when it
 * carries neither. `--` and `>` are written as JSON escapes so the comment cannot end early, and
 * the line and paragraph separators (U+2028, U+2029) too, so it stays on one line in any editor.
 */
export function sectionComment(attrs: SectionAttrs): string | null {
  const json: { done?: true; guidance?: string } = {}
  if (attrs.done) json.done = true
  if (typeof attrs.guidance === 'string') json.guidance = attrs.guidance
  if (json.done === undefined && json.guidance === undefined) return null
  const text = JSON.stringify(json)
    .replace(/--/g, '\\u002d\\u002d')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
  return `<!-- mldoc:section ${text} -->`
}

/** Whether raw HTML is a block marker MLDoc wrote. */
export function isBlockMarker(html: string): boolean {
  return BLOCK_MARKER.test(html)
}

/** Whether raw HTML is a section comment MLDoc wrote. */
export function isSectionComment(html: string): boolean {
  return SECTION_COMMENT.test(html)
}

/** Reads an `mldoc:` comment; null when the HTML is not one (any other HTML is content). */
export function readMLDocComment(html: string): MLDocComment | null {
  const value = html.trim()
  if (!MLDOC_COMMENT.test(value)) return null
  const marker = BLOCK_MARKER.exec(value)
  if (marker && marker[1] !== 'section') return { kind: 'block', name: marker[1]!, version: Number(marker[2]) }
  const section = SECTION_COMMENT.exec(value)
  if (!section) return { kind: 'unreadable', problem: 'it is neither a block marker (`<!-- mldoc:<name> v<version> -->`) nor a section comment' }
  let json: unknown
  try {
    json = JSON.parse(section[1]!)
  } catch (error) {
    return { kind: 'unreadable', problem: `its JSON does not parse (${(error as Error).message})` }
  }
  const record = json as Record<string, unknown>
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { kind: 'unreadable', problem: 'its JSON is not an object' }
  const unknown = Object.keys(record).filter((key) => key !== 'done' && key !== 'guidance')
  if (unknown.length > 0) return { kind: 'unreadable', problem: `it has unknown keys (${unknown.join(', ')})` }
  if (record.done !== undefined && typeof record.done !== 'boolean') return { kind: 'unreadable', problem: '"done" must be true or false' }
  if (record.guidance !== undefined && typeof record.guidance !== 'string') return { kind: 'unreadable', problem: '"guidance" must be a string' }
  return { kind: 'section', attrs: { done: record.done === true, guidance: (record.guidance as string | undefined) ?? null } }
}
