// A bare Tiptap editor (no React, no Yjs, no panels): MLDoc's extensions without node views,
// mounted with the document's content. The cold-open and heap benchmarks' peer.
import { Editor } from '@tiptap/core'
import { mldocExtensions } from '../../../core/schema/index.js'
import { loadDocumentJSON } from './load.js'

new Editor({
  element: document.getElementById('editor')!,
  editorProps: { attributes: { class: 'prose' } },
  extensions: mldocExtensions(),
  content: await loadDocumentJSON(),
})
