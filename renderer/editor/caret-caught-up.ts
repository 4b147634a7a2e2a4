import { Extension } from '@tiptap/core'
import { Plugin } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'

/**
 * The part of ProseMirror's view that watches the DOM (internal to prosemirror-view, at the
 * version package-lock.json fixes): `flush` reads a selection the browser moved, as the
 * `selectionchange` event makes it do, and does nothing when the editor has seen it already.
 * test/e2e/caret-caught-up.test.ts fails if it stops doing so.
 */
interface WatchedView {
  readonly domObserver?: { flush?: () => void }
}

function readCaret(view: EditorView, event: KeyboardEvent): boolean {
  // An input method's keys (229) are left alone, as ProseMirror's own key handler leaves them:
  // the composition is read from the DOM when it ends.
  if (view.composing || event.keyCode === 229) return false
  ;(view as unknown as WatchedView).domObserver?.flush?.()
  return false
}

/**
 * Brings the editor's selection up to the caret the user sees before a key is handled.
 * ProseMirror learns of a caret the browser moved (a click, End, Home, Page Down) from the
 * `selectionchange` event, which Chromium queues as an ordinary task while it runs input events
 * first: on a busy page, a click, End and Enter can all arrive before the first selection change
 * (18 of 30 tries of click, End, Enter in Chromium, on a page busy for 20 ms of every 25). Enter
 * then split the block where the caret was before the click, and the text typed after it went
 * there. Reading the DOM selection as a key goes down is what that event would have done, so a
 * key acts where the caret is on the screen. (A typed character already checks the caret
 * itself: `typed-characters.ts`.)
 */
export const CaretCaughtUp = Extension.create({
  name: 'caretCaughtUp',
  // Before any other key handler, so that each one sees the caret.
  priority: 1000,
  addProseMirrorPlugins() {
    return [new Plugin({ props: { handleDOMEvents: { keydown: readCaret } } })]
  },
})
