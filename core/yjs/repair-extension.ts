import { Extension } from '@tiptap/core'
import { Slice, type Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state'
import { ReplaceStep } from '@tiptap/pm/transform'
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

/** Marks the transactions the repair adds, which it must not look at again. */
const mergedBodyRepair = new PluginKey('mergedBodyRepair')

/**
 * Shows a body merged from concurrent edits as {@link repairBody} reads it, so the editor shows
 * what is saved and exported. The editor binding builds the document from the Y.Doc as it is,
 * including what no single editor makes (code and italic on one word, a ragged table); this
 * repairs the document after each change that came from the Y.Doc. Like prosemirror-tables'
 * padding of ragged tables, the repair happens inside the binding's own change, so it is not
 * written back at once: every peer repairs the same merged state in the same way on its own. The
 * repair reaches the Y.Doc with the person's next edit, as any change in the editor does.
 *
 * A change from the Y.Doc is nobody's typing in this editor, so it also tells Tiptap's autolink
 * and clear-document plugins to leave it alone: they would otherwise turn the last word of the
 * first paragraph into a link (or clear the document) in this editor only, where the Y.Doc, the
 * saved file and the export never see it. The appended transaction is marked as the binding's
 * own change, as the binding's plugins expect of what follows a change from the Y.Doc.
 */
export const MergedBodyRepair = Extension.create({
  name: 'mergedBodyRepair',
  // Before the link and keymap extensions, whose plugins must see the transaction added here.
  priority: 1000,
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: mergedBodyRepair,
        appendTransaction(transactions, oldState, state) {
          const fromYDoc = transactions.find((tr) => !tr.getMeta(mergedBodyRepair) && (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin)
          if (!fromYDoc) return null
          // The document shown before was repaired: only blocks the change brought are looked at.
          const repaired = repairBody(state.doc, oldState.doc)
          const tr = (repaired === state.doc ? null : replacement(state, repaired)) ?? state.tr
          const { isUndoRedoOperation } = fromYDoc.getMeta(ySyncPluginKey) as { isUndoRedoOperation?: boolean }
          return tr
            .setMeta(mergedBodyRepair, true)
            .setMeta(ySyncPluginKey, { isChangeOrigin: true, isUndoRedoOperation: !!isUndoRedoOperation })
            .setMeta('preventAutolink', true)
            .setMeta('preventClearDocument', true)
        },
      }),
    ]
  },
})
