// @vitest-environment jsdom
import { Editor, type JSONContent } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import { EditorState } from '@tiptap/pm/state'
import { fixTables } from '@tiptap/pm/tables'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyBlockJSON } from '../../../core/blocks/define.js'
import { blockSpec } from '../../../core/blocks/registry.js'
import { emptyMeta } from '../../../core/document/meta.js'
import { exportMarkdown } from '../../../core/markdown/index.js'
import { mldocExtensions, mldocSchema } from '../../../core/schema/index.js'
import { BODY_FRAGMENT, bindableBody, readYDoc, seedYDoc } from '../../../core/yjs/doc.js'
import { decodeMLDocFile, encodeMLDocFile, readMLDocFile } from '../../../core/yjs/file.js'
import { bodyDefect, repairBody } from '../../../core/yjs/repair.js'

const text = (value: string, marks?: string[]): JSONContent => ({ type: 'text', text: value, ...(marks ? { marks: marks.map((type) => ({ type })) } : {}) })
const paragraph = (value?: string): JSONContent => ({ type: 'paragraph', content: value ? [text(value)] : [] })
const cell = (type: string, value: string): JSONContent => ({ type, content: [paragraph(value)] })
const table = (rows: string[][]): JSONContent => ({
  type: 'table',
  content: rows.map((row, r) => ({ type: 'tableRow', content: row.map((value) => cell(r === 0 ? 'tableHeader' : 'tableCell', value)) })),
})
const list = (items: string[]): JSONContent => ({ type: 'bulletList', content: items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })) })

/** A Y.Doc seeded with `content`, then each edit made on its own copy, concurrently, and all merged. */
function merged(content: JSONContent[], ...edits: ((body: Y.XmlFragment) => void)[]): Y.Doc {
  const origin = new Y.Doc()
  seedYDoc(origin, { meta: { ...emptyMeta(), title: 'Merged' }, body: mldocSchema().nodeFromJSON({ type: 'doc', content }) })
  const start = Y.encodeStateAsUpdate(origin)
  const updates = edits.map((edit, i) => {
    const peer = new Y.Doc()
    peer.clientID = 100 + i
    Y.applyUpdate(peer, start)
    const before = Y.encodeStateVector(peer)
    edit(peer.getXmlFragment(BODY_FRAGMENT))
    return Y.encodeStateAsUpdate(peer, before)
  })
  const result = new Y.Doc()
  Y.applyUpdate(result, start)
  for (const update of updates) Y.applyUpdate(result, update)
  return result
}

const element = (parent: Y.XmlFragment | Y.XmlElement, ...path: number[]): Y.XmlElement =>
  path.reduce<Y.XmlFragment | Y.XmlElement>((node, i) => node.get(i) as Y.XmlElement, parent) as Y.XmlElement

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

/** An MLDoc editor bound to the Y.Doc, once it has shown it. */
async function editorOn(ydoc: Y.Doc): Promise<Editor> {
  const editor = new Editor({
    element: document.createElement('div'),
    extensions: [...mldocExtensions({ starterKit: { undoRedo: false } }), Collaboration.configure({ document: ydoc, field: BODY_FRAGMENT })],
  })
  editors.push(editor)
  await new Promise((resolve) => setTimeout(resolve, 0))
  return editor
}

/** What an MLDoc editor bound to the Y.Doc shows. */
async function editorShows(ydoc: Y.Doc): Promise<JSONContent> {
  return (await editorOn(ydoc)).state.doc.toJSON() as JSONContent
}

/**
 * The merged state reads as the document the editor shows, and a saved and reopened copy reads and
 * exports the same; returns the document read.
 */
async function readsAsEditorShows(ydoc: Y.Doc): Promise<JSONContent> {
  const read = readYDoc(ydoc)
  expect(read.body.toJSON()).toEqual(await editorShows(ydoc))
  // The editor opens it: the check as it builds the body leaves content rules to the repair.
  expect(() => bindableBody(ydoc, mldocSchema(), new Map())).not.toThrow()
  expect(await editorShows(decodeMLDocFile(encodeMLDocFile(ydoc), 'merged.mldoc'))).toEqual(read.body.toJSON())
  const reopened = readMLDocFile(encodeMLDocFile(ydoc), 'merged.mldoc')
  expect(reopened.doc.body.toJSON()).toEqual(read.body.toJSON())
  expect(exportMarkdown(reopened.doc)).toBe(exportMarkdown(read))
  expect(await editorShows(reopened.ydoc)).toEqual(read.body.toJSON())
  return read.body.toJSON() as JSONContent
}

describe('bodies merged from concurrent edits', () => {
  it('drop a table whose rows two people deleted at once', async () => {
    const ydoc = merged(
      [paragraph('Before'), table([['Metric', 'Target'], ['Recall', '0.8']]), paragraph('After')],
      (body) => element(body, 1).delete(0, 1),
      (body) => element(body, 1).delete(1, 1),
    )
    expect(await readsAsEditorShows(ydoc)).toEqual({ type: 'doc', content: [paragraph('Before'), paragraph('After')] })
  })

  it('drop a list whose items two people deleted at once', async () => {
    const ydoc = merged(
      [list(['Data', 'Model']), paragraph('After')],
      (body) => element(body, 0).delete(0, 1),
      (body) => element(body, 0).delete(1, 1),
    )
    expect(await readsAsEditorShows(ydoc)).toEqual({ type: 'doc', content: [paragraph('After')] })
  })

  it('keep code when one person made a word code and another italic', async () => {
    const ydoc = merged(
      [paragraph('We predict churn weekly.')],
      (body) => (element(body, 0).get(0) as Y.XmlText).format(11, 5, { code: {} }),
      (body) => (element(body, 0).get(0) as Y.XmlText).format(11, 5, { italic: {} }),
    )
    expect(await readsAsEditorShows(ydoc)).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [text('We predict '), text('churn', ['code']), text(' weekly.')] }],
    })
    expect(exportMarkdown(readYDoc(ydoc))).toContain('We predict `churn` weekly.')
  })

  it('pad a ragged table as the editor does', async () => {
    const ydoc = merged(
      [table([['Metric', 'Target'], ['Recall', '0.8']])],
      // A cell deleted from the second row, as a peer holding an older table might leave it.
      (body) => element(body, 0, 1).delete(1, 1),
    )
    const shown = await readsAsEditorShows(ydoc)
    const rows = shown.content![0]!.content!
    expect(rows.map((row) => row.content!.length)).toEqual([2, 2])
    expect(exportMarkdown(readYDoc(ydoc))).toMatch(/\| Recall +\| +\|/)
  })

  it('give an emptied body one empty paragraph', async () => {
    const ydoc = merged([paragraph('One'), paragraph('Two')], (body) => body.delete(0, 1), (body) => body.delete(1, 1))
    expect(await readsAsEditorShows(ydoc)).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] })
  })

  it('drop a block whose table lost every row, as the editor binding drops it', async () => {
    const architecture = emptyBlockJSON(blockSpec('architecture'), 'en')
    const rows = architecture.content![1]!.content!.length
    const ydoc = merged(
      [paragraph('Before'), architecture],
      (body) => element(body, 1, 1).delete(0, rows - 1),
      (body) => element(body, 1, 1).delete(rows - 1, 1),
    )
    expect(await readsAsEditorShows(ydoc)).toEqual({ type: 'doc', content: [paragraph('Before')] })
  })
})

describe('an editor showing a change from the Y.Doc', () => {
  it('does not turn its words into links that the Y.Doc never gets', async () => {
    const ydoc = merged([paragraph('Visit www.example.com'), paragraph('Next')])
    expect(await readsAsEditorShows(ydoc)).toEqual({ type: 'doc', content: [paragraph('Visit www.example.com'), paragraph('Next')] })
    const editor = await editorOn(ydoc)
    // A peer types a web address into the first paragraph: it arrives as text, and stays text.
    const peer = new Y.Doc()
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(ydoc))
    const before = Y.encodeStateVector(peer)
    ;(element(peer.getXmlFragment(BODY_FRAGMENT), 0).get(0) as Y.XmlText).insert(0, 'or docs.example.org ')
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(peer, before))
    await new Promise((resolve) => setTimeout(resolve, 0))
    const shown = editor.state.doc.toJSON() as JSONContent
    expect(shown.content![0]).toEqual(paragraph('or docs.example.org Visit www.example.com'))
    expect(readYDoc(ydoc).body.toJSON()).toEqual(shown)
  })
})

describe('repairBody', () => {
  const schema = mldocSchema()

  it('returns a valid body as the same node', () => {
    const body = schema.nodeFromJSON({ type: 'doc', content: [paragraph('x'), table([['a', 'b'], ['c', 'd']]), list(['e'])] })
    expect(repairBody(body)).toBe(body)
  })

  it('is deterministic and repairs once for all', () => {
    const json = { type: 'doc', content: [{ type: 'table', content: [] }, { type: 'paragraph', content: [text('x', ['italic', 'code', 'bold'])] }, { type: 'bulletList', content: [] }] }
    const once = repairBody(schema.nodeFromJSON(json))
    expect(once.toJSON()).toEqual(repairBody(schema.nodeFromJSON(json)).toJSON())
    expect(repairBody(once)).toBe(once)
    expect(() => once.check()).not.toThrow()
    expect(once.toJSON()).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [text('x', ['code'])] }] })
  })

  it('looks only at blocks that are not blocks of the document repaired before, with the same result', () => {
    const before = schema.nodeFromJSON({ type: 'doc', content: [paragraph('kept'), table([['a', 'b'], ['c', 'd']])] })
    const broken = schema.nodeFromJSON({ type: 'paragraph', content: [text('x', ['italic', 'code'])] })
    const ragged = schema.nodeFromJSON(table([['a', 'b'], ['c']]))
    const body = before.copy(before.content.append(schema.nodes.doc!.create(null, [broken, ragged]).content))
    expect(repairBody(body, before).toJSON()).toEqual(repairBody(body).toJSON())
    expect(repairBody(body, before).child(0)).toBe(before.child(0))
    expect(repairBody(body).child(3).child(1).childCount).toBe(2)
  })

  it('pads a ragged table wherever it lies, as fixTables does: in a list item, in a block', () => {
    const ragged = table([['a', 'b'], ['c']])
    const architecture = emptyBlockJSON(blockSpec('architecture'), 'en')
    architecture.content![1]!.content![1]!.content!.pop()
    const bodies = [
      { type: 'doc', content: [paragraph('x'), { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph('item'), ragged] }] }] },
      { type: 'doc', content: [paragraph('x'), architecture] },
    ]
    for (const json of bodies) {
      const body = schema.nodeFromJSON(json)
      const fixed = fixTables(EditorState.create({ doc: body }))
      expect(fixed).toBeDefined()
      expect(repairBody(body).toJSON()).toEqual(fixed!.doc.toJSON())
    }
  })

  it('drops a cell that got two paragraphs and pads its row', () => {
    const json = { type: 'doc', content: [table([['a', 'b'], ['c', 'd']])] }
    json.content[0]!.content![0]!.content![0]!.content!.push(paragraph('extra'))
    const repaired = repairBody(mldocSchema().nodeFromJSON(json))
    expect(repaired.textContent).toBe('bcd')
    expect(repaired.child(0).child(0).childCount).toBe(2)
  })
})

describe('bodyDefect', () => {
  const schema = mldocSchema()

  it('names what no merge of honest edits makes', () => {
    expect(bodyDefect(schema.nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph', content: [paragraph('inner')] }] }))).toMatch(/"paragraph" cannot hold a "paragraph"/)
    expect(bodyDefect(schema.nodeFromJSON({ type: 'doc', content: [text('loose')] }))).toMatch(/"doc" cannot hold text/)
    expect(bodyDefect(schema.nodeFromJSON({ type: 'doc', content: [{ type: 'blockField', attrs: { name: 'definition' } }] }))).toMatch(/"doc" cannot hold a "blockField"/)
  })

  it('names attributes of the wrong kind', () => {
    const heading = (level: unknown) => schema.nodeFromJSON({ type: 'doc', content: [{ type: 'heading', attrs: { level }, content: [text('Data')] }] })
    expect(bodyDefect(heading({ toString: 'alert(1)' }))).toMatch(/"heading" has a "level" attribute of the wrong kind \(object where number is expected\)/)
    expect(bodyDefect(heading('2'))).toMatch(/wrong kind/)
    expect(bodyDefect(heading(2))).toBeNull()
    const link = (href: unknown) => schema.nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href } }] }] }] })
    expect(bodyDefect(link(['javascript:alert(1)']))).toMatch(/the "link" mark of a "text" has a "href" attribute of the wrong kind \(list where string or/)
    expect(bodyDefect(link('https://example.com'))).toBeNull()
  })

  it('leaves content rules to the repair', () => {
    expect(bodyDefect(schema.nodeFromJSON({ type: 'doc', content: [{ type: 'table', content: [] }, { type: 'paragraph', content: [text('x', ['code', 'italic'])] }] }))).toBeNull()
  })

  it('makes reading a Y.Doc that holds one fail, naming the problem', () => {
    const ydoc = merged([paragraph('One')], (body) => element(body, 0).insert(0, [new Y.XmlElement('paragraph')]))
    expect(() => readYDoc(ydoc, 'hostile.mldoc')).toThrow(/does not fit MLDoc's schema \(a "paragraph" cannot hold a "paragraph"\)/)
    expect(() => bindableBody(ydoc, mldocSchema(), new Map(), 'hostile.mldoc')).toThrow(/hostile\.mldoc.*does not fit MLDoc's schema \(a "paragraph" cannot hold a "paragraph"\)/s)
  })

  it('makes opening a Y.Doc with an unknown node or a header that does not read fail, naming it', () => {
    const unknown = merged([paragraph('One')], (body) => body.insert(1, [new Y.XmlElement('video')]))
    expect(() => bindableBody(unknown, mldocSchema(), new Map(), 'newer.mldoc')).toThrow(/does not fit MLDoc's schema.*video/)
    const header = merged([paragraph('One')])
    header.getMap('meta').set('status', { not: 'a status' })
    expect(() => readYDoc(header, 'header.mldoc')).toThrow(/status/)
  })
})
