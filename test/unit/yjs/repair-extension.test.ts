// @vitest-environment jsdom
import { Editor, type JSONContent } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import type { Transaction } from '@tiptap/pm/state'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyMeta } from '../../../core/document/meta.js'
import { mldocExtensions, mldocSchema } from '../../../core/schema/index.js'
import { BODY_FRAGMENT, readYDoc, seedYDoc } from '../../../core/yjs/doc.js'

/**
 * MergedBodyRepair (core/yjs/repair-extension.ts) in an open editor: a change from the Y.Doc that
 * needs no repair is taken in once (no transaction added after it), one that does is repaired.
 */

const text = (value: string, marks?: string[]): JSONContent => ({ type: 'text', text: value, ...(marks ? { marks: marks.map((type) => ({ type })) } : {}) })
const paragraph = (value: string): JSONContent => ({ type: 'paragraph', content: [text(value)] })

const editors: Editor[] = []
let warn: typeof console.warn
beforeAll(() => {
  warn = console.warn
  // Tiptap's link extension warns about linkify on every editor it creates.
  console.warn = () => undefined
})
afterAll(() => {
  console.warn = warn
  for (const editor of editors) editor.destroy()
})

/** An editor bound to a Y.Doc holding `content`, a second Y.Doc (a peer) with the same state, and what the editor dispatched since. */
async function editorWithPeer(content: JSONContent[]): Promise<{ editor: Editor; ydoc: Y.Doc; peer: Y.Doc; appended: Transaction[][] }> {
  const ydoc = new Y.Doc()
  seedYDoc(ydoc, { meta: emptyMeta(), body: mldocSchema().nodeFromJSON({ type: 'doc', content }) })
  const peer = new Y.Doc()
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(ydoc))
  const editor = new Editor({
    element: document.createElement('div'),
    extensions: [...mldocExtensions({ starterKit: { undoRedo: false } }), Collaboration.configure({ document: ydoc, field: BODY_FRAGMENT })],
  })
  editors.push(editor)
  await new Promise((resolve) => setTimeout(resolve, 0))
  const appended: Transaction[][] = []
  editor.on('transaction', ({ appendedTransactions }) => appended.push(appendedTransactions))
  return { editor, ydoc, peer, appended }
}

/** Makes `edit` on the peer and sends `ydoc` all it lacks, as one update (one remote change for the editor). */
function remote(peer: Y.Doc, ydoc: Y.Doc, edit: (body: Y.XmlFragment) => void): void {
  edit(peer.getXmlFragment(BODY_FRAGMENT))
  Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(ydoc)), 'network')
}

const textOf = (body: Y.XmlFragment, index: number): Y.XmlText => (body.get(index) as Y.XmlElement).get(0) as Y.XmlText

describe('an editor taking in changes from the Y.Doc', () => {
  it('adds no transaction after a remote keystroke, which needs no repair', async () => {
    const { editor, ydoc, peer, appended } = await editorWithPeer([paragraph('First.'), paragraph('Second.'), paragraph('Third.')])
    remote(peer, ydoc, (body) => textOf(body, 1).insert(6, '!'))
    remote(peer, ydoc, (body) => textOf(body, 2).delete(0, 1))
    expect(editor.state.doc.textContent).toBe('First.Second!.hird.')
    expect(appended.map((list) => list.length)).toEqual([0, 0])
  })

  it('repairs a change that merges into what no single editor makes, in the block it brought', async () => {
    const { editor, ydoc, peer, appended } = await editorWithPeer([paragraph('First.'), paragraph('Words here.'), paragraph('Last.')])
    // Two people format the same word at once: one code, the other italic. Code excludes italic.
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(peer))
    const before = Y.encodeStateVector(other)
    textOf(other.getXmlFragment(BODY_FRAGMENT), 1).format(0, 5, { italic: {} })
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(other, before))
    remote(peer, ydoc, (body) => textOf(body, 1).format(0, 5, { code: {} }))
    const shown = editor.state.doc.toJSON() as JSONContent
    expect(shown.content![1]).toEqual({ type: 'paragraph', content: [text('Words', ['code']), text(' here.')] })
    expect(readYDoc(ydoc).body.toJSON()).toEqual(shown)
    expect(appended.at(-1)).toHaveLength(1)
  })
})
