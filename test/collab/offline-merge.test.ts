import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { mldocUpdateCheck } from '../../core/collab/check.js'
import { createReceivePath } from '../../core/collab/receive.js'
import { exportMarkdown } from '../../core/markdown/index.js'
import { createYDoc, readYDoc, writeMeta } from '../../core/yjs/doc.js'
import { decodeMLDocFile, encodeMLDocFile } from '../../core/yjs/file.js'
import { firstParagraphText, sampleDocument } from './fixtures.js'

/** The `definition` field's text node of the first metric. */
function definitionText(doc: Y.Doc): Y.XmlText {
  const metric = doc.getXmlFragment('default').toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === 'metric') as Y.XmlElement
  const field = metric.toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute('name') === 'definition') as Y.XmlElement
  return field.get(0) as Y.XmlText
}

describe('offline copies of one .mldoc file', () => {
  it('merge through the receive path: both people’s edits, identical Markdown on both sides', () => {
    const file = encodeMLDocFile(createYDoc(sampleDocument()))
    // Two people copy the file and edit it with no connection.
    const alice = decodeMLDocFile(file, 'alice.mldoc')
    const bob = decodeMLDocFile(file, 'bob.mldoc')
    firstParagraphText(alice).insert(0, 'Alice: ')
    definitionText(alice).insert(0, 'Weekly ')
    writeMeta(alice, { ...readYDoc(alice).meta, status: 'in-review' })
    firstParagraphText(bob).insert(firstParagraphText(bob).length, ' Bob was here.')
    definitionText(bob).insert(definitionText(bob).length, ' in the top decile')
    writeMeta(bob, { ...readYDoc(bob).meta, version: '0.2' })
    const aliceFile = encodeMLDocFile(alice)
    const bobFile = encodeMLDocFile(bob)

    // Each opens their own file with the other online: the other's state arrives through the receive path.
    const aliceLive = decodeMLDocFile(aliceFile, 'alice.mldoc')
    const bobLive = decodeMLDocFile(bobFile, 'bob.mldoc')
    const dropped: string[] = []
    const intoAlice = createReceivePath(aliceLive, { check: mldocUpdateCheck(), onDrop: (d) => dropped.push(d.reason) })
    const intoBob = createReceivePath(bobLive, { check: mldocUpdateCheck(), onDrop: (d) => dropped.push(d.reason) })
    expect(intoAlice.receive(Y.encodeStateAsUpdate(bobLive, Y.encodeStateVector(aliceLive)), 'bob')).toBe(true)
    expect(intoBob.receive(Y.encodeStateAsUpdate(aliceLive, Y.encodeStateVector(bobLive)), 'alice')).toBe(true)
    expect(dropped).toEqual([])

    const markdown = exportMarkdown(readYDoc(aliceLive))
    expect(exportMarkdown(readYDoc(bobLive))).toBe(markdown)
    expect(markdown).toContain('Alice: We predict churn. Bob was here.')
    expect(markdown).toContain('| Definition | Weekly Share of churners in the top decile |')
    expect(markdown).toMatch(/^status: in-review$/m)
    expect(markdown).toMatch(/^version: "?0\.2"?$/m)
    // Merging again changes nothing: the copies hold the same CRDT state.
    expect(intoAlice.receive(Y.encodeStateAsUpdate(bobLive), 'bob')).toBe(true)
    expect(exportMarkdown(readYDoc(aliceLive))).toBe(markdown)
  })
})
