import type { Editor, JSONContent } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'

// Content and positions shared by the tests of the patched y-tiptap binding.

/** A paragraph holding `text`. */
export const paragraph = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] })

/** A level-2 heading holding `text`. */
export const heading = (text: string): JSONContent => ({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text }] })

/** A table whose first row is the header row. */
export const table = (rows: string[][]): JSONContent => ({
  type: 'table',
  content: rows.map((row, r) => ({
    type: 'tableRow',
    content: row.map((text) => ({ type: r === 0 ? 'tableHeader' : 'tableCell', content: [paragraph(text)] })),
  })),
})

/** Position before top-level block `index`. */
export const blockStart = (doc: PMNode, index: number): number => Array.from({ length: index }, (_, i) => doc.child(i).nodeSize).reduce((sum, size) => sum + size, 0)

/** Position just after the first occurrence of `text` in the document. */
export function after(editor: Editor, text: string): number {
  let found = -1
  editor.state.doc.descendants((node, pos) => {
    if (found >= 0 || !node.isText) return found < 0
    const at = node.text!.indexOf(text)
    if (at >= 0) found = pos + at + text.length
    return false
  })
  if (found < 0) throw new Error(`"${text}" is not in the document`)
  return found
}
