import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { lintDocument } from '../../../core/lint/index.js'
import { createYDoc, META_MAP, readYDoc } from '../../../core/yjs/doc.js'
import { analyseDocument } from '../../../renderer/panel/analyse-document.js'
import { outlineOf, readinessOf } from '../../../renderer/panel/analysis.js'
import { heading, makeDoc, metric, paragraph } from '../lint/build.js'

// What the document's replica worker computes for the side panel from its copy of the Y.Doc:
// the same outline, readiness and findings (at the same positions) as the editor's document gives.
describe('the side panel analysis of a Y.Doc', () => {
  const doc = makeDoc([
    heading('Success metrics', 2, { done: true }),
    metric({ layer: 'offline', direction: 'higher' }, { baseline: '0.5', target: '0.4' }),
    paragraph('TODO: the business KPI.'),
    heading('Monitoring'),
    paragraph('Dashboards.'),
  ])

  it('gives what the document gives, at positions of the editor document', () => {
    const replica = new Y.Doc()
    // The worker gets the state once as an update, then the updates after it.
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(createYDoc(doc)))
    const body = readYDoc(replica).body
    const analysis = analyseDocument(replica, 'en')
    expect(analysis.findings).toEqual(lintDocument(readYDoc(replica), { lang: 'en' }))
    expect(analysis.findings!.length).toBeGreaterThan(0)
    expect(analysis.findings!.map((f) => body.nodeAt(f.pos)?.type.name)).not.toContain(undefined)
    expect(analysis.outline).toEqual(outlineOf(body))
    expect(analysis.outline.map((e) => e.text)).toEqual(['Success metrics', 'Monitoring'])
    expect(analysis.readiness).toEqual(readinessOf(body))
    expect(analysis.readiness.done).toBe(1)
    expect(analysis.lintError).toBeNull()
  })

  it('says why when the header does not parse, and keeps the outline', () => {
    const replica = createYDoc(doc)
    replica.getMap(META_MAP).set('status', 42)
    const analysis = analyseDocument(replica, 'en')
    expect(analysis.findings).toBeNull()
    expect(analysis.lintError).toMatch(/status/)
    expect(analysis.outline).toHaveLength(2)
  })
})
