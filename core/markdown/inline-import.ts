import type { JSONContent } from '@tiptap/core'
import type { Definition, Nodes, PhrasingContent } from 'mdast'
import { isSafeHref } from '../schema/links.js'
import { linkTarget } from './link-destination.js'

/** A ProseMirror mark as JSON. */
interface MarkJSON {
  readonly type: 'bold' | 'italic' | 'strike' | 'code' | 'link'
  readonly attrs?: { readonly href: string; readonly title: string | null }
}

/** What inline import needs from the document around it. */
export interface InlineImportScope {
  /** Link reference definitions of the document, by normalised identifier. */
  readonly definitions: ReadonlyMap<string, Definition>
  /** Reports something that could not be kept as written. */
  warn(line: number | undefined, message: string): void
}

/** `marks` plus a mark without attributes; emphasis inside emphasis (`*a *b* c*`) stays one mark. */
function withMark(marks: readonly MarkJSON[], type: 'bold' | 'italic' | 'strike'): readonly MarkJSON[] {
  return marks.some((m) => m.type === type) ? marks : [...marks, { type }]
}

/**
 * The marks a text gets. ProseMirror's code mark excludes every other mark; where Markdown
 * combines them, a link keeps its target (code formatting inside it is dropped) and otherwise
 * code wins over bold, italic and strike.
 */
function resolveMarks(marks: readonly MarkJSON[]): MarkJSON[] {
  if (!marks.some((m) => m.type === 'code') || marks.length === 1) return [...marks]
  return marks.some((m) => m.type === 'link') ? marks.filter((m) => m.type !== 'code') : [{ type: 'code' }]
}

/** The plain text of mdast phrasing (what a reader sees), for labels and choice values. */
export function plainText(nodes: readonly Nodes[]): string {
  let out = ''
  for (const node of nodes) {
    if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'html') out += node.value
    else if (node.type === 'image' || node.type === 'imageReference') out += node.alt ?? ''
    else if (node.type === 'break') out += ' '
    else if (node.type === 'footnoteReference') out += `[^${node.label ?? node.identifier}]`
    else if ('children' in node) out += plainText(node.children as Nodes[])
  }
  return out
}

/**
 * mdast phrasing as ProseMirror inline JSON. Soft line breaks become spaces; in `line` mode
 * (headings, table cells, fields) hard breaks do too. Raw HTML is kept as the text it is, images
 * become links to the image, footnote references stay as `[^label]` text, and links MLDoc does
 * not keep become their text with a warning.
 */
export function phrasingToJSON(nodes: readonly PhrasingContent[], scope: InlineImportScope, line: boolean): JSONContent[] {
  const out: JSONContent[] = []
  const text = (value: string, marks: readonly MarkJSON[]) => {
    const normalised = value.replace(/\r\n?|\n/g, ' ')
    if (!normalised) return
    const resolved = resolveMarks(marks)
    out.push(resolved.length ? { type: 'text', text: normalised, marks: resolved.map((m) => ({ ...m })) } : { type: 'text', text: normalised })
  }
  const link = (destination: string, title: string | null | undefined, marks: readonly MarkJSON[], where: Nodes): readonly MarkJSON[] | null => {
    const url = linkTarget(destination)
    if (!isSafeHref(url)) {
      scope.warn(where.position?.start.line, `link to "${url}" removed: only http(s), mailto and relative links are kept`)
      return null
    }
    if (marks.some((m) => m.type === 'link')) return marks
    return [...marks, { type: 'link', attrs: { href: url, title: title ?? null } }]
  }
  const walk = (children: readonly PhrasingContent[], marks: readonly MarkJSON[]) => {
    for (const node of children) {
      switch (node.type) {
        case 'text':
        case 'html':
          text(node.value, marks)
          break
        case 'inlineCode':
          text(node.value, [...marks, { type: 'code' }])
          break
        case 'strong':
          walk(node.children, withMark(marks, 'bold'))
          break
        case 'emphasis':
          walk(node.children, withMark(marks, 'italic'))
          break
        case 'delete':
          walk(node.children, withMark(marks, 'strike'))
          break
        case 'break':
          if (line) text(' ', marks)
          else out.push({ type: 'hardBreak' })
          break
        case 'footnoteReference':
          text(`[^${node.label ?? node.identifier}]`, marks)
          break
        case 'link':
          walk(node.children.length ? node.children : [{ type: 'text', value: node.url }], link(node.url, node.title, marks, node) ?? marks)
          break
        case 'linkReference': {
          const definition = scope.definitions.get(node.identifier)
          const linked = definition ? link(definition.url, definition.title, marks, node) : null
          walk(node.children.length ? node.children : [{ type: 'text', value: definition?.url ?? '' }], linked ?? marks)
          break
        }
        case 'image':
        case 'imageReference': {
          const target = node.type === 'image' ? node : scope.definitions.get(node.identifier)
          const alt = node.alt ?? ''
          const linked = target ? link(target.url, target.title, marks, node) : null
          text(alt || (linked ? target!.url : ''), linked ?? marks)
          break
        }
      }
    }
  }
  walk(nodes, [])
  return out
}
