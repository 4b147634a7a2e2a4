// @vitest-environment jsdom
import { Editor, Node } from '@tiptap/core'
import { EditorContent, NodeViewContent, NodeViewWrapper, ReactNodeViewRenderer } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, describe, expect, it } from 'vitest'

// patches/@tiptap+react+3.31.3.patch: a React node view used to read the DOM selection each time
// its content was put into place, which makes Chromium lay out the page first: one forced layout
// per block view as a long document opened. It now reads it only when the editor's selection
// reaches into its node, the case where moving the content could lose the selection.

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

/** A block with editable content, drawn by React, as MLDoc's block views are. */
const Box = Node.create({
  name: 'box',
  group: 'block',
  content: 'paragraph+',
  parseHTML: () => [{ tag: 'section' }],
  renderHTML: () => ['section', 0],
  addNodeView: () => ReactNodeViewRenderer(() => (
    <NodeViewWrapper className="box">
      <NodeViewContent />
    </NodeViewWrapper>
  )),
})

const BOXES = 5
const content = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'Intro' }] },
    ...Array.from({ length: BOXES }, (_, i) => ({ type: 'box', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Box ${i}` }] }] })),
  ],
}

let root: Root | null = null
let editor: Editor | null = null
afterEach(async () => {
  if (root) await act(async () => root!.unmount())
  editor?.destroy()
  root = editor = null
})

/** Counts how often the page reads the DOM selection's range count while `run` runs. */
async function selectionReads(run: () => Promise<void>): Promise<number> {
  const descriptor = Object.getOwnPropertyDescriptor(Selection.prototype, 'rangeCount')!
  let reads = 0
  Object.defineProperty(Selection.prototype, 'rangeCount', {
    configurable: true,
    get(this: Selection) {
      reads++
      return descriptor.get!.call(this)
    },
  })
  try {
    await run()
  } finally {
    Object.defineProperty(Selection.prototype, 'rangeCount', descriptor)
  }
  return reads
}

/** Mounts an editor on `content` with its selection at `selectionAt` and draws its node views. */
async function mount(selectionAt: (doc: Editor['state']['doc']) => number): Promise<HTMLElement> {
  editor = new Editor({ extensions: [StarterKit, Box], content })
  editor.commands.setTextSelection(selectionAt(editor.state.doc))
  const host = document.createElement('div')
  document.body.append(host)
  root = createRoot(host)
  await act(async () => root!.render(<EditorContent editor={editor} />))
  return host
}

/** The position inside the text of the box at `index`. */
function insideBox(doc: Editor['state']['doc'], index: number): number {
  let found = -1
  let seen = 0
  doc.forEach((node, offset) => {
    if (node.type.name === 'box' && seen++ === index) found = offset + 3
  })
  return found
}

describe('React node views put their content in place', () => {
  it('without reading the DOM selection when the selection is in no block', async () => {
    let host: HTMLElement | null = null
    const reads = await selectionReads(async () => {
      host = await mount(() => 2)
    })
    expect(reads).toBe(0)
    // Every block's content went into its view.
    const boxes = [...host!.querySelectorAll('.box')]
    expect(boxes.map((box) => box.querySelector('[data-node-view-content] p')?.textContent)).toEqual(Array.from({ length: BOXES }, (_, i) => `Box ${i}`))
  })

  it('reading it only for the block the selection is in', async () => {
    const reads = await selectionReads(async () => {
      await mount((doc) => insideBox(doc, 3))
    })
    expect(reads).toBe(1)
    expect(editor!.state.selection.$from.parent.textContent).toBe('Box 3')
  })
})
