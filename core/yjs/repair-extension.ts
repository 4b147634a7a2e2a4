import { Extension } from '@tiptap/core'
import { Fragment, Slice, type Node as PMNode } from '@tiptap/pm/model'
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

/** Whether a transaction is a change the editor binding took from the Y.Doc. */
function fromYDoc(tr: Transaction): boolean {
  return (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true
}

/**
 * {@link repairBody} of `doc` after `previous` (the repaired document shown before), looking at
 * the run of top-level blocks that are not `previous`'s blocks at the same place from either end:
 * a change from the Y.Doc usually brings one block (a remote keystroke), and the whole repair
 * builds a set of every block shown before. When that run needs no repair and the document's
 * content is valid, the whole repair returns `doc` too (its other blocks are blocks it takes as
 * they are), so `doc` is the answer; otherwise the whole repair runs.
 */
function repairedBody(doc: PMNode, previous: PMNode): PMNode {
  const count = Math.min(doc.childCount, previous.childCount)
  let start = 0
  while (start < count && doc.child(start) === previous.child(start)) start++
  let end = doc.childCount
  let endPrevious = previous.childCount
  while (end > start && endPrevious > start && doc.child(end - 1) === previous.child(endPrevious - 1)) {
    end--
    endPrevious--
  }
  const brought = Array.from({ length: end - start }, (_, i) => doc.child(start + i))
  const part = doc.type.create(doc.attrs, Fragment.fromArray(brought))
  if (doc.type.validContent(doc.content) && (brought.length === 0 || repairBody(part) === part)) return doc
  return repairBody(doc, previous)
}

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
 * and clear-document plugins to leave it alone (marked as it is dispatched, and so is a repair):
 * they would otherwise turn the last word of the first paragraph into a link (or clear the
 * document) in this editor only, where the Y.Doc, the saved file and the export never see it.
 * A change that needs no repair gets no transaction added after it: each one made every plugin
 * take the change in a second time (the remote carets were drawn twice per remote keystroke).
 * An added repair is marked as the binding's own change, as the binding's plugins expect of what
 * follows a change from the Y.Doc.
 */
export const MergedBodyRepair = Extension.create({
  name: 'mergedBodyRepair',
  // Before the link and keymap extensions, whose plugins must see the transaction added here.
  priority: 1000,
  dispatchTransaction({ transaction, next }) {
    if (fromYDoc(transaction)) transaction.setMeta('preventAutolink', true).setMeta('preventClearDocument', true)
    next(transaction)
  },
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: mergedBodyRepair,
        appendTransaction(transactions, oldState, state) {
          const change = transactions.find((tr) => !tr.getMeta(mergedBodyRepair) && fromYDoc(tr))
          if (!change) return null
          // The document shown before was repaired: only blocks the change brought are looked at.
          const repaired = repairedBody(state.doc, oldState.doc)
          const tr = repaired === state.doc ? null : replacement(state, repaired)
          if (!tr) return null
          const { isUndoRedoOperation } = change.getMeta(ySyncPluginKey) as { isUndoRedoOperation?: boolean }
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
