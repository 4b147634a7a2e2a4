import type { Editor } from '@tiptap/core'
import type * as Y from 'yjs'
import type { MLDocument } from '../../core/document/model.js'
import { readMeta } from '../../core/yjs/doc.js'

/**
 * The document as it stands in the editor: the header from the Y.Doc and the body the editor
 * shows (the same content the Y.Doc holds, without converting it again), so linter positions
 * are editor positions.
 */
export function currentDocument(editor: Editor, ydoc: Y.Doc): MLDocument {
  return { meta: readMeta(ydoc), body: editor.state.doc }
}
