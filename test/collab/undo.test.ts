// @vitest-environment jsdom
import { Editor } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { mldocUpdateCheck } from '../../core/collab/check.js'
import { createReceivePath, type ReceivePath } from '../../core/collab/receive.js'
import { mldocExtensions } from '../../core/schema/index.js'
import { seededPeers } from './fixtures.js'

const editors: Editor[] = []
afterEach(() => editors.splice(0).forEach((e) => e.destroy()))

/** An editor as the app makes it: Collaboration owns undo (StarterKit's history is off). */
function editorOn(ydoc: Y.Doc): Editor {
  const editor = new Editor({
    element: document.createElement('div'),
    extensions: [...mldocExtensions({ starterKit: { undoRedo: false } }), Collaboration.configure({ document: ydoc, field: 'default' })],
  })
  editors.push(editor)
  return editor
}

/** Connects two documents as the network does: each update goes through the other's receive path. */
function link(a: Y.Doc, b: Y.Doc): void {
  const paths = new Map<Y.Doc, ReceivePath>([
    [a, createReceivePath(a, { check: mldocUpdateCheck(), onDrop: () => {} })],
    [b, createReceivePath(b, { check: mldocUpdateCheck(), onDrop: () => {} })],
  ])
  const REMOTE = Symbol('remote')
  for (const [from, to] of [[a, b], [b, a]] as const) {
    from.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) paths.get(to)!.receive(update, REMOTE)
    })
  }
}

function paragraphEnd(editor: Editor): number {
  let end = -1
  editor.state.doc.forEach((node, offset) => {
    if (end < 0 && node.type.name === 'paragraph') end = offset + 1 + node.content.size
  })
  return end
}

describe('undo in a shared document', () => {
  it('undoes only one’s own changes, never a peer’s', () => {
    const [docA, docB] = seededPeers(2)
    link(docA!, docB!)
    const alice = editorOn(docA!)
    const bob = editorOn(docB!)
    alice.chain().insertContentAt(paragraphEnd(alice), ' Alice wrote this.').run()
    bob.chain().insertContentAt(paragraphEnd(bob), ' Bob wrote this.').run()
    expect(alice.state.doc.textContent).toContain('Alice wrote this. Bob wrote this.')

    expect(alice.commands.undo()).toBe(true)
    expect(alice.state.doc.textContent).not.toContain('Alice wrote this.')
    expect(alice.state.doc.textContent).toContain('Bob wrote this.')
    expect(bob.state.doc.textContent).toBe(alice.state.doc.textContent)
    // Nothing of Alice's is left to undo; Bob's change is not hers to undo.
    alice.commands.undo()
    expect(alice.state.doc.textContent).toContain('Bob wrote this.')
    expect(alice.commands.redo()).toBe(true)
    expect(bob.state.doc.textContent).toContain('Alice wrote this. Bob wrote this.')
  })
})
