import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state'
import { ReplaceStep } from '@tiptap/pm/transform'
import { Slice } from '@tiptap/pm/model'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { repairBody } from './repair.js'

/** A transaction that replaces the editor's document with `repaired`, touching only the part that differs. */
function replacement(state: EditorState, repaired: PMNode): Transaction | null {
  const { doc } = state
  const start = doc.content.findDiffStart(repaired.content)
  if (start === null) return null
  let { a: endA, b: endB } = doc.content.findDiffEnd(repaired.content)!
  const overlap = start - Math.min(endA, endB)
  if (overlap > 0) {
    endA += overlap
    endB += overlap
  }
  try {
    const tr = state.tr.replace(start, endA, repaired.slice(start, endB))
    if (tr.doc.eq(repaired)) return tr
  } catch {
    // The shortest replacement does not fit the damaged document around it: replace it all.
  }
  return state.tr.step(new ReplaceStep(0, doc.content.size, new Slice(repaired.content, 0, 0)))
}

/**
 * Shows a body merged from concurrent edits as {@link repairBody} reads it, so the editor shows
 * what is saved and exported. The editor binding builds the document from the Y.Doc as it is,
 * including what no single editor makes (a table without rows, code and italic on one word); this
 * repairs the document after each change that came from the Y.Doc. Like prosemirror-tables'
 * padding of ragged tables, the repair happens inside the binding's own change, so it is not
 * written back at once: every peer repairs the same merged state in the same way on its own. The
 * repair reaches the Y.Doc with the person's next edit, as any change in the editor does.
 */
export const MergedBodyRepair = Extension.create({
  name: 'mergedBodyRepair',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('mergedBodyRepair'),
        appendTransaction(transactions, oldState, state) {
          if (!transactions.some((tr) => tr.docChanged && tr.getMeta(ySyncPluginKey) !== undefined)) return null
          // The document shown before was repaired: only blocks the change brought are looked at.
          const repaired = repairBody(state.doc, oldState.doc)
          return repaired === state.doc ? null : replacement(state, repaired)
        },
      }),
    ]
  },
})
