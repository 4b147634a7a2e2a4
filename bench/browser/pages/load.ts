import type { JSONContent } from '@tiptap/core'
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import { BODY_FRAGMENT } from '../../../core/yjs/doc.js'
import { decodeMLDocFileNatively } from '../../../renderer/document/decode.js'

/**
 * Fetches the `.mldoc` file named by the page's `?doc=` parameter and returns its body as
 * ProseMirror JSON: a peer page starts from the same file as MLDoc, decoded by the same code
 * (the editor's: the state decompressed by the browser's own DEFLATE decoder).
 */
export async function loadDocumentJSON(): Promise<JSONContent> {
  const name = new URLSearchParams(location.search).get('doc')
  if (!name) throw new Error('the page needs ?doc=<file>.mldoc')
  const response = await fetch(name)
  if (!response.ok) throw new Error(`cannot load ${name}: HTTP ${response.status}`)
  const ydoc = await decodeMLDocFileNatively(new Uint8Array(await response.arrayBuffer()), name)
  return yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(BODY_FRAGMENT)) as JSONContent
}
