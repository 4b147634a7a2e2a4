import type { Editor } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { NodeSelection, TextSelection } from '@tiptap/pm/state'
import type * as Y from 'yjs'
import { emptyBlockJSON, type ChoiceSpec } from '../../../core/blocks/define.js'
import { BLOCKS, blockSpec } from '../../../core/blocks/registry.js'
import { isBlockType } from '../../../core/blocks/define.js'
import { readMeta, writeMeta } from '../../../core/yjs/doc.js'

/**
 * Random edits a person makes in the MLDoc editor, each through the editor's own commands and
 * key bindings on a real Tiptap `Editor`: typing, deleting (inside a block and across blocks),
 * marks and links, Enter / Backspace / Tab, lists and task items, headings, tables, structured
 * blocks (fields, choices, inserting, deleting and moving blocks), code blocks, the header and
 * undo/redo. Every edit is chosen from a seeded random source, so a run replays from its seed.
 */

type Random = () => number

/** What an edit needs: the peer's editor and Y.Doc, and the random source. */
export interface EditContext {
  readonly editor: Editor
  readonly ydoc: Y.Doc
  readonly random: Random
}

/** One kind of edit; returns a short description of what it did, or null when it did not apply. */
type Edit = (context: EditContext) => string | null

function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!
}

function int(random: Random, below: number): number {
  return Math.floor(random() * below)
}

/** Words people type, with Markdown's special characters, Uzbek letters and astral characters. */
const WORDS = [
  'churn', 'recall', 'Recall@10%', 'p95 < 200ms', '*not bold*', '_under_', '`code`', '[link](x)', '<b>', '# hash', '| pipe |',
  '1. one', '- dash', '> quote', 'oʻzbek', 'Taʼrif', 'ёжик', '漢字', '🙂', 'a\\b', '&amp;', '---', '~~', ' ', 'x', 'www.example.com',
]

/** Link targets: kept ones and ones MLDoc refuses. */
const HREFS = ['https://example.com/a', 'mailto:team@example.com', '#data', 'docs/design.md', 'javascript:alert(1)', 'data:text/html,x']

/** The textblocks of the document (paragraphs, headings, fields, code), with their positions. */
function textblocks(doc: PMNode): { node: PMNode; pos: number }[] {
  const out: { node: PMNode; pos: number }[] = []
  doc.descendants((node, pos) => {
    if (node.isTextblock) {
      out.push({ node, pos })
      return false
    }
    return true
  })
  return out
}

/**
 * Whether a caret can stand at `offset` inside a textblock: not between the two halves of a
 * character outside the Basic Multilingual Plane (an emoji), where no caret of a browser goes.
 */
function isCaretStop(block: PMNode, offset: number): boolean {
  if (offset === 0 || offset >= block.content.size) return true
  const before = block.textBetween(offset - 1, offset, '\0', '\0').charCodeAt(0)
  return !(before >= 0xd800 && before <= 0xdbff)
}

/** `pos`, or the position before it when it falls between the halves of an emoji. */
function caretStop(doc: PMNode, pos: number): number {
  const $pos = doc.resolve(pos)
  return $pos.parent.isTextblock && !isCaretStop($pos.parent, $pos.parentOffset) ? pos - 1 : pos
}

/** A random caret offset inside a textblock. */
function caretOffset(random: Random, block: PMNode): number {
  const offset = int(random, block.content.size + 1)
  return isCaretStop(block, offset) ? offset : offset - 1
}

/** A random place inside a textblock: its position, and the textblock. */
function caret(context: EditContext): { pos: number; block: { node: PMNode; pos: number } } | null {
  const blocks = textblocks(context.editor.state.doc)
  if (blocks.length === 0) return null
  const block = pick(context.random, blocks)
  return { pos: block.pos + 1 + caretOffset(context.random, block.node), block }
}

/** A random range inside one textblock. */
function rangeInBlock(context: EditContext): { from: number; to: number } | null {
  const at = caret(context)
  if (!at) return null
  const start = at.block.pos + 1
  const a = start + caretOffset(context.random, at.block.node)
  const b = start + caretOffset(context.random, at.block.node)
  return a === b ? null : { from: Math.min(a, b), to: Math.max(a, b) }
}

function placeCaret(editor: Editor, pos: number): void {
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, pos)))
}

/**
 * Runs an editor command; a command that throws on an odd selection counts as not applying. An
 * error from the Yjs binding is no odd selection: it means the editor and its Y.Doc part ways.
 */
function attempt(name: string, run: () => boolean): string | null {
  try {
    return run() ? name : null
  } catch (error) {
    if (isBindingError(error)) throw error
    return null
  }
}

/** Whether an error was thrown inside the editor's Yjs binding (`@tiptap/y-tiptap`). */
export function isBindingError(error: unknown): boolean {
  return error instanceof Error && /y-tiptap/.test(error.stack ?? '')
}

/** The top-level children of the document with their positions. */
function topLevel(doc: PMNode): { node: PMNode; pos: number }[] {
  const out: { node: PMNode; pos: number }[] = []
  doc.forEach((node, offset) => out.push({ node, pos: offset }))
  return out
}

/** Nodes of a type anywhere in the document, with their positions. */
function nodesOfType(doc: PMNode, test: (node: PMNode) => boolean): { node: PMNode; pos: number }[] {
  const out: { node: PMNode; pos: number }[] = []
  doc.descendants((node, pos) => {
    if (test(node)) out.push({ node, pos })
  })
  return out
}

const typeText: Edit = (context) => {
  const at = caret(context)
  if (!at) return null
  const text = pick(context.random, WORDS)
  context.editor.view.dispatch(context.editor.state.tr.insertText(text, at.pos))
  return `type ${JSON.stringify(text)} at ${at.pos}`
}

const deleteInBlock: Edit = (context) => {
  const range = rangeInBlock(context)
  if (!range) return null
  context.editor.view.dispatch(context.editor.state.tr.delete(range.from, range.to))
  return `delete ${range.from}-${range.to}`
}

/** A selection across blocks, deleted: what selecting with the mouse and pressing Delete does. */
const deleteAcross: Edit = (context) => {
  const a = caret(context)
  const b = caret(context)
  if (!a || !b || a.pos === b.pos) return null
  const from = Math.min(a.pos, b.pos)
  const to = caretStop(context.editor.state.doc, Math.min(Math.max(a.pos, b.pos), from + 80))
  return attempt(`delete across ${from}-${to}`, () => context.editor.chain().setTextSelection({ from, to }).deleteSelection().run())
}

const toggleMark: Edit = (context) => {
  const range = rangeInBlock(context)
  if (!range) return null
  const mark = pick(context.random, ['bold', 'italic', 'strike', 'code'] as const)
  return attempt(`${mark} ${range.from}-${range.to}`, () => context.editor.chain().setTextSelection(range).toggleMark(mark).run())
}

const setLink: Edit = (context) => {
  const range = rangeInBlock(context)
  if (!range) return null
  const href = pick(context.random, HREFS)
  if (context.random() < 0.2) return attempt(`unlink ${range.from}-${range.to}`, () => context.editor.chain().setTextSelection(range).unsetLink().run())
  return attempt(`link ${href} ${range.from}-${range.to}`, () => context.editor.chain().setTextSelection(range).setLink({ href }).run())
}

/** A key pressed at a random caret: the editor's key bindings (lists, fields, tables) decide what it does. */
const pressKey: Edit = (context) => {
  const at = caret(context)
  if (!at) return null
  const [key, modifiers] = pick(context.random, [['Enter', {}], ['Enter', {}], ['Backspace', {}], ['Backspace', {}], ['Delete', {}], ['Tab', {}], ['Tab', { shiftKey: true }], ['Enter', { shiftKey: true }], ['b', { ctrlKey: true }]] as const)
  placeCaret(context.editor, at.pos)
  // As the browser delivers a key: to the view's keydown handlers (Tiptap's keyboardShortcut
  // command would leave the editor capturing transactions for good if a handler threw).
  const event = new KeyboardEvent('keydown', { key, ...modifiers, bubbles: true, cancelable: true })
  const view = context.editor.view
  return attempt(`${modifiers && 'shiftKey' in modifiers ? 'Shift-' : modifiers && 'ctrlKey' in modifiers ? 'Ctrl-' : ''}${key} at ${at.pos}`, () => view.someProp('handleKeyDown', (handle) => handle(view, event)) ?? false)
}

const listCommand: Edit = (context) => {
  const at = caret(context)
  if (!at) return null
  placeCaret(context.editor, at.pos)
  const chain = () => context.editor.chain()
  const commands: [string, () => boolean][] = [
    ['bullet list', () => chain().toggleBulletList().run()],
    ['ordered list', () => chain().toggleOrderedList().run()],
    ['task list', () => chain().toggleTaskList().run()],
    ['sink item', () => chain().sinkListItem('listItem').run() || chain().sinkListItem('taskItem').run()],
    ['lift item', () => chain().liftListItem('listItem').run() || chain().liftListItem('taskItem').run()],
    ['split item', () => chain().splitListItem('listItem').run() || chain().splitListItem('taskItem').run()],
    ['blockquote', () => chain().toggleBlockquote().run()],
    ['code block', () => chain().toggleCodeBlock().run()],
    ['heading', () => chain().setHeading({ level: (1 + int(context.random, 6)) as 1 }).run()],
    ['paragraph', () => chain().setParagraph().run()],
    ['hard break', () => chain().setHardBreak().run()],
    ['rule', () => chain().setHorizontalRule().run()],
  ]
  const [name, run] = pick(context.random, commands)
  return attempt(`${name} at ${at.pos}`, run)
}

const checkTask: Edit = (context) => {
  const items = nodesOfType(context.editor.state.doc, (node) => node.type.name === 'taskItem')
  if (items.length === 0) return null
  const item = pick(context.random, items)
  context.editor.view.dispatch(context.editor.state.tr.setNodeAttribute(item.pos, 'checked', !item.node.attrs.checked))
  return `check task at ${item.pos}`
}

const headingAttrs: Edit = (context) => {
  const headings = nodesOfType(context.editor.state.doc, (node) => node.type.name === 'heading')
  if (headings.length === 0) return null
  const heading = pick(context.random, headings)
  const tr = context.editor.state.tr
  if (context.random() < 0.5) tr.setNodeAttribute(heading.pos, 'done', !heading.node.attrs.done)
  else tr.setNodeAttribute(heading.pos, 'guidance', context.random() < 0.3 ? null : `Say ${pick(context.random, WORDS)}`)
  context.editor.view.dispatch(tr)
  return `heading attrs at ${heading.pos}`
}

/** A table command with the caret in a random table cell. */
const tableCommand: Edit = (context) => {
  const cells = nodesOfType(context.editor.state.doc, (node) => node.type.name === 'tableCell' || node.type.name === 'tableHeader')
  if (cells.length === 0) return null
  const cell = pick(context.random, cells)
  placeCaret(context.editor, cell.pos + 2)
  const chain = () => context.editor.chain()
  const commands: [string, () => boolean][] = [
    ['add row', () => chain().addRowAfter().run()],
    ['add row before', () => chain().addRowBefore().run()],
    ['add column', () => chain().addColumnAfter().run()],
    ['delete row', () => chain().deleteRow().run()],
    ['delete column', () => chain().deleteColumn().run()],
    ['header row', () => chain().toggleHeaderRow().run()],
    ['next cell', () => chain().goToNextCell().run()],
    ['delete table', () => chain().deleteTable().run()],
  ]
  const [name, run] = pick(context.random, commands)
  return attempt(`${name} at ${cell.pos}`, run)
}

const insertTable: Edit = (context) => {
  const at = caret(context)
  if (!at) return null
  placeCaret(context.editor, at.pos)
  const rows = 1 + int(context.random, 3)
  const cols = 1 + int(context.random, 3)
  return attempt(`table ${rows}x${cols} at ${at.pos}`, () => context.editor.chain().insertTable({ rows, cols, withHeaderRow: context.random() < 0.7 }).run())
}

/** A new structured block between two top-level nodes, as the `/` menu inserts it. */
const insertBlock: Edit = (context) => {
  const gaps = [0, ...topLevel(context.editor.state.doc).map((child) => child.pos + child.node.nodeSize)]
  const pos = pick(context.random, gaps)
  const { spec } = pick(context.random, BLOCKS)
  return attempt(`insert ${spec.type} at ${pos}`, () => context.editor.chain().insertContentAt(pos, emptyBlockJSON(spec, 'en')).run())
}

const deleteBlock: Edit = (context) => {
  const children = topLevel(context.editor.state.doc)
  if (children.length <= 1) return null
  const child = pick(context.random, children)
  context.editor.view.dispatch(context.editor.state.tr.delete(child.pos, child.pos + child.node.nodeSize))
  return `delete ${child.node.type.name} at ${child.pos}`
}

/** A top-level node dragged elsewhere: deleted and inserted in one transaction, as drag and drop does. */
const moveBlock: Edit = (context) => {
  const children = topLevel(context.editor.state.doc)
  if (children.length <= 1) return null
  const child = pick(context.random, children)
  const gaps = [0, ...children.map((c) => c.pos + c.node.nodeSize)].filter((gap) => gap !== child.pos && gap !== child.pos + child.node.nodeSize)
  if (gaps.length === 0) return null
  const target = pick(context.random, gaps)
  const tr = context.editor.state.tr
  tr.setSelection(NodeSelection.create(tr.doc, child.pos))
  tr.delete(child.pos, child.pos + child.node.nodeSize)
  tr.insert(tr.mapping.map(target), child.node)
  context.editor.view.dispatch(tr)
  return `move ${child.node.type.name} ${child.pos} -> ${target}`
}

/** A choice of a structured block (layer, status, level...) set to a random allowed value. */
const blockChoice: Edit = (context) => {
  const blocks = nodesOfType(context.editor.state.doc, (node) => isBlockType(node.type.name) || node.type.name === 'maturityCriterion')
  if (blocks.length === 0) return null
  const block = pick(context.random, blocks)
  const tr = context.editor.state.tr
  if (block.node.type.name === 'maturityCriterion') {
    tr.setNodeAttribute(block.pos, 'level', pick(context.random, ['0', '1', '2', null]))
  } else {
    const choices = blockSpec(block.node.type.name as never).attrs.filter((attr): attr is ChoiceSpec => attr.kind === 'enum')
    if (choices.length === 0) return null
    const choice = pick(context.random, choices)
    tr.setNodeAttribute(block.pos, choice.name, pick(context.random, [...choice.values.map((v) => v.id), choice.default]))
  }
  context.editor.view.dispatch(tr)
  return `choice on ${block.node.type.name} at ${block.pos}`
}

/** Typing into a random field of a structured block. */
const typeInField: Edit = (context) => {
  const fields = nodesOfType(context.editor.state.doc, (node) => node.type.name === 'blockField' || node.type.name === 'blockCode')
  if (fields.length === 0) return null
  const field = pick(context.random, fields)
  const pos = field.pos + 1 + caretOffset(context.random, field.node)
  const text = pick(context.random, WORDS)
  context.editor.view.dispatch(context.editor.state.tr.insertText(text, pos))
  return `type ${JSON.stringify(text)} in ${field.node.attrs.name} at ${pos}`
}

/** The header form changing the title or the authors (written to the Y.Doc's meta map, as the app does). */
const editHeader: Edit = (context) => {
  const meta = readMeta(context.ydoc)
  if (context.random() < 0.5) meta.title = `${meta.title.slice(0, 20)} ${pick(context.random, WORDS)}`.trim()
  else meta.authors = [...meta.authors, pick(context.random, ['Ana', 'Bo', 'Dilnoza'])].slice(-3)
  writeMeta(context.ydoc, meta)
  return 'edit header'
}

const undoRedo: Edit = (context) => {
  const undo = context.random() < 0.7
  return attempt(undo ? 'undo' : 'redo', () => (undo ? context.editor.commands.undo() : context.editor.commands.redo()))
}

/** Every kind of edit with its weight. */
const EDITS: readonly [Edit, number][] = [
  [typeText, 10],
  [typeInField, 8],
  [deleteInBlock, 5],
  [deleteAcross, 2],
  [toggleMark, 4],
  [setLink, 2],
  [pressKey, 6],
  [listCommand, 4],
  [checkTask, 1],
  [headingAttrs, 1],
  [tableCommand, 4],
  [insertTable, 1],
  [insertBlock, 2],
  [deleteBlock, 1],
  [moveBlock, 2],
  [blockChoice, 3],
  [editHeader, 1],
  [undoRedo, 2],
]
const TOTAL_WEIGHT = EDITS.reduce((sum, [, weight]) => sum + weight, 0)

/** Makes one random edit; returns what it did, or null when the edit picked did not apply. */
export function randomEdit(context: EditContext): string | null {
  let roll = context.random() * TOTAL_WEIGHT
  for (const [edit, weight] of EDITS) {
    roll -= weight
    if (roll < 0) return edit(context)
  }
  return null
}
