import { Editor, type AnyExtension, type EditorOptions } from '@tiptap/core'
import { EditorState } from '@tiptap/pm/state'
import type * as Y from 'yjs'
import type { BindingMapping } from '../../core/yjs/body-from-y.js'
import { bindableBody } from '../../core/yjs/doc.js'

/**
 * Makes the editor of an open document, without an element (`EditorMount` mounts it), and
 * checks the document as it builds it. The body is built once from the Y.Doc, in the editor's
 * own schema (`bindableBody`): a body MLDoc cannot show is refused with an MLDocError naming
 * `source`, and nothing is bound to it; otherwise the editor opens with it and its binding starts
 * from it, given the `mapping` that `extensions` hands to the binding. (Left to itself, the
 * binding would replace an empty document with one it builds again as the editor mounts, a
 * second full build of a long document and a transaction over all of it.) A body that needs a
 * repair is left to the binding, which builds it, and the editor repairs it as it shows it.
 */
export function openDocumentEditor(
  ydoc: Y.Doc,
  source: string,
  extensions: (mapping: BindingMapping) => AnyExtension[],
  editorProps: EditorOptions['editorProps'],
): Editor {
  const mapping: BindingMapping = new Map()
  const editor = new Editor({ extensions: extensions(mapping), element: null, editorProps })
  let body
  try {
    body = bindableBody(ydoc, editor.schema, mapping, source)
  } catch (error) {
    editor.destroy()
    throw error
  }
  // Before the mount, the editor's view is a stand-in whose `updateState` sets the state it mounts with.
  if (body) editor.view.updateState(EditorState.create({ schema: editor.schema, doc: body }))
  return editor
}
