import type { Editor } from '@tiptap/core'
import { Selection } from '@tiptap/pm/state'

/**
 * Moves the cursor into the heading or block at `pos` (a position from the outline or the
 * linter), scrolls it to the middle of the view and flashes it so the eye finds it.
 */
export function jumpTo(editor: Editor, pos: number): void {
  const { doc } = editor.state
  const at = Math.max(0, Math.min(pos, doc.content.size))
  const selection = Selection.findFrom(doc.resolve(Math.min(at + 1, doc.content.size)), 1, true) ?? Selection.near(doc.resolve(at))
  editor.chain().focus().setTextSelection(selection.from).run()
  const dom = editor.view.nodeDOM(at)
  if (dom instanceof HTMLElement) {
    dom.scrollIntoView({ block: 'center', behavior: 'smooth' })
    dom.classList.remove('is-target')
    void dom.offsetWidth
    dom.classList.add('is-target')
    window.setTimeout(() => dom.classList.remove('is-target'), 1600)
  }
}
