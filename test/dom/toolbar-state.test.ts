// @vitest-environment jsdom
import { Editor, type JSONContent } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import { TextSelection } from '@tiptap/pm/state'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyBlockJSON } from '../../core/blocks/define.js'
import { blockSpec } from '../../core/blocks/registry.js'
import { emptyMeta } from '../../core/document/meta.js'
import { mldocExtensions, mldocSchema } from '../../core/schema/index.js'
import { BODY_FRAGMENT, createYDoc } from '../../core/yjs/doc.js'
import { toolbarState, type ToolbarState } from '../../renderer/editor/Toolbar.js'
import { isBlockType } from '../../core/blocks/define.js'

/**
 * The toolbar's state (renderer/editor/Toolbar.tsx) reads the nodes around a caret and the Yjs
 * undo manager's stacks instead of asking `editor.isActive` and `editor.can()`, which walk the
 * document and build every command on each transaction. It must show what they answer.
 */

const editors: Editor[] = []
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy()
})

const text = (value: string, marks?: JSONContent['marks']): JSONContent => ({ type: 'text', text: value, ...(marks ? { marks } : {}) })
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content })
const item = (type: string, value: string): JSONContent => ({ type, ...(type === 'taskItem' ? { attrs: { checked: false } } : {}), content: [paragraph(text(value))] })

const CONTENT: JSONContent[] = [
  { type: 'heading', attrs: { level: 2 }, content: [text('Problem framing')] },
  paragraph(text('Plain, '), text('bold', [{ type: 'bold' }]), text(' and '), text('a link', [{ type: 'link', attrs: { href: 'https://example.com' } }]), text(' and '), text('code', [{ type: 'code' }])),
  { type: 'bulletList', content: [item('listItem', 'Data'), item('listItem', 'Model')] },
  { type: 'orderedList', content: [item('listItem', 'First'), item('listItem', 'Second')] },
  { type: 'taskList', content: [item('taskItem', 'Label the data')] },
  { type: 'blockquote', content: [paragraph(text('Quoted'), text(' struck', [{ type: 'strike' }]))] },
  { type: 'codeBlock', content: [text('print(1)')] },
  {
    type: 'table',
    content: [['Metric', 'Target'], ['Recall', '0.8']].map((row, r) => ({
      type: 'tableRow',
      content: row.map((value) => ({ type: r === 0 ? 'tableHeader' : 'tableCell', content: [paragraph(text(value, r === 1 ? [{ type: 'italic' }] : undefined))] })),
    })),
  },
  emptyBlockJSON(blockSpec('metric'), 'en'),
  { type: 'heading', attrs: { level: 3 }, content: [text('Data')] },
  paragraph(),
]

/** An editor holding CONTENT, bound to a Y.Doc (as in MLDoc) or with ProseMirror's own history. */
function editorWith(bound: boolean): Editor {
  const body = mldocSchema().nodeFromJSON({ type: 'doc', content: CONTENT })
  const ydoc = createYDoc({ meta: emptyMeta(), body })
  const editor = new Editor({
    element: document.createElement('div'),
    extensions: bound
      ? [...mldocExtensions({ starterKit: { undoRedo: false } }), Collaboration.configure({ document: ydoc as Y.Doc, field: BODY_FRAGMENT })]
      : mldocExtensions(),
    ...(bound ? {} : { content: body.toJSON() as JSONContent }),
  })
  editors.push(editor)
  return editor
}

/** What the toolbar showed before it read the state itself: `editor.isActive` and `editor.can()`. */
function askedOfTheEditor(editor: Editor): ToolbarState {
  const { $from } = editor.state.selection
  let inText = true
  for (let depth = $from.depth; depth > 0; depth--) if (isBlockType($from.node(depth).type.name)) inText = false
  return {
    block: editor.isActive('heading') ? `h${$from.parent.attrs.level as number}` : editor.isActive('paragraph') ? 'p' : '',
    bold: editor.isActive('bold'),
    italic: editor.isActive('italic'),
    strike: editor.isActive('strike'),
    code: editor.isActive('code'),
    link: editor.isActive('link'),
    bulletList: editor.isActive('bulletList'),
    orderedList: editor.isActive('orderedList'),
    taskList: editor.isActive('taskList'),
    blockquote: editor.isActive('blockquote'),
    codeBlock: editor.isActive('codeBlock'),
    inTable: editor.isActive('table'),
    canUndo: editor.can().undo(),
    canRedo: editor.can().redo(),
    inText,
  }
}

/** Sets the selection and compares the toolbar's state with the editor's answers there. */
function expectSameAt(editor: Editor, anchor: number, head = anchor): void {
  const { doc } = editor.state
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.between(doc.resolve(anchor), doc.resolve(head))))
  expect(toolbarState(editor), `selection ${anchor}-${head}`).toEqual(askedOfTheEditor(editor))
}

describe('the toolbar state', () => {
  for (const bound of [true, false]) {
    it(`is what editor.isActive and editor.can() answer, at every caret and over selections (${bound ? 'bound to a Y.Doc' : 'ProseMirror history'})`, () => {
      const editor = editorWith(bound)
      const size = editor.state.doc.content.size
      for (let pos = 0; pos <= size; pos++) expectSameAt(editor, pos)
      for (let pos = 0; pos + 7 <= size; pos += 5) expectSameAt(editor, pos, pos + 7)
      expect(toolbarState(editor).canUndo).toBe(false)
      // Typing, undoing and redoing fill and empty both stacks.
      editor.chain().setTextSelection(3).insertContent('x').run()
      expectSameAt(editor, 4)
      expect(toolbarState(editor).canUndo).toBe(true)
      editor.commands.undo()
      expectSameAt(editor, 3)
      expect(toolbarState(editor).canRedo).toBe(true)
      editor.commands.redo()
      expectSameAt(editor, 4)
    })
  }
})
