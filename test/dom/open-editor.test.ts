// @vitest-environment jsdom
import type { AnyExtension, Editor } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import { TextSelection } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyMeta } from '../../core/document/meta.js'
import { mldocExtensions, mldocSchema } from '../../core/schema/index.js'
import { documentFromTemplate } from '../../core/templates/index.js'
import type { BindingMapping } from '../../core/yjs/body-from-y.js'
import { BODY_FRAGMENT, createYDoc, readYDoc } from '../../core/yjs/doc.js'
import { loadTemplates } from '../../node/templates.js'
import { openDocumentEditor } from '../../renderer/editor/open-editor.js'
import { mountedEditors } from './mounted-editors.js'

/**
 * `openDocumentEditor` and hunk H of patches/@tiptap+y-tiptap+3.0.9.patch (patches/README.md):
 * the editor opens with the body built once from the Y.Doc, in its own schema, and the binding
 * starts from that document and its mapping instead of replacing it with one it builds again.
 * What the editor shows, what it writes and what it refuses stay what they were.
 */

const editors = mountedEditors()

/** The extensions of an editor on `ydoc`, MLDoc's schema bound as in the app (`renderer/editor/extensions.ts`). */
function extensionsOn(ydoc: Y.Doc): (mapping: BindingMapping) => AnyExtension[] {
  return (mapping) => [...mldocExtensions({ starterKit: { undoRedo: false } }), Collaboration.configure({ document: ydoc, field: BODY_FRAGMENT, ySyncOptions: { mapping } })]
}

function open(ydoc: Y.Doc, source = 'doc.mldoc'): Editor {
  const editor = openDocumentEditor(ydoc, source, extensionsOn(ydoc), {})
  editors.push(editor)
  return editor
}

function mount(editor: Editor): void {
  editor.mount(document.body.appendChild(document.createElement('div')))
}

/** The binding of a mounted editor, with the patch's record of the document it synced. */
function bindingOf(editor: Editor): { mapping: BindingMapping; type: Y.XmlFragment; _syncedDoc: unknown } {
  return ySyncPluginKey.getState(editor.state).binding
}

/** What the Y.Doc holds, as MLDoc reads it (repaired as the editor repairs it). */
const held = (ydoc: Y.Doc) => readYDoc(ydoc).body.toJSON() as unknown

/** A Y.Doc holding a body built from JSON through the Yjs API, as a peer's merged edits can leave it. */
function ydocWith(build: (body: Y.XmlFragment) => void): Y.Doc {
  const ydoc = createYDoc({ meta: emptyMeta(), body: mldocSchema().nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'One' }] }] }) })
  build(ydoc.getXmlFragment(BODY_FRAGMENT))
  return ydoc
}

describe('opening a document in the editor', () => {
  it('opens each template with the body built once: the binding starts from it and writes nothing', () => {
    for (const template of loadTemplates()) {
      const ydoc = createYDoc(documentFromTemplate(template))
      const saved = Y.encodeStateAsUpdate(ydoc)
      const editor = open(ydoc)
      const opened = editor.state.doc
      expect(opened.toJSON(), template.id).toEqual(held(ydoc))
      mount(editor)
      // The binding did not replace the document it was given, and holds it as synced.
      expect(editor.state.doc, template.id).toBe(opened)
      const binding = bindingOf(editor)
      expect(binding._syncedDoc, template.id).toBe(opened)
      binding.type.toArray().forEach((type, i) => expect(binding.mapping.get(type), `${template.id} block ${i}`).toBe(opened.child(i)))
      // A selection change writes nothing, and nothing was written as the editor opened.
      editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, 3)))
      expect(Y.encodeStateAsUpdate(ydoc), template.id).toEqual(saved)
    }
  })

  it('writes a local edit to the Y.Doc and shows a remote one', () => {
    const template = loadTemplates()[0]!
    const ydoc = createYDoc(documentFromTemplate(template))
    const peer = new Y.Doc()
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(ydoc))
    const editor = open(ydoc)
    mount(editor)
    editor.commands.insertContentAt(3, 'typed here ')
    expect(held(ydoc)).toEqual(editor.state.doc.toJSON())
    // The peer takes the edit, types into the first paragraph it has, and sends it back.
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(ydoc, Y.encodeStateVector(peer)))
    const fragment = peer.getXmlFragment(BODY_FRAGMENT)
    const paragraph = fragment.toArray().find((type) => type instanceof Y.XmlElement && type.nodeName === 'paragraph' && type.length > 0) as Y.XmlElement
    ;(paragraph.get(0) as Y.XmlText).insert(0, 'from the peer ')
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(ydoc)))
    expect(editor.state.doc.textContent).toContain('from the peer ')
    expect(editor.state.doc.toJSON()).toEqual(held(ydoc))
    expect(held(peer)).toEqual(held(ydoc))
  })

  it('refuses a body MLDoc cannot show, naming the file, and binds and writes nothing', () => {
    const newer = ydocWith((body) => body.insert(1, [new Y.XmlElement('videoBlock')]))
    const nested = ydocWith((body) => (body.get(0) as Y.XmlElement).insert(0, [new Y.XmlElement('paragraph')]))
    for (const [ydoc, name, says] of [
      [newer, 'newer.mldoc', /newer\.mldoc.*does not fit MLDoc's schema.*videoBlock/s],
      [nested, 'nested.mldoc', /nested\.mldoc.*"paragraph" cannot hold a "paragraph"/s],
    ] as const) {
      const saved = Y.encodeStateAsUpdate(ydoc)
      expect(() => openDocumentEditor(ydoc, name, extensionsOn(ydoc), {})).toThrow(says)
      expect(Y.encodeStateAsUpdate(ydoc), name).toEqual(saved)
    }
  })

  it('leaves a body that needs a repair to the binding, which shows it repaired', () => {
    // A table whose rows were all deleted by two people at once: the repair drops it.
    const ydoc = ydocWith((body) => body.insert(1, [new Y.XmlElement('table')]))
    const editor = open(ydoc)
    expect(editor.state.doc.childCount).toBe(1)
    expect(editor.state.doc.firstChild?.type.name).toBe('paragraph')
    expect(editor.state.doc.textContent).toBe('')
    mount(editor)
    expect(editor.state.doc.toJSON()).toEqual(held(ydoc))
    expect(editor.state.doc.textContent).toBe('One')
  })

  it('builds the document again from the Y.Doc when it is mounted again', () => {
    const ydoc = createYDoc(documentFromTemplate(loadTemplates()[0]!))
    const editor = open(ydoc)
    mount(editor)
    const element = editor.view.dom.parentElement!
    editor.unmount()
    // A change the editor did not see while it had no view.
    const fragment = ydoc.getXmlFragment(BODY_FRAGMENT)
    const paragraph = fragment.toArray().find((type) => type instanceof Y.XmlElement && type.nodeName === 'paragraph' && type.length > 0) as Y.XmlElement
    ;(paragraph.get(0) as Y.XmlText).insert(0, 'while away ')
    editor.mount(element)
    expect(editor.state.doc.textContent).toContain('while away ')
    expect(editor.state.doc.toJSON()).toEqual(held(ydoc))
    editor.commands.insertContentAt(3, 'after ')
    expect(held(ydoc)).toEqual(editor.state.doc.toJSON())
  })
})
