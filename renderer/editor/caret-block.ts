import { Extension } from '@tiptap/core'
import type { Node as PMNode, ResolvedPos } from '@tiptap/pm/model'
import { Plugin, type EditorState } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'

/** The class of a top-level block that holds an end of the selection. */
export const CARET_BLOCK_CLASS = 'mldoc-caret-block'

/** The start of the top-level block at or around a position, or null in an empty document. */
function topLevelStart(doc: PMNode, $pos: ResolvedPos): number | null {
  const index = $pos.depth === 0 ? Math.min($pos.index(0), doc.childCount - 1) : $pos.index(0)
  if (index < 0) return null
  return $pos.posAtIndex(index, 0)
}

function caretBlocks(state: EditorState): DecorationSet {
  const { doc, selection } = state
  const decorations: Decoration[] = []
  for (const $pos of [selection.$from, selection.$to]) {
    const start = topLevelStart(doc, $pos)
    if (start === null || decorations.some((decoration) => decoration.from === start)) continue
    decorations.push(Decoration.node(start, start + doc.nodeAt(start)!.nodeSize, { class: CARET_BLOCK_CLASS }))
  }
  return DecorationSet.create(doc, decorations)
}

/**
 * Marks the top-level blocks that hold the selection, so the stylesheet can keep them out of
 * `content-visibility: auto` (which lets Chromium skip the layout of blocks off the screen). A
 * block made by Enter is laid out only at the next frame; Chromium reported the caret of a key
 * typed before then at the start of the new line, or kept it in the line before, so fast typing
 * right after Enter landed letters in the wrong place. The block holding the caret is laid out
 * from the moment it exists.
 */
export const CaretBlock = Extension.create({
  name: 'caretBlock',
  addProseMirrorPlugins() {
    return [new Plugin({ props: { decorations: caretBlocks } })]
  },
})
