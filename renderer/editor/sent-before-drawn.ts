import { Extension } from '@tiptap/core'
import type { EditorState } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'

/** What the patched binding (`patches/README.md`, hunk I) offers: write a state's document to the Y.Doc. */
interface StateWriter {
  writeState?: (state: EditorState) => void
}

function writeBeforeDrawing({ nextState }: { nextState: EditorState }): void {
  const sync = ySyncPluginKey.getState(nextState) as { binding?: StateWriter } | undefined
  sync?.binding?.writeState?.(nextState)
}

/**
 * A change made here is written to the Y.Doc, and so sent to peers, before the editor draws it.
 * Drawing a change sets the DOM selection, and Chromium lays the whole document out first (5 ms
 * per keystroke on the 1x bench document); the binding's own write comes after that, from the
 * view's update, which then finds the change written.
 */
export const SentBeforeDrawn = Extension.create({
  name: 'sentBeforeDrawn',
  onBeforeCreate() {
    this.editor.on('beforeTransaction', writeBeforeDrawing)
  },
  onDestroy() {
    this.editor.off('beforeTransaction', writeBeforeDrawing)
  },
})
