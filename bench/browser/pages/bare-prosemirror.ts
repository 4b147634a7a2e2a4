// A bare ProseMirror editor (no Tiptap, no React, no Yjs): MLDoc's schema rendered by its
// toDOM rules, the base keymap and history, in the app's page layout and stylesheet. The typing
// benchmark's peer.
import { baseKeymap } from '@tiptap/pm/commands'
import { history } from '@tiptap/pm/history'
import { keymap } from '@tiptap/pm/keymap'
import { EditorState } from '@tiptap/pm/state'
import { EditorView } from '@tiptap/pm/view'
import { mldocSchema } from '../../../core/schema/index.js'
import { loadDocumentJSON } from './load.js'

const schema = mldocSchema()
const doc = schema.nodeFromJSON(await loadDocumentJSON())
new EditorView(document.getElementById('editor'), {
  state: EditorState.create({ doc, plugins: [history(), keymap(baseKeymap)] }),
  attributes: { class: 'prose' },
})
