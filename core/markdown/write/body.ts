/**
 * A document body written as Markdown straight from its ProseMirror nodes: paragraphs,
 * headings, quotes, lists, task lists, code blocks, rules and tables are written without first
 * becoming an mdast tree; a structured block is written from the mdast its codec gives. The
 * bytes are those `writeMarkdown(markdownTree(doc))` would give (test/unit/markdown/writer-differential).
 */
import type { Node as PMNode } from '@tiptap/pm/model'
import type { Heading, Parent, Paragraph, RootContent } from 'mdast'
import { isBlockType } from '../../blocks/define.js'
import type { BlockExportContext } from '../block-markdown.js'
import { BLOCK_MARKDOWN } from '../blocks.js'
import { fenceInfo } from '../code.js'
import { blockMarker, isBlockMarker, isSectionComment, sectionComment } from '../comments.js'
import { inlineToMdast, plainText, type InlineExportOptions } from '../inline-export.js'
import { tableToMdast } from '../table.js'
import { indentItem, indentQuote, itemBullet, listBullet, writeCode, writeFlow, writeHeading, writeParagraph } from './blocks.js'
import { keepShape } from './kept-shapes.js'
import { WriterState } from './state.js'
import { containerPhrasing, writeLoneText } from './inline.js'
import { TABLE_CELL, tableLines, writeTable } from './table.js'

/** The kind of container flow is written in, as its mdast node would be. */
type Container = 'root' | 'blockquote' | 'listItem'

/** What a written flow node was, as far as the line breaks around it depend on it. */
interface Written {
  /** Its mdast type. */
  readonly type: RootContent['type']
  /** An MLDoc comment: a block marker or the comment under a heading. */
  readonly comment?: 'marker' | 'section'
  /** A list that cannot start right under an item's text (it would not interrupt the paragraph). */
  readonly detached?: boolean
}

const PARAGRAPH: Written = { type: 'paragraph' }
const HEADING: Written = { type: 'heading' }
const SECTION_COMMENT: Written = { type: 'html', comment: 'section' }
const BLOCK_MARKER: Written = { type: 'html', comment: 'marker' }
const LIST: Written = { type: 'list' }
const DETACHED_LIST: Written = { type: 'list', detached: true }
const OTHER: Readonly<Record<'blockquote' | 'code' | 'thematicBreak' | 'table', Written>> = {
  blockquote: { type: 'blockquote' },
  code: { type: 'code' },
  thematicBreak: { type: 'thematicBreak' },
  table: { type: 'table' },
}

/** The children of one container being written: where the writer is in them and what it wrote. */
class Flow {
  out = ''
  last: Written | null = null
  constructor(
    readonly container: Container,
    readonly depth: number,
    public index: number,
  ) {}
}

/** How a paragraph's and a table cell's inline content is written (`inlineToMdast`; a cell as `BlockExportContext.inline`). */
const PARAGRAPH_TEXT: InlineExportOptions = { line: false }
const CELL_TEXT: InlineExportOptions = { line: true, trim: true }

/** The alignments a column keeps (`tableToMdast`). */
const ALIGNS: readonly string[] = ['left', 'center', 'right']

/** Stand-ins for the parent a structured block's mdast is written in (only its type is read). */
const PARENTS: Record<Container, Parent & { children: RootContent[] }> = {
  root: { type: 'root', children: [] },
  blockquote: { type: 'blockquote', children: [] },
  listItem: { type: 'listItem', children: [] },
}

/** Whether a paragraph shows nothing: no text but spaces, maybe hard breaks. */
export function isBlankParagraph(node: PMNode): boolean {
  if (node.type.name !== 'paragraph') return false
  for (let c = 0; c < node.childCount; c++) {
    const child = node.child(c)
    if (child.isText ? /[^ \t\r\n]/.test(child.text!) : child.type.name !== 'hardBreak') return false
  }
  return true
}

/** Whether a node is written at all: a paragraph is not when it holds no text. */
function writesSomething(node: PMNode): boolean {
  if (node.type.name !== 'paragraph') return true
  for (let c = 0; c < node.childCount; c++) if (node.child(c).isText) return true
  return false
}

/** Whether anything after an item's first child is written. */
function someWritten(item: PMNode): boolean {
  for (let c = 1; c < item.childCount; c++) if (writesSomething(item.child(c))) return true
  return false
}

/** Which of MLDoc's comments an HTML node from a block's codec is, if any. */
function htmlComment(value: string): Written['comment'] {
  return isBlockMarker(value) ? 'marker' : isSectionComment(value) ? 'section' : undefined
}

/** Line breaks between two written nodes, as `between` in blocks.ts decides them for MLDoc's tight lists. */
function gap(left: Written, right: Written, container: Container): string {
  if (left.type === 'heading' && right.comment === 'section') return '\n'
  if (left.comment === 'marker') return '\n'
  if (container !== 'listItem') return '\n\n'
  return left.type === 'paragraph' && right.type === 'list' && !right.detached ? '\n' : '\n\n'
}

/** Writes a document body, reusing one writer state (see {@link writeBody}). */
class BodyWriter {
  constructor(
    private readonly state: WriterState,
    private readonly blocks: BlockExportContext,
  ) {}

  /**
   * Writes the children of a container; `first` is the mdast index of the first (the front
   * matter comes before the body), `task` whether a task item is checked (null elsewhere). A
   * blank first paragraph of a list item is dropped, or written as an encoded space when more
   * follows or the item is a task (whose check box needs text).
   */
  flow(parent: PMNode, container: Container, first = 0, task: boolean | null = null): string {
    const { state } = this
    const flow = new Flow(container, state.indexStack.push(-1) - 1, first)
    const count = parent.childCount
    const blankFirst = container === 'listItem' && count > 0 && isBlankParagraph(parent.child(0))
    if (blankFirst && (task !== null || someWritten(parent))) {
      this.at(flow)
      this.add(flow, PARAGRAPH, this.itemText(task, [{ type: 'text', value: ' ' }]))
    }
    for (let c = blankFirst ? 1 : 0; c < count; c++) this.node(parent.child(c), flow, c === 0 ? task : null)
    state.indexStack.pop()
    return flow.out
  }

  /** Moves to the next node of a flow (the writer's rules look at where they are). */
  private at(flow: Flow): void {
    this.state.indexStack[flow.depth] = flow.index++
  }

  /** Adds a written node to a flow, after the line breaks its neighbour asks for. */
  private add(flow: Flow, written: Written, value: string): void {
    if (flow.last) flow.out += gap(flow.last, written, flow.container)
    flow.out += value
    flow.last = written
    if (written.type !== 'list') this.state.bulletLastUsed = undefined
  }

  /** A list item's first paragraph: with its check box in a task item (`task` is whether it is checked). */
  private itemText(task: boolean | null, children: Paragraph['children']): string {
    const text = writeParagraph(this.state, { type: 'paragraph', children })
    return task === null ? text : `[${task ? 'x' : ' '}] ${text}`
  }

  private node(node: PMNode, flow: Flow, task: boolean | null): void {
    const { state } = this
    const type = node.type.name
    switch (type) {
      case 'paragraph': {
        const plain = plainText(node, PARAGRAPH_TEXT)
        if (plain !== undefined) {
          if (!plain) return
          this.at(flow)
          state.stack.push('paragraph', 'phrasing')
          const text = writeLoneText(state, plain, '\n', '\n')
          state.stack.length -= 2
          this.add(flow, PARAGRAPH, task === null ? text : `[${task ? 'x' : ' '}] ${text}`)
          return
        }
        const children = inlineToMdast(node, PARAGRAPH_TEXT)
        if (!children.length) return
        this.at(flow)
        this.add(flow, PARAGRAPH, this.itemText(task, children))
        return
      }
      case 'heading': {
        const heading: Heading = { type: 'heading', depth: node.attrs.level as Heading['depth'], children: inlineToMdast(node, { line: true }) }
        this.at(flow)
        this.add(flow, HEADING, writeHeading(state, heading))
        const comment = sectionComment({ guidance: (node.attrs.guidance as string | null) ?? null, done: node.attrs.done === true })
        if (!comment) return
        this.at(flow)
        this.add(flow, SECTION_COMMENT, comment)
        return
      }
      case 'blockquote':
        this.at(flow)
        state.stack.push('blockquote')
        this.add(flow, OTHER.blockquote, indentQuote(this.flow(node, 'blockquote')))
        state.stack.pop()
        return
      case 'bulletList':
      case 'orderedList':
      case 'taskList': {
        const written = detached(node) ? DETACHED_LIST : LIST
        this.at(flow)
        this.add(flow, written, this.list(node))
        return
      }
      case 'codeBlock':
        this.at(flow)
        this.add(flow, OTHER.code, writeCode(state, { type: 'code', ...fenceInfo(node.attrs.language), value: node.textContent }))
        return
      case 'horizontalRule':
        this.at(flow)
        this.add(flow, OTHER.thematicBreak, '---')
        return
      case 'table':
        this.at(flow)
        this.add(flow, OTHER.table, hasMergedCells(node) ? writeTable(state, tableToMdast(node, this.blocks)) : this.table(node))
        return
      default: {
        if (!isBlockType(type)) throw new Error(`exportMarkdown: node ${type} has no Markdown form`)
        const codec = BLOCK_MARKDOWN[type]
        this.at(flow)
        this.add(flow, BLOCK_MARKER, blockMarker(codec.spec))
        const parent = PARENTS[flow.container]
        for (const child of codec.toMarkdown(node, this.blocks)) {
          const written: Written = {
            type: child.type,
            comment: child.type === 'html' ? htmlComment(child.value) : undefined,
            detached: child.type === 'list' && ((child.ordered === true && typeof child.start === 'number' && child.start !== 1) || child.children[0]?.children.length === 0),
          }
          this.at(flow)
          this.add(flow, written, writeFlow(state, child, parent))
        }
      }
    }
  }

  /** A table without merged cells, as `tableToMdast` and `writeTable` write it: every row as wide as the widest. */
  private table(table: PMNode): string {
    const { state } = this
    let width = 1
    for (let r = 0; r < table.childCount; r++) width = Math.max(width, table.child(r).childCount)
    const head = table.firstChild
    const align: (string | null)[] = []
    for (let c = 0; c < width; c++) {
      const value: unknown = head && c < head.childCount ? head.child(c).attrs.align : null
      align.push(typeof value === 'string' && ALIGNS.includes(value) ? value : null)
    }
    const rows: string[][] = []
    state.stack.push(...TABLE_CELL)
    for (let r = 0; r < table.childCount; r++) {
      const row = table.child(r)
      const cells: string[] = []
      for (let c = 0; c < width; c++) {
        const paragraph = c < row.childCount ? row.child(c).firstChild : null
        const plain = paragraph ? plainText(paragraph, CELL_TEXT) : ''
        if (plain === undefined) cells.push(containerPhrasing(state, { type: 'tableCell', children: this.blocks.inline(paragraph!) }, ' ', ' '))
        else cells.push(plain ? writeLoneText(state, plain, ' ', ' ') : '')
      }
      rows.push(cells)
    }
    state.stack.length -= TABLE_CELL.length
    return tableLines(rows, align)
  }

  private list(node: PMNode): string {
    const { state } = this
    state.stack.push('list')
    const previous = state.bulletCurrent
    const ordered = node.type.name === 'orderedList'
    const task = node.type.name === 'taskList'
    const start = ordered ? Number(node.attrs.start ?? 1) : null
    const bullet = listBullet(state, ordered, emptyItem(node), !ordered && someItemStartsWithRule(node))
    state.bulletCurrent = bullet
    let out = ''
    const depth = state.indexStack.push(-1) - 1
    for (let index = 0; index < node.childCount; index++) {
      const item = node.child(index)
      state.indexStack[depth] = index
      const marker = itemBullet(state, ordered, start, index)
      state.stack.push('listItem')
      out += indentItem(this.flow(item, 'listItem', 0, task ? item.attrs.checked === true : null), marker)
      state.stack.pop()
      state.bulletLastUsed = undefined
      if (index < node.childCount - 1) out += '\n'
    }
    state.indexStack.pop()
    state.bulletLastUsed = bullet
    state.bulletCurrent = previous
    state.stack.pop()
    return out
  }
}

/** Whether a list would not interrupt the text above it: it starts at another number or with an empty item. */
function detached(list: PMNode): boolean {
  if (list.type.name === 'orderedList' && Number(list.attrs.start ?? 1) !== 1) return true
  return emptyItem(list)
}

/** Whether a list's first item is written with nothing after its marker: a plain item with only blank or empty paragraphs. */
function emptyItem(list: PMNode): boolean {
  const item = list.firstChild
  if (!item) return false
  if (!item.firstChild) return true
  if (list.type.name === 'taskList' || !isBlankParagraph(item.firstChild)) return false
  return !someWritten(item)
}

/** Whether an item of a list starts with a rule (then `-` bullets would read as one). */
function someItemStartsWithRule(list: PMNode): boolean {
  for (let i = 0; i < list.childCount; i++) if (list.child(i).firstChild?.type.name === 'horizontalRule') return true
  return false
}

/** Whether a table has a cell that spans columns or rows. */
function hasMergedCells(table: PMNode): boolean {
  for (let r = 0; r < table.childCount; r++) {
    const row = table.child(r)
    for (let c = 0; c < row.childCount; c++) {
      const { colspan, rowspan } = row.child(c).attrs
      if ((Number(colspan) || 1) > 1 || (Number(rowspan) || 1) > 1) return true
    }
  }
  return false
}

/**
 * Writes a document body after the front matter (the root's first child) in the writer state
 * the front matter was written in; `blocks` turns structured blocks' content into mdast.
 */
export function writeBody(state: WriterState, body: PMNode, blocks: BlockExportContext): string {
  return new BodyWriter(state, blocks).flow(body, 'root', 1)
}

keepShape(new Flow('root', 0, 0))
keepShape(new BodyWriter(new WriterState(), { lang: 'en', inline: () => [], flow: () => [] }))
