import type { Editor } from '@tiptap/core'
import { afterEach } from 'vitest'

/**
 * A list to put a test's editors in: after each test, every editor in it is destroyed and the
 * element it was mounted in taken out of the page.
 */
export function mountedEditors(): Editor[] {
  const editors: Editor[] = []
  afterEach(() => {
    for (const editor of editors.splice(0)) {
      const element = editor.view.dom.parentElement
      editor.destroy()
      element?.remove()
    }
  })
  return editors
}
