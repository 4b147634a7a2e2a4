// The linter as a whole: rule list, ordering, determinism, positions, languages.
import { describe, expect, it } from 'vitest'
import type { MLDocument } from '../../../core/document/model.js'
import { LINT_RULES, lintDocument, type Finding } from '../../../core/lint/index.js'
import { flowchartMessages } from '../../../core/mermaid/messages.js'
import { parseQuantity } from '../../../core/lint/text.js'
import { architecture, block, heading, makeDoc, matrix, maturity, metric, paragraph, risk, stage, toolChoice } from './build.js'

/** A document where many rules fire at many positions, in both languages' blocks. */
function messyDoc(lang: 'en' | 'uz' = 'en'): MLDocument {
  return makeDoc([
    heading('Success metrics', 2, { done: true }),
    metric({ layer: null }, { name: '' }),
    metric({ layer: 'offline', direction: 'higher' }, { baseline: '0.5', target: '0.4', parent: '' }),
    metric({ layer: 'online' }, { window: '' }),
    metric({ layer: 'offline' }, { target: '' }),
    paragraph('TODO: the business KPI. We will run a canary release.'),
    heading('Tools'),
    toolChoice({ category: 'model-serving' }, { chosen: '', rationale: '', alternatives: '' }),
    matrix({ chosen: 'Seldon' }, [['Criterion', 'Weight', 'BentoML', 'Triton'], ['Latency', '', '4', '5']]),
    matrix({ chosen: '' }, [['Criterion', 'Weight', 'BentoML', 'Triton'], ['Latency', '3', '4', '5']]),
    heading('Plan'),
    stage('6', { status: 'done' }, '', [['Containerization', true], ['API design', false]]),
    maturity({ claimed: '2', target: '1' }, ['1', null, '0']),
    risk({ likelihood: 'high', impact: 'high', category: 'security' }, { fallback: '', owner: '' }),
    architecture('flowchart LR\n  api[API] --> oʻqitish[Oʻqitish] --> store[(Store)]', ['api']),
    architecture('flowchart LR\n  a --> end', []),
    heading('Monitoring'),
    paragraph('Dashboards.'),
    { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'grep -E "a\\|b"', marks: [{ type: 'code' }] }] }] }] }] },
  ], { lang, status: 'approved', signoff: [] })
}

function sorted(findings: readonly Finding[]): boolean {
  return findings.every((f, i) => i === 0 || findings[i - 1]!.pos < f.pos || (findings[i - 1]!.pos === f.pos && findings[i - 1]!.rule <= f.rule))
}

/** Uzbek Latin spelling: oʻ and gʻ with U+02BB, the tutuq belgisi with U+02BC, never ' or ’ inside a word. */
function uzbekSpellingErrors(text: string): string[] {
  const errors: string[] = []
  for (const m of text.matchAll(/\p{L}['’‘`´]\p{L}/gu)) errors.push(`ASCII or typographic apostrophe in "${m[0]}"`)
  for (const m of text.matchAll(/[oOgG]\u02BC/g)) errors.push(`"${m[0]}" needs U+02BB (ʻ), not U+02BC`)
  return errors
}

describe('LINT_RULES', () => {
  it('lists unique kebab-case ids, a severity and a description in both languages', () => {
    const ids = LINT_RULES.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const rule of LINT_RULES) {
      expect(rule.id).toMatch(/^[a-z]+(?:-[a-z]+)+$/)
      expect(['error', 'warning']).toContain(rule.severity)
      expect(rule.description.en.length).toBeGreaterThan(10)
      expect(rule.description.uz.length).toBeGreaterThan(10)
      expect(rule.description.uz).not.toBe(rule.description.en)
      expect(uzbekSpellingErrors(rule.description.uz)).toEqual([])
    }
  })

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(LINT_RULES)).toBe(true)
    expect(Object.isFrozen(LINT_RULES[0])).toBe(true)
  })
})

describe('lintDocument', () => {
  it('returns findings sorted by position, then rule id', () => {
    const findings = lintDocument(messyDoc())
    expect(findings.length).toBeGreaterThan(25)
    expect(sorted(findings)).toBe(true)
  })

  it('is deterministic: the same document, or the same content built again, gives the same findings', () => {
    const once = lintDocument(messyDoc())
    expect(lintDocument(messyDoc())).toEqual(once)
    const doc = messyDoc()
    expect(lintDocument(doc)).toEqual(lintDocument(doc))
  })

  it('points each block finding at its block, and document findings at position 0', () => {
    const doc = messyDoc()
    const findings = lintDocument(doc)
    /** The node a finding points at, by the first word(s) of its target. */
    const kinds: [string, string][] = [
      ['metric ', 'metric'], ['tool choice ', 'toolChoice'], ['maturity assessment', 'maturityAssessment'], ['risk ', 'risk'],
      ['comparison ', 'comparisonMatrix'], ['architecture diagram', 'architecture'], ['section ', 'heading'],
    ]
    for (const f of findings) {
      const kind = kinds.find(([prefix]) => f.target.startsWith(prefix))
      // These name the section but point at the paragraph or table itself.
      const atBlock = ['leftover-in-done-section', 'rollout-guardrail-missing', 'code-pipe-in-cell'].includes(f.rule)
      if (kind && !atBlock) expect(doc.body.nodeAt(f.pos)!.type.name, f.rule).toBe(kind[1])
      if (f.target.startsWith('document')) expect(f.pos).toBe(0)
    }
    const stageFinding = findings.find((f) => f.rule === 'stage-owner-missing')!
    expect(doc.body.nodeAt(stageFinding.pos)!.type.name).toBe('lifecycleStage')
    expect(doc.body.nodeAt(findings.find((f) => f.rule === 'code-pipe-in-cell')!.pos)!.type.name).toBe('table')
    const todo = findings.find((f) => f.rule === 'leftover-in-done-section')!
    expect(doc.body.nodeAt(todo.pos)!.textContent).toMatch(/^TODO/)
    const monitoring = findings.filter((f) => f.rule === 'monitoring-signal-missing')
    expect(monitoring).toHaveLength(4)
    expect(doc.body.nodeAt(monitoring[0]!.pos)!.textContent).toBe('Monitoring')
  })

  it('names targets in short words', () => {
    const targets = new Set(lintDocument(messyDoc()).map((f) => f.target))
    expect(targets).toEqual(new Set([
      'document "Test document"',
      'metric #1',
      'metric "Recall at top 10%"',
      'section "Success metrics"',
      'tool choice "Model serving"',
      'comparison "Model serving"',
      'stage "6. Model deployment"',
      'stage "3. Data preparation"',
      'stage "4. Model development"',
      'stage "5. Model evaluation"',
      'stage "7. Model monitoring"',
      'stage "8. Continuous improvement"',
      'maturity assessment',
      'risk "Usage patterns shift after a tariff change"',
      'architecture diagram',
      'architecture diagram #2',
      'section "Monitoring"',
    ]))
  })

  it('writes messages in the document’s language unless told otherwise', () => {
    const uzDoc = messyDoc('uz')
    const uz = lintDocument(uzDoc)
    const en = lintDocument(uzDoc, { lang: 'en' })
    expect(lintDocument(messyDoc('en'), { lang: 'uz' })).toEqual(uz)
    expect(uz.map((f) => [f.rule, f.pos])).toEqual(en.map((f) => [f.rule, f.pos]))
    expect(uz.find((f) => f.rule === 'metric-layer-missing')!.message).toMatch(/^Bu metrikaning qatlamini tanlang/)
    expect(uz.find((f) => f.rule === 'risk-incomplete')!.target).toBe('xavf "Usage patterns shift after a tariff change"')
    expect(uz.find((f) => f.rule === 'stage-owner-missing')!.target).toBe('bosqich "6. Modelni joylashtirish"')
    expect(uz.find((f) => f.rule === 'signoff-missing')!.target).toBe('hujjat "Test document"')
    expect(uz.find((f) => f.rule === 'monitoring-signal-missing')!.target).toBe('boʻlim "Monitoring"')
  })

  it('writes every Uzbek message in proper Latin script, different from the English one', () => {
    const uz = lintDocument(messyDoc(), { lang: 'uz' })
    const en = lintDocument(messyDoc(), { lang: 'en' })
    uz.forEach((f, i) => {
      expect(f.message).not.toBe(en[i]!.message)
      expect(uzbekSpellingErrors(f.message), f.message).toEqual([])
      expect(uzbekSpellingErrors(f.target), f.target).toEqual([])
    })
  })

  it('fires every rule on the messy document, so the language checks above cover every message', () => {
    const fired = new Set(lintDocument(messyDoc()).map((f) => f.rule))
    expect(LINT_RULES.map((r) => r.id).filter((id) => !fired.has(id))).toEqual([])
  })

  it('writes Uzbek flowchart parser messages in proper Latin script', () => {
    const samples = [
      flowchartMessages.emptyDiagram(), flowchartMessages.keywordAsId('end'), flowchartMessages.labelForbidden('a', '('),
      flowchartMessages.labelUnclosed('a', ']'), flowchartMessages.edgeTextUnclosed('--'), flowchartMessages.subgraphUnclosed('s'),
      flowchartMessages.notFlowchart({ en: '"x"', uz: '"x"' }), flowchartMessages.pipeForbidden('('), flowchartMessages.inlineComment(),
      flowchartMessages.shapeDataUnclosed('a'), flowchartMessages.missingArguments('style', 'style a fill:#f9f'),
    ]
    for (const m of samples) expect(uzbekSpellingErrors(m.uz), m.uz).toEqual([])
  })

  it('lints an empty document without failing', () => {
    const findings = lintDocument(makeDoc([]))
    expect(findings.map((f) => f.rule)).toContain('business-metric-missing')
    expect(findings.every((f) => f.pos === 0)).toBe(true)
  })

  it('finds blocks nested inside other content', () => {
    const doc = makeDoc([{ type: 'blockquote', content: [block('risk')] }])
    const [f] = lintDocument(doc).filter((x) => x.rule === 'risk-incomplete')
    expect(doc.body.nodeAt(f!.pos)!.type.name).toBe('risk')
  })
})

describe('parseQuantity', () => {
  it('reads numbers with units, percent, currency, thousands and decimal commas', () => {
    expect(parseQuantity('0.42')).toEqual({ value: 0.42, unit: '' })
    expect(parseQuantity('42%')).toEqual({ value: 42, unit: '%' })
    expect(parseQuantity('120 ms')).toEqual({ value: 120, unit: 'ms' })
    expect(parseQuantity('1,200')).toEqual({ value: 1200, unit: '' })
    expect(parseQuantity('1,200,000.5 USD')).toEqual({ value: 1200000.5, unit: 'usd' })
    expect(parseQuantity('0,42')).toEqual({ value: 0.42, unit: '' })
    expect(parseQuantity('$3.5M')).toEqual({ value: 3.5, unit: '$m' })
    expect(parseQuantity('≥ 0.55')).toEqual({ value: 0.55, unit: '' })
    expect(parseQuantity('-3 pp')).toEqual({ value: -3, unit: 'pp' })
    expect(parseQuantity('0.31 (heuristic, July)')).toEqual({ value: 0.31, unit: '' })
    expect(parseQuantity('28 kun')).toEqual({ value: 28, unit: 'kun' })
  })

  it('refuses what is not one value', () => {
    for (const text of ['', 'TBD', '0.3-0.4', 'between 2 and 3', '1,20,000', 'about 0.3', '0.3 or 0.4']) expect(parseQuantity(text), text).toBeNull()
  })
})
