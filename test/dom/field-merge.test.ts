// @vitest-environment jsdom
import { Editor } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyBlockJSON } from '../../core/blocks/define.js'
import { blockSpec } from '../../core/blocks/registry.js'
import { emptyMeta } from '../../core/document/meta.js'
import { mldocExtensions, mldocSchema } from '../../core/schema/index.js'
import { createYDoc, readYDoc } from '../../core/yjs/doc.js'

const editors: Editor[] = []
afterEach(() => editors.splice(0).forEach((e) => e.destroy()))

/** An editor bound to its own Y.Doc, as each peer has. */
function peer(ydoc: Y.Doc): Editor {
  const editor = new Editor({
    element: document.createElement('div'),
    extensions: [...mldocExtensions({ starterKit: { undoRedo: false } }), Collaboration.configure({ document: ydoc, field: 'default' })],
  })
  editors.push(editor)
  return editor
}

/** Position just inside the named field of the first block of a type. */
function fieldPos(editor: Editor, blockType: string, field: string, offset: 'start' | 'end'): number {
  let found = -1
  editor.state.doc.descendants((node, pos, parent) => {
    if (found < 0 && node.type.name === 'blockField' && node.attrs.name === field && parent?.type.name === blockType) {
      found = offset === 'start' ? pos + 1 : pos + 1 + node.content.size
    }
    return found < 0
  })
  if (found < 0) throw new Error(`no ${blockType}.${field}`)
  return found
}

function fieldText(ydoc: Y.Doc, blockType: string, field: string): string {
  let text = ''
  readYDoc(ydoc).body.descendants((node, _pos, parent) => {
    if (node.type.name === 'blockField' && node.attrs.name === field && parent?.type.name === blockType) text = node.textContent
  })
  return text
}

describe('structured block fields merge character by character', () => {
  it('keeps both people’s typing when they edit one metric definition at the same time', () => {
    const metric = emptyBlockJSON(blockSpec('metric'), 'en')
    metric.content![1] = { type: 'blockField', attrs: { name: 'definition' }, content: [{ type: 'text', text: 'Share of churners' }] }
    const seed = createYDoc({ meta: emptyMeta(), body: mldocSchema().nodeFromJSON({ type: 'doc', content: [metric] }) })
    const a = new Y.Doc()
    const b = new Y.Doc()
    Y.applyUpdate(a, Y.encodeStateAsUpdate(seed))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(seed))
    const editorA = peer(a)
    const editorB = peer(b)

    // Both type while disconnected: A at the start of the field, B at its end.
    editorA.chain().insertContentAt(fieldPos(editorA, 'metric', 'definition', 'start'), 'Weekly ').run()
    editorB.chain().insertContentAt(fieldPos(editorB, 'metric', 'definition', 'end'), ' in the top decile').run()
    // And both change the layer choice: one writer's value wins, the same on both sides.
    editorA.chain().command(({ tr }) => { tr.setNodeAttribute(0, 'layer', 'offline'); return true }).run()
    editorB.chain().command(({ tr }) => { tr.setNodeAttribute(0, 'layer', 'online'); return true }).run()

    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))

    expect(fieldText(a, 'metric', 'definition')).toBe('Weekly Share of churners in the top decile')
    expect(fieldText(b, 'metric', 'definition')).toBe('Weekly Share of churners in the top decile')
    expect(editorA.state.doc.toJSON()).toEqual(editorB.state.doc.toJSON())
    expect(editorA.state.doc.toJSON()).toEqual(readYDoc(a).body.toJSON())
    expect(['offline', 'online']).toContain(editorA.state.doc.firstChild!.attrs.layer)
  })

  it('an attribute string would lose one writer’s text: fields are not attributes', () => {
    expect(mldocSchema().nodes.metric!.spec.attrs).not.toHaveProperty('definition')
    expect(mldocSchema().nodes.blockField!.spec.content).toBe('text*')
  })
})
