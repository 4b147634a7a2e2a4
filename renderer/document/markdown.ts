import type { Editor } from '@tiptap/core'
import type * as Y from 'yjs'
import { currentDocument } from './current.js'

/**
 * The document's Markdown export, as the editor shows it. The Markdown code (mdast, GFM, YAML)
 * loads the first time it is needed (an export, the Markdown tab), not before a document opens.
 */
export async function documentMarkdown(editor: Editor, ydoc: Y.Doc): Promise<string> {
  const { exportMarkdown } = await import('../../core/markdown/index.js')
  return exportMarkdown(currentDocument(editor, ydoc))
}
