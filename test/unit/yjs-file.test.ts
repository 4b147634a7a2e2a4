import { describe, expect, it } from 'vitest'
import { emptyMeta } from '../../core/document/meta.js'
import { emptyBlockJSON } from '../../core/blocks/define.js'
import { blockSpec } from '../../core/blocks/registry.js'
import { mldocSchema } from '../../core/schema/index.js'
import { createYDoc, readYDoc } from '../../core/yjs/doc.js'
import { decodeMLDocFile, encodeMLDocFile, readMLDocFile } from '../../core/yjs/file.js'
import { MLDocError } from '../../core/errors.js'

function sampleDoc() {
  const body = mldocSchema().nodeFromJSON({
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Churn' }] },
      emptyBlockJSON(blockSpec('metric'), 'en'),
      emptyBlockJSON(blockSpec('maturityAssessment'), 'uz'),
    ],
  })
  return { meta: { ...emptyMeta('en'), title: 'Churn' }, body }
}

describe('.mldoc files', () => {
  it('round-trips a document through the file format', () => {
    const doc = sampleDoc()
    const bytes = encodeMLDocFile(createYDoc(doc))
    const back = readMLDocFile(bytes, 'a.mldoc').doc
    expect(back.body.eq(doc.body)).toBe(true)
    expect(back.meta).toEqual(doc.meta)
  })

  it('refuses foreign, truncated, damaged and newer files with a message naming the file', () => {
    const bytes = encodeMLDocFile(createYDoc(sampleDoc()))
    const cases: [Uint8Array, RegExp][] = [
      [new TextEncoder().encode('# just markdown'), /not an MLDoc file/],
      [bytes.subarray(0, 10), /truncated/],
      [bytes.subarray(0, bytes.length - 3), /truncated/],
      [Uint8Array.from([...bytes, 1, 2]), /unexpected bytes/],
      [(() => { const b = bytes.slice(); b[40] = b[40]! ^ 0xff; return b })(), /damaged/],
      [(() => { const b = bytes.slice(); b[6] = 9; return b })(), /newer MLDoc/],
    ]
    for (const [input, message] of cases) {
      expect(() => decodeMLDocFile(input, 'doc.mldoc')).toThrow(MLDocError)
      expect(() => decodeMLDocFile(input, 'doc.mldoc')).toThrow(message)
      expect(() => decodeMLDocFile(input, 'doc.mldoc')).toThrow(/^doc\.mldoc: /)
    }
  })

  it('reads the document back from the Y.Doc with the header in canonical order', () => {
    const ydoc = createYDoc(sampleDoc())
    expect(Object.keys(readYDoc(ydoc).meta)).toEqual(['title', 'template', 'lang', 'status', 'version', 'authors', 'reviewers', 'signoff', 'extra'])
  })
})
