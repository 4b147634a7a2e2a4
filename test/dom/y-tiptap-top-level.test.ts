// @vitest-environment jsdom
import { Editor, type JSONContent } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import type { Node as PMNode } from '@tiptap/pm/model'
import { TextSelection } from '@tiptap/pm/state'
import { absolutePositionToRelativePosition, getRelativeSelection, relativePositionToAbsolutePosition, yCursorPluginKey, ySyncPluginKey, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { afterEach, describe, expect, it } from 'vitest'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { emptyMeta } from '../../core/document/meta.js'
import { mldocExtensions, mldocSchema } from '../../core/schema/index.js'
import { BODY_FRAGMENT, createYDoc } from '../../core/yjs/doc.js'
import { after, blockStart, heading, paragraph, table } from './y-tiptap-content.js'

/**
 * Hunks F and G of patches/@tiptap+y-tiptap+3.0.9.patch (patches/README.md): the binding records
 * the fragment's top-level types for the document it synced, and uses them instead of walking
 * every top-level block: a local keystroke writes the blocks it changed to their Yjs types and
 * takes the selection as Yjs positions from the block holding it (F); a remote keystroke looks up
 * the nodes of the blocks it reached only, and another person's caret is placed from the block
 * holding it (G). The Y.Doc, the binding's mapping, the relative positions and the carets stay
 * what the whole walks give.
 */

const editors: Editor[] = []
afterEach(() => {
  for (const editor of editors.splice(0)) {
    const { element } = editor.options
    editor.destroy()
    if (element instanceof Element) element.remove()
  }
})


/** An editor bound to a new Y.Doc holding `content` (or to `ydoc`), in the page and focused, with the caret plugin as in MLDoc. */
function boundEditor(content: JSONContent[], ydoc = new Y.Doc()): { editor: Editor; ydoc: Y.Doc; awareness: Awareness } {
  if (content.length > 0) {
    const start = createYDoc({ meta: emptyMeta(), body: mldocSchema().nodeFromJSON({ type: 'doc', content }) })
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(start))
  }
  const awareness = new Awareness(ydoc)
  const editor = new Editor({
    element: document.body.appendChild(document.createElement('div')),
    // Focusable in jsdom, so the caret plugin takes the selection as it does in the app.
    editorProps: { attributes: { tabindex: '0' } },
    extensions: [
      ...mldocExtensions({ starterKit: { undoRedo: false } }),
      Collaboration.configure({ document: ydoc, field: BODY_FRAGMENT }),
      CollaborationCaret.configure({ provider: { awareness }, user: { name: `User ${ydoc.clientID}`, color: '#112233' } }),
    ],
  })
  editors.push(editor)
  editor.view.focus()
  return { editor, ydoc, awareness }
}

/** Two people: A (who has the focus) and B, each with an editor, the same document and the caret plugin. */
function twoPeople(content: JSONContent[]) {
  const start = createYDoc({ meta: emptyMeta(), body: mldocSchema().nodeFromJSON({ type: 'doc', content }) })
  const [a, b] = [new Y.Doc(), new Y.Doc()]
  a.clientID = 1
  b.clientID = 2
  Y.applyUpdate(a, Y.encodeStateAsUpdate(start))
  Y.applyUpdate(b, Y.encodeStateAsUpdate(start))
  const B = boundEditor([], b)
  const A = boundEditor([], a)
  /** Sends B what A typed since the last call, then A's caret, as a provider does. */
  const send = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'network')
    applyAwarenessUpdate(B.awareness, encodeAwarenessUpdate(A.awareness, [a.clientID]), 'network')
  }
  return { A, B, send }
}

/**
 * Where B's editor draws A's caret (the widget's position) once it has drawn the carets again
 * from what B knows of A now, and where the walk from the fragment's start puts that caret.
 */
function caretOfA(B: { editor: Editor; ydoc: Y.Doc; awareness: Awareness }): { drawn: number | null; walked: number | null } {
  B.editor.view.dispatch(B.editor.state.tr.setMeta(yCursorPluginKey, { awarenessUpdated: true }))
  const decorations = yCursorPluginKey.getState(B.editor.state) as { find: () => { from: number; spec: { key?: string } }[] }
  const drawn = decorations.find().find((decoration) => decoration.spec.key === '1')?.from ?? null
  const cursor = (B.awareness.getStates().get(1) as { cursor: { head: unknown } }).cursor
  const walked = relativePositionToAbsolutePosition(B.ydoc, B.ydoc.getXmlFragment(BODY_FRAGMENT), Y.createRelativePositionFromJSON(cursor.head), bindingOf(B.editor).mapping)
  return { drawn, walked }
}


// eslint-disable-next-line @typescript-eslint/no-explicit-any
const bindingOf = (editor: Editor): any => ySyncPluginKey.getState(editor.state).binding

/**
 * Why the binding's state does not match the whole walks, or null: the Y.Doc reads as the
 * editor's document, every top-level type maps to the editor's node at its index, and at every
 * position of the document the selection taken as Yjs positions is the one the walk from the
 * fragment's start gives.
 */
function bindingProblem(editor: Editor, ydoc: Y.Doc): string | null {
  const fragment = ydoc.getXmlFragment(BODY_FRAGMENT)
  const doc = editor.state.doc
  if (!yXmlFragmentToProseMirrorRootNode(fragment, editor.schema).eq(doc)) return 'the Y.Doc does not read as the editor document'
  const binding = bindingOf(editor)
  for (const [i, type] of fragment.toArray().entries()) {
    if (binding.mapping.get(type) !== doc.child(i)) return `top-level type ${i} does not map to the editor's node ${i}`
  }
  for (let pos = 0; pos <= doc.content.size; pos++) {
    const taken = getRelativeSelection(binding, { doc, selection: TextSelection.between(doc.resolve(pos), doc.resolve(pos)) } as never)
    const walked = absolutePositionToRelativePosition(taken.absAnchor, fragment, binding.mapping)
    const [a, b] = [Y.relativePositionToJSON(taken.anchor), Y.relativePositionToJSON(walked)]
    if (JSON.stringify(a) !== JSON.stringify(b)) return `at ${taken.absAnchor}: ${JSON.stringify(a)}, the walk gives ${JSON.stringify(b)}`
  }
  return null
}

/** Counts the binding's mapping look-ups while `run` runs. */
function lookupsDuring(editor: Editor, run: () => void): number {
  const mapping = bindingOf(editor).mapping as Map<object, PMNode | PMNode[]>
  const get = mapping.get.bind(mapping)
  let lookups = 0
  mapping.get = (key) => {
    lookups++
    return get(key)
  }
  try {
    run()
  } finally {
    delete (mapping as { get?: unknown }).get
  }
  return lookups
}

describe('a local keystroke in a long document', () => {
  it('writes the block typed in and takes the selection from it, without walking the other blocks', () => {
    // 300 blocks, the caret in block 290. Before hunk F each keystroke looked up every block's
    // mapping twice to write it (from both ends) and once per block before the caret per
    // selection end (some 1,200 look-ups).
    const { editor, ydoc } = boundEditor(Array.from({ length: 300 }, (_, i) => paragraph(`Paragraph ${i} of the plan.`)))
    editor.commands.setTextSelection(after(editor, 'Paragraph 290 of'))
    // The first write after the binding started walks the fragment once and records its blocks.
    editor.commands.insertContent('x')
    const lookups = lookupsDuring(editor, () => {
      editor.commands.insertContent('y')
      editor.commands.insertContent('z')
    })
    expect(editor.state.doc.child(290).textContent).toBe('Paragraph 290 ofxyz the plan.')
    expect(lookups / 2).toBeLessThan(30)
    expect(bindingProblem(editor, ydoc)).toBeNull()
  })

  it('keeps the Y.Doc, the mapping and the Yjs positions right over edits of one block, several, a block type and the structure', () => {
    const { editor, ydoc } = boundEditor([
      heading('Problem framing'),
      paragraph('We predict churn weekly.'),
      { type: 'bulletList', content: ['Data', 'Model'].map((text) => ({ type: 'listItem', content: [paragraph(text)] })) },
      table([['Metric', 'Target'], ['Recall', '0.8']]),
      heading('Data'),
      paragraph('Events from the product.'),
    ])
    const steps: [string, () => void][] = [
      ['type in a paragraph', () => editor.chain().setTextSelection(after(editor, 'churn')).insertContent(' rate').run()],
      ['type again there', () => editor.commands.insertContent('s')],
      ['type in a table cell', () => editor.chain().setTextSelection(after(editor, 'Recall')).insertContent('@5').run()],
      ['type in a list item', () => editor.chain().setTextSelection(after(editor, 'Model')).insertContent(' card').run()],
      ['bold a word', () => editor.chain().setTextSelection({ from: after(editor, 'Events') - 6, to: after(editor, 'Events') }).toggleBold().run()],
      ['change two blocks in one transaction', () => {
        const tr = editor.state.tr.insertText('!', after(editor, 'from the product.'))
        tr.insertText('?', after(editor, 'Problem framing'))
        editor.view.dispatch(tr)
      }],
      ['turn a heading into a paragraph', () => editor.chain().setTextSelection(after(editor, 'Dat')).setParagraph().run()],
      ['type in it', () => editor.commands.insertContent('a set')],
      ['split a paragraph', () => editor.view.dispatch(editor.state.tr.split(after(editor, 'We predict')))],
      ['type in the new block', () => editor.chain().setTextSelection(after(editor, 'We predict') + 2).insertContent('Now ').run()],
      ['join it back', () => editor.view.dispatch(editor.state.tr.join(after(editor, 'We predict') + 1))],
      ['type after the join', () => editor.commands.insertContent('ed')],
      ['delete a block', () => {
        const $pos = editor.state.doc.resolve(after(editor, 'Data'))
        editor.view.dispatch(editor.state.tr.delete($pos.before(1), $pos.after(1)))
      }],
      ['type in the last block', () => editor.chain().setTextSelection(after(editor, 'product')).insertContent(' team').run()],
    ]
    for (const [name, step] of steps) {
      step()
      expect(bindingProblem(editor, ydoc), name).toBeNull()
    }
    expect(editor.state.doc.textContent).toContain('product team')
  })
})

describe('a remote keystroke in a long document', () => {
  it('looks up the block it reached and places the other person’s caret from the block holding it', () => {
    // 300 blocks, A types in block 290. Before hunk G, B looked up the node of every block and
    // walked the blocks before the caret for each end of A's caret, each time the carets were drawn.
    const { A, B, send } = twoPeople(Array.from({ length: 300 }, (_, i) => paragraph(`Paragraph ${i} of the plan.`)))
    A.editor.commands.setTextSelection(after(A.editor, 'Paragraph 290 of'))
    A.editor.commands.insertContent('x')
    send()
    A.editor.commands.insertContent('y')
    const lookups = lookupsDuring(B.editor, send)
    expect(B.editor.state.doc.child(290).textContent).toBe('Paragraph 290 ofxy the plan.')
    expect(lookups).toBeLessThan(30)
    const { drawn, walked } = caretOfA(B)
    expect(drawn).toBeGreaterThan(blockStart(B.editor.state.doc, 290))
    expect(drawn).toBe(walked)
    expect(bindingProblem(B.editor, B.ydoc)).toBeNull()
  })

  it('keeps the mapping and the other person’s caret right over remote edits of every kind', () => {
    const { A, B, send } = twoPeople([
      heading('Problem framing'),
      paragraph('We predict churn weekly.'),
      { type: 'bulletList', content: ['Data', 'Model'].map((text) => ({ type: 'listItem', content: [paragraph(text)] })) },
      table([['Metric', 'Target'], ['Recall', '0.8']]),
      heading('Data'),
      paragraph('Events from the product.'),
    ])
    const steps: [string, () => void][] = [
      ['type in a paragraph', () => A.editor.chain().setTextSelection(after(A.editor, 'churn')).insertContent(' rate').run()],
      ['type in a table cell', () => A.editor.chain().setTextSelection(after(A.editor, 'Recall')).insertContent('@5').run()],
      ['add a table row', () => A.editor.chain().setTextSelection(after(A.editor, 'Recall@5')).addRowAfter().run()],
      ['type in a list item', () => A.editor.chain().setTextSelection(after(A.editor, 'Model')).insertContent(' card').run()],
      ['bold a word', () => A.editor.chain().setTextSelection({ from: after(A.editor, 'Events') - 6, to: after(A.editor, 'Events') }).toggleBold().run()],
      ['change two blocks in one transaction', () => {
        const tr = A.editor.state.tr.insertText('!', after(A.editor, 'from the product.'))
        tr.insertText('?', after(A.editor, 'Problem framing'))
        A.editor.view.dispatch(tr)
      }],
      ['turn a heading into a paragraph', () => A.editor.chain().setTextSelection(after(A.editor, 'Dat')).setParagraph().run()],
      ['split a paragraph', () => A.editor.view.dispatch(A.editor.state.tr.split(after(A.editor, 'We predict')))],
      ['type in the new block', () => A.editor.chain().setTextSelection(after(A.editor, 'We predict') + 2).insertContent('Now ').run()],
      ['delete a block', () => {
        const $pos = A.editor.state.doc.resolve(after(A.editor, 'Data'))
        A.editor.view.dispatch(A.editor.state.tr.delete($pos.before(1), $pos.after(1)))
      }],
      ['type in the last block', () => A.editor.chain().setTextSelection(after(A.editor, 'product')).insertContent(' team').run()],
    ]
    for (const [name, step] of steps) {
      step()
      send()
      expect(B.editor.state.doc.toJSON(), name).toEqual(A.editor.state.doc.toJSON())
      expect(bindingProblem(B.editor, B.ydoc), name).toBeNull()
      const { drawn, walked } = caretOfA(B)
      expect(drawn, name).not.toBeNull()
      expect(drawn, name).toBe(walked)
    }
  })
})
