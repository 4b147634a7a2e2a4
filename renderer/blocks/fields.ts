import type { Editor } from '@tiptap/core'
import type { Node as PMNode, ResolvedPos } from '@tiptap/pm/model'
import { TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { isBlockType, type FieldSpec } from '../../core/blocks/define.js'
import { blockSpec } from '../../core/blocks/registry.js'

/**
 * The spec of a `blockField` from the node it sits in: a block, or a maturity criterion row
 * (whose evidence field belongs to the maturity assessment). Names repeat across blocks
 * (`owner`, `rationale`, `chosen`) with different labels, so the parent decides.
 */
export function fieldSpecIn(parentType: string, name: string): FieldSpec | undefined {
  const blockType = parentType === 'maturityCriterion' ? 'maturityAssessment' : parentType
  if (!isBlockType(blockType)) return undefined
  return blockSpec(blockType).fields.find((f) => f.name === name)
}

/** Content range (inside the node) of the direct `blockField` child named `name` of the block at `blockPos`. */
export function fieldRange(block: PMNode, blockPos: number, name: string): { from: number; to: number } | undefined {
  let range: { from: number; to: number } | undefined
  block.forEach((child, offset) => {
    if (!range && child.type.name === 'blockField' && child.attrs.name === name) {
      const from = blockPos + 1 + offset + 1
      range = { from, to: from + child.content.size }
    }
  })
  return range
}

/** Text of the direct `blockField` child named `name`, or '' when the block has none. */
export function fieldText(block: PMNode, name: string): string {
  let text = ''
  block.forEach((child) => {
    if (child.type.name === 'blockField' && child.attrs.name === name) text = child.textContent
  })
  return text
}

/**
 * Replaces the text of the block's field `name` with `text` in one transaction (one undo step)
 * and puts the caret after it. Returns false when the block or the field is gone.
 */
export function setFieldText(editor: Editor, blockPos: number | undefined, name: string, text: string): boolean {
  if (blockPos === undefined) return false
  const block = editor.state.doc.nodeAt(blockPos)
  const range = block && fieldRange(block, blockPos, name)
  if (!range) return false
  const tr = editor.state.tr
  if (text) tr.replaceWith(range.from, range.to, editor.schema.text(text))
  else tr.delete(range.from, range.to)
  tr.setSelection(TextSelection.create(tr.doc, range.from + text.length))
  editor.view.dispatch(tr)
  return true
}

/** Depth of the structured block around a resolved position, or -1 outside any block. */
function blockDepth($pos: ResolvedPos): number {
  for (let d = $pos.depth; d > 0; d--) if (isBlockType($pos.node(d).type.name)) return d
  return -1
}

/** End positions (caret at the end of the text) of every `blockField` inside the block at `depth`. */
function fieldEnds($pos: ResolvedPos, depth: number): number[] {
  const start = $pos.start(depth)
  const ends: number[] = []
  $pos.node(depth).descendants((node, pos) => {
    if (node.type.name === 'blockField') ends.push(start + pos + 1 + node.content.size)
    return node.type.name !== 'blockField'
  })
  return ends
}

/**
 * Moves the caret to the next (`dir` 1) or previous (-1) field of the same block, so a form is
 * filled with Tab or Enter. False when the caret is not in a field or there is no such field.
 */
export function moveToField(state: EditorState, dispatch: ((tr: Transaction) => void) | undefined, dir: 1 | -1): boolean {
  const { $from } = state.selection
  if ($from.parent.type.name !== 'blockField') return false
  const depth = blockDepth($from)
  if (depth < 0) return false
  const here = $from.after() - 1
  const ends = fieldEnds($from, depth)
  const index = ends.indexOf(here)
  const target = ends[index + dir]
  if (index < 0 || target === undefined) return false
  dispatch?.(state.tr.setSelection(TextSelection.create(state.doc, target)).scrollIntoView())
  return true
}

/**
 * Leaves the block from its last field: the caret goes to the paragraph after the block,
 * which is created when the block is the last node or is followed by something else.
 */
export function leaveBlock(state: EditorState, dispatch: ((tr: Transaction) => void) | undefined): boolean {
  const { $from } = state.selection
  if ($from.parent.type.name !== 'blockField') return false
  const depth = blockDepth($from)
  if (depth < 0) return false
  const after = $from.after(depth)
  const next = state.doc.resolve(after).nodeAfter
  const paragraph = state.schema.nodes.paragraph
  if (!paragraph) return false
  if (!dispatch) return true
  const tr = state.tr
  if (next?.type !== paragraph || next.content.size > 0) tr.insert(after, paragraph.create())
  dispatch(tr.setSelection(TextSelection.create(tr.doc, after + 1)).scrollIntoView())
  return true
}

/** Puts the caret at the end of the text node view at `pos` (a field or code) and focuses the editor. */
export function focusEndOf(view: EditorView, pos: number | undefined): void {
  const node = pos === undefined ? null : view.state.doc.nodeAt(pos)
  if (pos === undefined || !node) return
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, pos + 1 + node.content.size)))
  view.focus()
}
