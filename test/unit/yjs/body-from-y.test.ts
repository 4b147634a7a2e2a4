import type { Node as PMNode } from '@tiptap/pm/model'
import { initProseMirrorDoc, prosemirrorToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { generateDocument } from '../../../bench/documents/generate.js'
import { documentFromTemplate } from '../../../core/templates/index.js'
import { mldocSchema } from '../../../core/schema/index.js'
import { bodyFromYFragment, type BindingMapping } from '../../../core/yjs/body-from-y.js'
import { BODY_FRAGMENT } from '../../../core/yjs/doc.js'
import { bodyDefect, repairBody } from '../../../core/yjs/repair.js'
import { loadTemplates } from '../../../node/templates.js'

// The body built straight from the shared types against the route it replaces: y-tiptap's JSON of
// the fragment, then ProseMirror's Node.fromJSON. Same nodes for every document, and a refusal
// wherever that route refuses.

const schema = mldocSchema()

/** The body through JSON, as MLDoc read it before. */
function throughJSON(fragment: Y.XmlFragment): PMNode {
  return schema.nodeFromJSON(yXmlFragmentToProsemirrorJSON(fragment))
}

/** A fragment holding a body, in a Y.Doc of its own. */
function fragmentOf(body: PMNode): Y.XmlFragment {
  const fragment = new Y.Doc().getXmlFragment(BODY_FRAGMENT)
  prosemirrorToYXmlFragment(body, fragment)
  return fragment
}

/** What reading a fragment gives: the body as JSON, or that it was refused. */
function outcome(read: () => PMNode): { body: unknown } | { refused: true } {
  try {
    return { body: read().toJSON() }
  } catch {
    return { refused: true }
  }
}

describe('a body built from its shared types', () => {
  it('is the body JSON gives, for the bench document and every template', () => {
    const bodies = [generateDocument({ scale: 1 }).body, ...loadTemplates().map((template) => documentFromTemplate(template).body)]
    for (const body of bodies) {
      const fragment = fragmentOf(body)
      const built = bodyFromYFragment(schema, fragment).body
      expect(built.eq(throughJSON(fragment))).toBe(true)
      expect(built.eq(body)).toBe(true)
    }
  })

  it('records the node each element became, as the editor binding records them', () => {
    const bodies = [generateDocument({ scale: 1, sections: 14 }).body, ...loadTemplates().map((template) => documentFromTemplate(template).body)]
    for (const body of bodies) {
      const fragment = fragmentOf(body)
      const mapping: BindingMapping = new Map()
      const built = bodyFromYFragment(schema, fragment, mapping).body
      const binding = initProseMirrorDoc(fragment, schema)
      expect(binding.doc.eq(built)).toBe(true)
      // The same elements (every one the binding recorded, and no other), each with an equal node.
      expect(mapping.size).toBe(binding.mapping.size)
      for (const [type, node] of mapping) expect(binding.mapping.has(type) && node.eq(binding.mapping.get(type) as PMNode)).toBe(true)
      fragment.toArray().forEach((type, i) => expect(mapping.get(type)).toBe(built.child(i)))
    }
  })

  it('is called sound exactly when it has no defect and needs no repair', () => {
    const text = (value: string, marks: string[] = []) => ({ type: 'text', text: value, marks: marks.map((type) => ({ type })) })
    const paragraph = (value: string) => ({ type: 'paragraph', content: [text(value)] })
    const table = (rows: string[][]) => ({ type: 'table', content: rows.map((row) => ({ type: 'tableRow', content: row.map((value) => ({ type: 'tableCell', content: [paragraph(value)] })) })) })
    const link = (href: unknown) => ({ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href } }] }] })
    const cellWithTwoParagraphs = table([['a', 'b'], ['c', 'd']])
    cellWithTwoParagraphs.content[0]!.content[0]!.content.push(paragraph('extra'))
    const valid = [generateDocument({ scale: 1, sections: 14 }).body, ...loadTemplates().map((template) => documentFromTemplate(template).body)]
    const broken = [
      // Needs a repair: a ragged table, a table without rows, code and italic on one text, a cell with two paragraphs, an empty body.
      [table([['a', 'b'], ['c']])],
      [paragraph('x'), { type: 'table', content: [] }],
      [{ type: 'paragraph', content: [text('x', ['italic', 'code'])] }],
      [cellWithTwoParagraphs],
      [],
      // Has a defect: a paragraph in a paragraph, a heading level of the wrong kind, a link whose address is a list.
      [{ type: 'paragraph', content: [paragraph('inner')] }],
      [{ type: 'heading', attrs: { level: '2' }, content: [text('Data')] }],
      [link(['javascript:alert(1)'])],
    ].map((content) => schema.nodeFromJSON({ type: 'doc', content }))
    for (const [bodies, expected] of [[valid, true], [broken, false]] as const) {
      for (const body of bodies) {
        const built = bodyFromYFragment(schema, fragmentOf(body))
        expect(built.sound).toBe(expected)
        expect(built.sound).toBe(bodyDefect(built.body) === null && repairBody(built.body) === built.body)
      }
    }
  })

  it('keeps two marks of a kind on one text, stored under hashed names', () => {
    const link = (href: string) => schema.marks.link!.create({ href })
    const paragraph = schema.nodes.paragraph!.create(null, [schema.text('both', [link('https://a.example'), schema.marks.bold!.create()])])
    const fragment = fragmentOf(schema.topNodeType.create(null, [paragraph]))
    const text = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText
    text.format(0, 4, { 'link--AbCd1234': { href: 'https://b.example' } })
    const built = bodyFromYFragment(schema, fragment).body
    expect(built.eq(throughJSON(fragment))).toBe(true)
    expect(built.firstChild!.firstChild!.marks.filter((mark) => mark.type.name === 'link').map((mark) => mark.attrs.href)).toContain('https://b.example')
  })

  it('is refused wherever JSON refuses it, and only there', () => {
    const hostile: [string, (fragment: Y.XmlFragment) => void][] = [
      ['an unknown node', (f) => f.insert(0, [new Y.XmlElement('video')])],
      ['an unknown mark', (f) => ((f.get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 2, { blink: {} })],
      ['text at the top', (f) => f.insert(0, [new Y.XmlText('loose')])],
      ['empty text at the top', (f) => f.insert(0, [new Y.XmlText()])],
      ['a node named text', (f) => f.insert(0, [new Y.XmlElement('text')])],
      ['a heading level that is not a number (left to bodyDefect)', (f) => {
        const heading = new Y.XmlElement('heading')
        heading.setAttribute('level', 'two' as unknown as string)
        f.insert(0, [heading])
      }],
      ['an empty paragraph (accepted)', (f) => f.insert(0, [new Y.XmlElement('paragraph')])],
      ['a paragraph inside a paragraph (left to bodyDefect)', (f) => (f.get(0) as Y.XmlElement).insert(0, [new Y.XmlElement('paragraph')])],
    ]
    const start = schema.topNodeType.create(null, [schema.nodes.paragraph!.create(null, [schema.text('Hello')])])
    for (const [name, edit] of hostile) {
      const fragment = fragmentOf(start)
      edit(fragment)
      const built = outcome(() => bodyFromYFragment(schema, fragment).body)
      expect(built, name).toEqual(outcome(() => throughJSON(fragment)))
      expect('refused' in built, name).toBe(!/\((accepted|left to bodyDefect)\)/.test(name))
    }
  })
})
