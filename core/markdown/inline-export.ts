import type { Mark, Node as PMNode } from '@tiptap/pm/model'
import type { Paragraph, PhrasingContent } from 'mdast'
import { isSafeHref } from '../schema/links.js'
import { linkDestination } from './link-destination.js'
import { linkLiterals } from './syntax.js'

/** How inline content is written. */
export interface InlineExportOptions {
  /**
   * One line, as in table cells, fields and headings: hard breaks become spaces and, in cells
   * and fields (`trim`), whitespace at both ends is dropped (GFM drops it anyway).
   */
  readonly line: boolean
  readonly trim?: boolean
}

/** A run of inline content with one set of marks. */
interface Piece {
  text: string
  readonly marks: readonly Mark[]
  readonly hardBreak: boolean
}

type MdastParent = { children: PhrasingContent[] }

/** Which of two marks that run equally far is outermost. */
const MARK_ORDER = ['link', 'bold', 'italic', 'strike']

const WHITESPACE_START = /^[ \t]+/
const WHITESPACE_END = /[ \t]+$/

/** A mark that is written to Markdown: unsafe links are written as their text. */
function keptMarks(marks: readonly Mark[]): readonly Mark[] {
  for (const mark of marks) if (mark.type.name === 'link' && !isSafeHref(String(mark.attrs.href ?? ''))) return marks.filter(isNotLink)
  return marks
}

function isNotLink(mark: Mark): boolean {
  return mark.type.name !== 'link'
}

function sameMarks(a: readonly Mark[], b: readonly Mark[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (!a[i]!.eq(b[i]!)) return false
  return true
}

/** Text with its line endings as spaces. */
function lineText(text: string): string {
  return text.includes('\n') || text.includes('\r') ? text.replace(/\r\n?|\n/g, ' ') : text
}

/** The pieces of a node's inline content, normalised for Markdown. */
function pieces(parent: PMNode, options: InlineExportOptions): Piece[] {
  const out: Piece[] = []
  for (let c = 0; c < parent.childCount; c++) {
    const child = parent.child(c)
    const marks = keptMarks(child.marks)
    let piece: Piece
    if (child.isText) piece = { text: lineText(child.text!), marks, hardBreak: false }
    else if (child.type.name === 'hardBreak') piece = options.line ? { text: ' ', marks, hardBreak: false } : { text: '', marks, hardBreak: true }
    else continue
    const last = out[out.length - 1]
    if (last && !last.hardBreak && !piece.hardBreak && sameMarks(last.marks, piece.marks)) last.text += piece.text
    else out.push(piece)
  }
  if (options.trim) {
    while (out[0] && !out[0].hardBreak && (out[0].text = out[0].text.replace(WHITESPACE_START, '')) === '') out.shift()
    let last = out[out.length - 1]
    while (last && !last.hardBreak && (last.text = last.text.replace(WHITESPACE_END, '')) === '') {
      out.pop()
      last = out[out.length - 1]
    }
  }
  // A hard break at the end of a paragraph cannot be written in Markdown.
  while (out[out.length - 1]?.hardBreak) out.pop()
  return withLiteralLinks(out, parent)
}

/**
 * Whether text may hold a GFM literal link: every one has a dot and `://`, `www.` or an `@`.
 * Other text is not cut into links, which saves the costly transform.
 */
function mayHoldLiteralLink(text: string): boolean {
  return text.includes('.') && (text.includes('@') || text.includes('://') || /www\./i.test(text))
}

/**
 * Plain text that GFM reads as a link (`www.x.com`, `https://x.com`, `a@b.co`) is a link for
 * GitHub and for the importer whatever escapes it is written with: it is written as the link
 * it will be read as, so the file reads back to the same bytes.
 */
function withLiteralLinks(list: Piece[], parent: PMNode): Piece[] {
  const linkType = parent.type.schema.marks.link
  const plain = (piece: Piece) => piece.hardBreak || !mayHoldLiteralLink(piece.text) || piece.marks.some((m) => m.type.name === 'link' || m.type.name === 'code')
  if (!linkType || list.every(plain)) return list
  const out: Piece[] = []
  for (const piece of list) {
    if (plain(piece)) {
      out.push(piece)
      continue
    }
    for (const segment of literalLinkSegments(piece.text)) {
      const marks = segment.url ? linkType.create({ href: segment.url, title: null }).addToSet(piece.marks) : piece.marks
      const last = out[out.length - 1]
      if (last && !segment.url && !last.hardBreak && last.marks === piece.marks) last.text += segment.text
      else out.push({ text: segment.text, marks, hardBreak: false })
    }
  }
  return out
}

/**
 * Text cut into plain and autolinked segments the way the importer will see it: once links are
 * written, the text between two links is a node of its own and is linked on its own, so every
 * plain segment is cut again until none holds a link.
 */
function literalLinkSegments(text: string): { text: string; url?: string }[] {
  const paragraph: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: text }] }
  linkLiterals({ type: 'root', children: [paragraph] })
  if (paragraph.children.length === 1 && paragraph.children[0]!.type === 'text') return [{ text }]
  const out: { text: string; url?: string }[] = []
  for (const node of paragraph.children) {
    if (node.type === 'text') out.push(...literalLinkSegments(node.value))
    else if (node.type === 'link') {
      const value = node.children.map((child) => (child.type === 'text' ? child.value : '')).join('')
      out.push(isSafeHref(node.url) ? { text: value, url: node.url } : { text: value })
    }
  }
  return out
}

/**
 * The text of inline content that is only text without marks and cannot hold a literal link
 * (most paragraphs and cells), as {@link pieces} would give it in one piece; undefined for any
 * other content.
 */
export function plainText(parent: PMNode, options: InlineExportOptions): string | undefined {
  let text = ''
  for (let i = 0; i < parent.childCount; i++) {
    const child = parent.child(i)
    if (!child.isText || child.marks.length > 0) return undefined
    text += lineText(child.text!)
  }
  if (mayHoldLiteralLink(text)) return undefined
  return options.trim ? text.replace(WHITESPACE_START, '').replace(WHITESPACE_END, '') : text
}

function markNode(mark: Mark): PhrasingContent & MdastParent {
  switch (mark.type.name) {
    case 'bold':
      return { type: 'strong', children: [] }
    case 'italic':
      return { type: 'emphasis', children: [] }
    case 'strike':
      return { type: 'delete', children: [] }
    case 'link':
      return { type: 'link', url: linkDestination(String(mark.attrs.href)), title: (mark.attrs.title as string | null) ?? null, children: [] }
    default:
      throw new Error(`exportMarkdown: mark ${mark.type.name} has no Markdown form`)
  }
}

/**
 * Whether every piece has at most one mark and no mark runs on into the next piece: then every
 * piece is a node of its own (what the general nesting below gives, without its bookkeeping).
 */
function singleMarks(list: readonly Piece[]): boolean {
  for (let i = 0; i < list.length; i++) {
    const marks = list[i]!.marks
    if (marks.length > 1) return false
    const next = list[i + 1]
    if (marks.length === 1 && next?.marks.length === 1 && marks[0]!.type.name !== 'code' && marks[0]!.eq(next.marks[0]!)) return false
  }
  return true
}

/** A piece with at most one mark as mdast: text, a break, inline code, or one mark holding the text or break. */
function singleMarkNode(piece: Piece): PhrasingContent {
  const inner: PhrasingContent = piece.hardBreak ? { type: 'break' } : { type: 'text', value: piece.text }
  const mark = piece.marks[0]
  if (!mark) return inner
  if (mark.type.name === 'code') return piece.hardBreak ? inner : { type: 'inlineCode', value: piece.text }
  const node = markNode(mark)
  node.children.push(inner)
  return node
}

/**
 * A node's inline content as mdast phrasing. Marks nest so that the mark that runs longest is
 * outermost; the code mark becomes inline code. Links whose target MLDoc does not keep become
 * their plain text.
 */
export function inlineToMdast(parent: PMNode, options: InlineExportOptions): PhrasingContent[] {
  const plain = plainText(parent, options)
  if (plain !== undefined) return plain ? [{ type: 'text', value: plain }] : []
  const list = pieces(parent, options)
  if (list.every((piece) => piece.marks.length === 0)) return list.map((piece): PhrasingContent => (piece.hardBreak ? { type: 'break' } : { type: 'text', value: piece.text }))
  if (singleMarks(list)) return list.map(singleMarkNode)
  // How far each mark of each piece runs (index of the last piece that carries it), from the end.
  const runEnd: Map<Mark, number>[] = new Array(list.length)
  for (let i = list.length - 1; i >= 0; i--) {
    const ends = new Map<Mark, number>()
    const next = list[i + 1]
    for (const mark of list[i]!.marks) {
      const same = next?.marks.find((m) => m.eq(mark))
      ends.set(mark, same ? runEnd[i + 1]!.get(same)! : i)
    }
    runEnd[i] = ends
  }
  const root: MdastParent = { children: [] }
  const open: { mark: Mark; node: MdastParent }[] = []
  list.forEach((piece, i) => {
    const wrapping = piece.marks.filter((m) => m.type.name !== 'code')
    let keep = 0
    while (keep < open.length && wrapping.some((m) => m.eq(open[keep]!.mark))) keep++
    open.length = keep
    const toOpen = wrapping
      .filter((m) => !open.some((o) => o.mark.eq(m)))
      .sort((a, b) => runEnd[i]!.get(b)! - runEnd[i]!.get(a)! || MARK_ORDER.indexOf(a.type.name) - MARK_ORDER.indexOf(b.type.name))
    for (const mark of toOpen) {
      const node = markNode(mark)
      ;(open[open.length - 1]?.node ?? root).children.push(node)
      open.push({ mark, node })
    }
    const target = open[open.length - 1]?.node ?? root
    if (piece.hardBreak) target.children.push({ type: 'break' })
    else if (piece.marks.some((m) => m.type.name === 'code')) target.children.push({ type: 'inlineCode', value: piece.text })
    else target.children.push({ type: 'text', value: piece.text })
  })
  return root.children
}
