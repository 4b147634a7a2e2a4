import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { mldocUpdateCheck } from '../../../core/collab/check.js'
import { createReceivePath } from '../../../core/collab/receive.js'
import { emptyMeta } from '../../../core/document/meta.js'
import { exportMarkdown } from '../../../core/markdown/index.js'
import { mldocSchema } from '../../../core/schema/index.js'
import { BODY_FRAGMENT, readYDoc, seedYDoc } from '../../../core/yjs/doc.js'

/** Two peers on one document: a paragraph, a two-row table, a two-item list. */
function twoPeers(): [Y.Doc, Y.Doc] {
  const origin = new Y.Doc()
  const cell = (type: string, text: string) => ({ type, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })
  seedYDoc(origin, {
    meta: { ...emptyMeta(), title: 'Churn' },
    body: mldocSchema().nodeFromJSON({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'We predict churn weekly.' }] },
        { type: 'table', content: [{ type: 'tableRow', content: [cell('tableHeader', 'Metric')] }, { type: 'tableRow', content: [cell('tableCell', 'Recall')] }] },
        { type: 'bulletList', content: ['Data', 'Model'].map((text) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })) },
      ],
    }),
  })
  const start = Y.encodeStateAsUpdate(origin)
  return [0, 1].map((i) => {
    const doc = new Y.Doc()
    doc.clientID = 10 + i
    Y.applyUpdate(doc, start)
    return doc
  }) as [Y.Doc, Y.Doc]
}

/** What `edit` changes in `doc`, as the update a peer sends. */
function updateOf(doc: Y.Doc, edit: (body: Y.XmlFragment) => void): Uint8Array {
  const before = Y.encodeStateVector(doc)
  edit(doc.getXmlFragment(BODY_FRAGMENT))
  return Y.encodeStateAsUpdate(doc, before)
}

const child = (body: Y.XmlFragment, ...path: number[]): Y.XmlElement =>
  path.reduce<Y.XmlFragment | Y.XmlElement>((node, i) => node.get(i) as Y.XmlElement, body) as Y.XmlElement

describe('the receive check', () => {
  it('lets through honest edits whose merge breaks a content rule, and both peers read the same document', () => {
    const [alice, bob] = twoPeers()
    const dropped: string[] = []
    const intoAlice = createReceivePath(alice, { check: mldocUpdateCheck(), onDrop: ({ reason }) => dropped.push(reason) })
    const intoBob = createReceivePath(bob, { check: mldocUpdateCheck(), onDrop: ({ reason }) => dropped.push(reason) })
    // Each deletes one row of the table and one item of the list; one makes a word code, the other italic.
    const fromAlice = updateOf(alice, (body) => {
      child(body, 1).delete(0, 1)
      child(body, 2).delete(0, 1)
      ;(child(body, 0).get(0) as Y.XmlText).format(11, 5, { code: {} })
    })
    const fromBob = updateOf(bob, (body) => {
      child(body, 1).delete(1, 1)
      child(body, 2).delete(1, 1)
      ;(child(body, 0).get(0) as Y.XmlText).format(11, 5, { italic: {} })
    })
    expect(intoAlice.receive(fromBob, 'bob')).toBe(true)
    expect(intoBob.receive(fromAlice, 'alice')).toBe(true)
    expect(dropped).toEqual([])
    expect(Y.encodeStateVector(alice)).toEqual(Y.encodeStateVector(bob))
    const markdown = exportMarkdown(readYDoc(alice))
    expect(exportMarkdown(readYDoc(bob))).toBe(markdown)
    expect(markdown).toContain('We predict `churn` weekly.')
    expect(markdown).not.toContain('|')
    expect(readYDoc(alice).body.childCount).toBe(1)
    intoAlice.destroy()
    intoBob.destroy()
  })

  it('still drops what no merge of honest edits makes, and says why', () => {
    const cases: [string, (body: Y.XmlFragment) => void, RegExp][] = [
      ['a paragraph in a paragraph', (body) => child(body, 0).insert(0, [new Y.XmlElement('paragraph')]), /"paragraph" does not fit the MLDoc schema \(a "paragraph" cannot hold a "paragraph"\)/],
      ['a row outside a table', (body) => body.insert(0, [new Y.XmlElement('tableRow')]), /the document body cannot hold a "tableRow"/],
      ['an unknown mark', (body) => (child(body, 0).get(0) as Y.XmlText).format(0, 2, { blink: {} }), /"paragraph" does not fit/],
      ['a list item in a table', (body) => child(body, 1).insert(0, [new Y.XmlElement('listItem')]), /a "table" cannot hold a "listItem"/],
      ['an attribute of the wrong kind', (body) => {
        const heading = new Y.XmlElement('heading')
        heading.setAttribute('level', { toString: 'alert(1)' } as unknown as string)
        body.insert(0, [heading])
      }, /"level" attribute of the wrong kind/],
    ]
    for (const [what, edit, reason] of cases) {
      const [live, peer] = twoPeers()
      const dropped: string[] = []
      const path = createReceivePath(live, { check: mldocUpdateCheck(), onDrop: (d) => dropped.push(d.reason) })
      const before = Y.encodeStateAsUpdate(live)
      expect(path.receive(updateOf(peer, edit), 'peer'), what).toBe(false)
      expect(Y.encodeStateAsUpdate(live), what).toEqual(before)
      expect(dropped[0], what).toMatch(reason)
      path.destroy()
    }
  })
})
