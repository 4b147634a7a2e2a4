// @vitest-environment jsdom
import { Editor } from '@tiptap/core'
import { TextSelection } from '@tiptap/pm/state'
import { describe, expect, it } from 'vitest'
import { mldocExtensions } from '../../core/schema/index.js'
import { TypedCharacters } from '../../renderer/editor/typed-characters.js'
import { mountedEditors } from './mounted-editors.js'
import './no-layout.js'

/**
 * `TypedCharacters`: a character typed at the caret goes into the document as ProseMirror's own
 * transaction (input rules and stored marks included), and the browser's insertion is prevented;
 * where the editor's selection is not the DOM's caret, or the key is typed into a control, the
 * browser keeps the key. The real keystrokes are in test/e2e/editor.test.ts.
 */

const editors = mountedEditors()

function editorWith(content: object[]): Editor {
  const editor = new Editor({
    element: document.body.appendChild(document.createElement('div')),
    extensions: [...mldocExtensions({}), TypedCharacters],
    content: { type: 'doc', content },
  })
  editors.push(editor)
  return editor
}

const paragraph = (text?: string) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] })

/** Puts the DOM's caret at `pos`. */
function domCaretAt(editor: Editor, pos: number): void {
  const { node, offset } = editor.view.domAtPos(pos)
  document.getSelection()!.collapse(node, offset)
}

/** Puts the editor's selection and the DOM's caret at `pos`. */
function caretAt(editor: Editor, pos: number): void {
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, pos)))
  domCaretAt(editor, pos)
}

/** A keypress as Chromium sends it for a printable key, dispatched at `target`; returns whether its default was prevented. */
function press(target: EventTarget, key: string): boolean {
  const event = new KeyboardEvent('keypress', { key, charCode: key.charCodeAt(0), bubbles: true, cancelable: true })
  target.dispatchEvent(event)
  return event.defaultPrevented
}

/** Types `text` at the editor's selection, a key at a time, the DOM's caret following the selection (jsdom has no focus to make ProseMirror move it). */
function type(editor: Editor, text: string): void {
  for (const key of text) {
    domCaretAt(editor, editor.state.selection.head)
    press(editor.view.dom, key)
  }
}

describe('a character typed at the caret', () => {
  it('goes into the document at the caret, in the middle of a word and at its end, and the browser does not insert it', () => {
    const editor = editorWith([paragraph('Helo')])
    caretAt(editor, 4)
    expect(press(editor.view.dom, 'l')).toBe(true)
    expect(editor.state.doc.textContent).toBe('Hello')
    expect(editor.state.selection.head).toBe(5)
    caretAt(editor, 6)
    expect(press(editor.view.dom, '!')).toBe(true)
    expect(editor.view.dom.textContent).toBe('Hello!')
  })

  it('runs input rules and takes stored marks, as ProseMirror does with what it reads from the DOM', () => {
    const editor = editorWith([paragraph('Intro'), paragraph()])
    caretAt(editor, 8)
    type(editor, '## ')
    expect(editor.state.doc.child(1).type.name).toBe('heading')
    expect(editor.state.doc.child(1).attrs.level).toBe(2)

    caretAt(editor, 6)
    editor.commands.toggleBold()
    type(editor, 'X')
    const typed = editor.state.doc.child(0).lastChild!
    expect(typed.text).toBe('X')
    expect(typed.marks.map((mark) => mark.type.name)).toEqual(['bold'])
  })

  it('is left to the browser where the DOM’s caret is not the editor’s selection yet', () => {
    const editor = editorWith([paragraph('Hello'), paragraph('World')])
    caretAt(editor, 3)
    const { node } = editor.view.domAtPos(9)
    document.getSelection()!.collapse(node, 2)
    expect(press(editor.view.dom, 'x')).toBe(false)
    expect(editor.state.doc.textContent).toBe('HelloWorld')
    // Once the caret and the selection agree, the same key goes in.
    domCaretAt(editor, 3)
    expect(press(editor.view.dom, 'x')).toBe(true)
    expect(editor.state.doc.textContent).toBe('HexlloWorld')
  })

  it('is left to the browser in a control inside the editor, for a selection that is not a caret, and for Enter', () => {
    const editor = editorWith([paragraph('Hello')])
    const control = editor.view.dom.querySelector('p')!.appendChild(document.createElement('input'))
    caretAt(editor, 3)
    expect(press(control, 'x')).toBe(false)
    control.remove()
    caretAt(editor, 3)
    expect(press(editor.view.dom, '\r')).toBe(false)
    editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, 2, 4)))
    expect(press(editor.view.dom, 'x')).toBe(false)
    expect(editor.state.doc.textContent).toBe('Hello')
    // The same key at a caret in the text goes in.
    caretAt(editor, 3)
    expect(press(editor.view.dom, 'x')).toBe(true)
    expect(editor.state.doc.textContent).toBe('Hexllo')
  })
})
