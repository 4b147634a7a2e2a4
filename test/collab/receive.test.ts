import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { mldocUpdateCheck } from '../../core/collab/check.js'
import { createReceivePath, type DroppedUpdate } from '../../core/collab/receive.js'
import { readYDoc } from '../../core/yjs/doc.js'
import { firstParagraphText, seededPeers, seededRandom } from './fixtures.js'

/** Everything that identifies a document's state: its content and what it has seen. */
function fingerprint(doc: Y.Doc): string {
  return JSON.stringify({ sv: [...Y.encodeStateVector(doc)], body: doc.getXmlFragment('default').toJSON(), meta: doc.getMap('meta').toJSON() })
}

/** A peer's update: typing, a new paragraph and a header change, as one transaction. */
function peerEdit(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc)
  doc.transact(() => {
    firstParagraphText(doc).insert(3, text)
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(`${text} again`)])
    doc.getXmlFragment('default').insert(1, [paragraph])
    doc.getMap('meta').set('version', '0.2')
  })
  return Y.encodeStateAsUpdate(doc, before)
}

function receiver(live: Y.Doc) {
  const dropped: DroppedUpdate[] = []
  const path = createReceivePath(live, { check: mldocUpdateCheck(), onDrop: (d) => dropped.push(d) })
  return { path, dropped }
}

describe('receive path', () => {
  it('applies a peer’s update to the live document', () => {
    const [live, peer] = seededPeers(2)
    const { path, dropped } = receiver(live!)
    expect(path.receive(peerEdit(peer!, 'XYZ'), 'peer')).toBe(true)
    expect(fingerprint(live!)).toBe(fingerprint(peer!))
    expect(dropped).toEqual([])
  })

  it('drops garbage, says why, and leaves the live document as it was', () => {
    const [live] = seededPeers(1)
    const { path, dropped } = receiver(live!)
    const before = fingerprint(live!)
    expect(path.receive(new Uint8Array([1, 2, 3, 250, 255, 7]), 'peer')).toBe(false)
    expect(fingerprint(live!)).toBe(before)
    expect(dropped[0]).toMatchObject({ reason: expect.stringMatching(/cannot be decoded/), bytes: 6 })
  })

  it('never half-applies a damaged update, where Y.applyUpdate alone does', () => {
    const random = seededRandom(20261126)
    let halfAppliedDirectly = 0
    let droppedCount = 0
    for (let round = 0; round < 400; round++) {
      const [live, peer, control, reference] = seededPeers(4)
      const update = peerEdit(peer!, 'hostile')
      const damaged = update.slice()
      const flips = 1 + Math.floor(random() * 3)
      for (let i = 0; i < flips; i++) {
        const at = Math.floor(random() * damaged.length)
        damaged[at] = damaged[at]! ^ (1 << Math.floor(random() * 8))
      }

      // What a plain Y.applyUpdate does with it.
      const controlBefore = fingerprint(control!)
      let threw = false
      try {
        Y.applyUpdate(control!, damaged)
      } catch {
        threw = true
      }
      if (threw && fingerprint(control!) !== controlBefore) halfAppliedDirectly++

      // What the receive path does: all of it, or none of it.
      const { path } = receiver(live!)
      const before = fingerprint(live!)
      const applied = path.receive(damaged, 'peer')
      if (!applied) {
        droppedCount++
        expect(fingerprint(live!), `round ${round}`).toBe(before)
      } else {
        Y.applyUpdate(reference!, damaged)
        expect(fingerprint(live!), `round ${round}`).toBe(fingerprint(reference!))
        expect(() => readYDoc(live!), `round ${round}`).not.toThrow()
      }
      path.destroy()
    }
    console.log(`damaged updates: ${halfAppliedDirectly} half-applied by Y.applyUpdate, ${droppedCount} dropped by the receive path, of 400`)
    // The test means something only if damage really half-applies without the receive path.
    expect(halfAppliedDirectly).toBeGreaterThan(0)
    expect(droppedCount).toBeGreaterThan(halfAppliedDirectly)
  })

  it('keeps working after a drop: the scratch copy is rebuilt from the live document', () => {
    const [live, peer] = seededPeers(2)
    const { path } = receiver(live!)
    const update = peerEdit(peer!, 'one')
    const damaged = update.slice(0, update.length - 3)
    expect(path.receive(damaged, 'peer')).toBe(false)
    firstParagraphText(live!).insert(0, 'local ')
    expect(path.receive(update, 'peer')).toBe(true)
    Y.applyUpdate(peer!, Y.encodeStateAsUpdate(live!, Y.encodeStateVector(peer!)))
    expect(fingerprint(live!)).toBe(fingerprint(peer!))
    expect(live!.getXmlFragment('default').toJSON()).toContain('<paragraph>one again</paragraph><paragraph>local We onepredict churn.</paragraph>')
  })

  it('drops an update that would put something MLDoc cannot hold into the document', () => {
    const cases: [string, (doc: Y.Doc) => void, RegExp][] = [
      ['an unknown node', (doc) => doc.getXmlFragment('default').insert(0, [new Y.XmlElement('script')]), /cannot hold a "script"/],
      ['text outside a paragraph', (doc) => doc.getXmlFragment('default').insert(0, [new Y.XmlText('loose')]), /cannot hold a "text"/],
      ['a paragraph inside a paragraph', (doc) => {
        const para = doc.getXmlFragment('default').get(1) as Y.XmlElement
        para.insert(0, [new Y.XmlElement('paragraph')])
      }, /"paragraph" does not fit/],
      ['an unknown mark', (doc) => firstParagraphText(doc).format(0, 2, { blink: {} }), /does not fit/],
      ['a bad header', (doc) => doc.getMap('meta').set('status', ['not', 'a', 'status']), /status/],
      ['a field outside its block', (doc) => {
        const field = new Y.XmlElement('blockField')
        field.setAttribute('name', 'definition')
        doc.getXmlFragment('default').insert(0, [field])
      }, /cannot hold a "blockField"/],
    ]
    for (const [what, edit, reason] of cases) {
      const [live, peer] = seededPeers(2)
      const { path, dropped } = receiver(live!)
      const before = fingerprint(live!)
      const sv = Y.encodeStateVector(peer!)
      edit(peer!)
      expect(path.receive(Y.encodeStateAsUpdate(peer!, sv), 'peer'), what).toBe(false)
      expect(fingerprint(live!), what).toBe(before)
      expect(dropped[0]?.reason, what).toMatch(reason)
    }
  })

  it('checks only what an update touched, so typing into a large document costs what it costs in a small one', () => {
    const [live, peer] = seededPeers(2)
    peer!.transact(() => {
      const body = peer!.getXmlFragment('default')
      for (let i = 0; i < 5000; i++) {
        const paragraph = new Y.XmlElement('paragraph')
        paragraph.insert(0, [new Y.XmlText(`Paragraph ${i} of a long document.`)])
        body.push([paragraph])
      }
    })
    const { path } = receiver(live!)
    expect(path.receive(Y.encodeStateAsUpdate(peer!, Y.encodeStateVector(live!)), 'peer')).toBe(true)
    const keystrokes: Uint8Array[] = []
    const text = firstParagraphText(peer!)
    const onUpdate = (u: Uint8Array) => keystrokes.push(u)
    peer!.on('update', onUpdate)
    for (let i = 0; i < 200; i++) text.insert(i, 'k')
    peer!.off('update', onUpdate)
    // The check reads each node it looks at through its attributes: count the nodes read.
    const read = vi.spyOn(Y.XmlElement.prototype, 'getAttributes')
    try {
      for (const keystroke of keystrokes) expect(path.receive(keystroke, 'peer')).toBe(true)
      // One paragraph per keystroke, never the 5,000 others (the speed itself is `npm run bench`'s).
      expect(read.mock.calls.length).toBe(keystrokes.length)
    } finally {
      read.mockRestore()
    }
    expect(fingerprint(live!)).toBe(fingerprint(peer!))
  })
})
