// A bare co-editing pair member: Tiptap with Collaboration over plain y-webrtc (no receive-path
// guard, no carets, no React). With ?doc= it seeds the document from that file and shares it;
// without, it joins the room empty and receives the document. The remote benchmark's peer.
import { Editor } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import { WebrtcProvider } from 'y-webrtc'
import * as Y from 'yjs'
import { mldocExtensions } from '../../../core/schema/index.js'
import { BODY_FRAGMENT } from '../../../core/yjs/doc.js'
import { decodeMLDocFileNatively } from '../../../renderer/document/decode.js'

const params = new URLSearchParams(location.search)
const file = params.get('doc')
let ydoc = new Y.Doc()
if (file) {
  const response = await fetch(file)
  if (!response.ok) throw new Error(`cannot load ${file}: HTTP ${response.status}`)
  ydoc = await decodeMLDocFileNatively(new Uint8Array(await response.arrayBuffer()), file)
}
const provider = new WebrtcProvider(params.get('room')!, ydoc, {
  signaling: [params.get('signaling')!],
  password: params.get('secret')!,
  peerOpts: { config: { iceServers: [] } },
})
;(window as unknown as { __benchWebrtcConns: () => number }).__benchWebrtcConns = () =>
  (provider.room as unknown as { webrtcConns: Map<string, unknown> } | null)?.webrtcConns.size ?? 0
new Editor({
  element: document.getElementById('editor')!,
  editorProps: { attributes: { class: 'prose' } },
  extensions: [...mldocExtensions({ starterKit: { undoRedo: false } }), Collaboration.configure({ document: ydoc, field: BODY_FRAGMENT })],
})
