import { describe, expect, it } from 'vitest'
import { createYDoc } from '../../../core/yjs/doc.js'
import { analyseDocument } from '../../../renderer/panel/analyse-document.js'
import { shownAnalysis } from '../../../renderer/panel/analysis.js'
import { heading, makeDoc, metric, paragraph } from '../lint/build.js'

// The side panel keeps the analysis it shows while a new one differs from it in positions alone
// (renderer/panel/useAnalysis.ts: no React commit then), and takes any other change.
describe('the analysis the side panel shows', () => {
  const analysed = (first: string, monitoring = 'Monitoring', baseline = '0.5') => analyseDocument(createYDoc(makeDoc([
    paragraph(first),
    heading('Success metrics', 2, { done: true }),
    metric({ layer: 'offline', direction: 'higher' }, { baseline, target: '0.4' }),
    paragraph('TODO: the business KPI.'),
    heading(monitoring),
    paragraph('Dashboards.'),
  ])), 'en')

  it('stays when typing moved only the positions of what comes after', () => {
    const shown = analysed('Intro.')
    const next = analysed('Intro, typed further.')
    expect(next.outline[0]!.pos).not.toBe(shown.outline[0]!.pos)
    expect(next.findings!.length).toBeGreaterThan(0)
    expect(next.findings!.some((finding, i) => finding.pos !== shown.findings![i]!.pos)).toBe(true)
    expect(shownAnalysis(shown, next)).toBe(shown)
  })

  it('is the new one when a heading, a finding, the readiness or the preview changed', () => {
    const shown = analysed('Intro.')
    for (const next of [
      analysed('Intro.', 'Monitoring and alerts'),
      analysed('Intro.', 'Monitoring', '0.3'),
      { ...shown, readiness: { ...shown.readiness, done: 0 } },
      { ...shown, markdown: '# Plan\n' },
      { ...shown, findings: null, lintError: 'the header does not parse' },
    ]) {
      expect(shownAnalysis(shown, next)).toBe(next)
    }
  })
})
