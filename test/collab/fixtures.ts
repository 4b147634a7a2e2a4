import * as Y from 'yjs'
import { emptyBlockJSON } from '../../core/blocks/define.js'
import { blockSpec } from '../../core/blocks/registry.js'
import { emptyMeta } from '../../core/document/meta.js'
import type { MLDocument } from '../../core/document/model.js'
import { mldocSchema } from '../../core/schema/index.js'
import { createYDoc } from '../../core/yjs/doc.js'

/** A small document: a heading, a paragraph and a metric block with its definition filled in. */
export function sampleDocument(): MLDocument {
  const metric = emptyBlockJSON(blockSpec('metric'), 'en')
  metric.content![1] = { type: 'blockField', attrs: { name: 'definition' }, content: [{ type: 'text', text: 'Share of churners' }] }
  const body = mldocSchema().nodeFromJSON({
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Problem framing' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'We predict churn.' }] },
      metric,
    ],
  })
  return { meta: { ...emptyMeta(), title: 'Churn model' }, body }
}

/** A seeded Y.Doc and `count` peers holding a copy of it, as after the first sync. */
export function seededPeers(count: number): Y.Doc[] {
  const seed = createYDoc(sampleDocument())
  const state = Y.encodeStateAsUpdate(seed)
  return Array.from({ length: count }, () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state)
    return doc
  })
}

/** The Y.XmlText of the first paragraph of the body. */
export function firstParagraphText(doc: Y.Doc): Y.XmlText {
  const paragraph = doc.getXmlFragment('default').toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === 'paragraph') as Y.XmlElement
  return paragraph.get(0) as Y.XmlText
}

/** A deterministic random source (mulberry32), so a failing case can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
