// @vitest-environment jsdom
import { Editor, type AnyExtension } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyMeta } from '../../core/document/meta.js'
import { mldocExtensions, mldocSchema } from '../../core/schema/index.js'
import { BODY_FRAGMENT, createYDoc, readYDoc } from '../../core/yjs/doc.js'
import { SentBeforeDrawn } from '../../renderer/editor/sent-before-drawn.js'
import { mountedEditors } from './mounted-editors.js'

/**
 * `SentBeforeDrawn` and hunk I of patches/@tiptap+y-tiptap+3.0.9.patch (patches/README.md): a
 * change made in the editor reaches the Y.Doc (and so a peer) before the view draws it, once, and
 * undo, remote changes and what the Y.Doc ends up holding stay what they were.
 */

const editors = mountedEditors()

function ydocWith(text: string): Y.Doc {
  return createYDoc({ meta: emptyMeta(), body: mldocSchema().nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }) })
}

function editorOn(ydoc: Y.Doc, extra: AnyExtension[]): Editor {
  const editor = new Editor({
    element: document.body.appendChild(document.createElement('div')),
    extensions: [...mldocExtensions({ starterKit: { undoRedo: false } }), Collaboration.configure({ document: ydoc, field: BODY_FRAGMENT }), ...extra],
  })
  editors.push(editor)
  return editor
}

/** For each update the editor writes to the Y.Doc: whether the view already showed the change then. */
function watchWrites(ydoc: Y.Doc, editor: Editor): boolean[] {
  const drawn: boolean[] = []
  ydoc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin === ySyncPluginKey) drawn.push(editor.view.dom.textContent?.includes('!') ?? false)
  })
  return drawn
}

const typeAtEnd = (editor: Editor, text: string) => editor.view.dispatch(editor.state.tr.insertText(text, editor.state.doc.content.size - 1))
const heldText = (ydoc: Y.Doc) => readYDoc(ydoc).body.textContent

describe('a change is written to the Y.Doc before the editor draws it', () => {
  it('writes a keystroke once, before the view shows it (the view’s own write finds it written)', () => {
    const ydoc = ydocWith('Hello')
    const editor = editorOn(ydoc, [SentBeforeDrawn])
    const drawn = watchWrites(ydoc, editor)
    typeAtEnd(editor, '!')
    expect(drawn).toEqual([false])
    expect(editor.view.dom.textContent).toBe('Hello!')
    expect(heldText(ydoc)).toBe('Hello!')
  })

  it('without it, the binding writes only after the view has drawn the change (the check above can fail)', () => {
    const ydoc = ydocWith('Hello')
    const editor = editorOn(ydoc, [])
    const drawn = watchWrites(ydoc, editor)
    typeAtEnd(editor, '!')
    expect(drawn).toEqual([true])
    expect(heldText(ydoc)).toBe('Hello!')
  })

  it('keeps undo of one’s own typing, and shows a peer’s change without writing it back', () => {
    const ydoc = ydocWith('Hello')
    const editor = editorOn(ydoc, [SentBeforeDrawn])
    const drawn = watchWrites(ydoc, editor)
    typeAtEnd(editor, ' there')
    expect(heldText(ydoc)).toBe('Hello there')
    editor.commands.undo()
    expect(editor.state.doc.textContent).toBe('Hello')
    expect(heldText(ydoc)).toBe('Hello')

    const peer = new Y.Doc()
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(ydoc))
    const peerText = peer.getXmlFragment(BODY_FRAGMENT).get(0) as Y.XmlElement
    ;(peerText.get(0) as Y.XmlText).insert(0, 'Oh, ')
    const before = drawn.length
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(ydoc)))
    expect(editor.state.doc.textContent).toBe('Oh, Hello')
    expect(drawn.length).toBe(before)
  })

  it('writes nothing for a change that leaves the document as it was (a selection)', () => {
    const ydoc = ydocWith('Hello')
    const editor = editorOn(ydoc, [SentBeforeDrawn])
    const drawn = watchWrites(ydoc, editor)
    editor.commands.setTextSelection(2)
    expect(drawn).toEqual([])
  })
})
