import type { JSONContent } from '@tiptap/core'
// Every lint rule: one document where it fires and one where it does not.
import { describe, expect, it } from 'vitest'
import { tableJSON } from '../../../core/blocks/table-json.js'
import type { MLDocument } from '../../../core/document/model.js'
import { LINT_RULES, lintDocument, type Finding } from '../../../core/lint/index.js'
import {
  architecture,
  block,
  heading,
  makeDoc,
  matrix,
  maturity,
  metric,
  paragraph,
  risk,
  stage,
  toolChoice,
} from './build.js'

const business = metric({ layer: 'business', direction: 'lower' }, { name: 'Monthly churn rate', baseline: '2.1%', target: '1.8%' })
const online = metric({ layer: 'online' }, { name: 'Retained customers per 1,000 calls', baseline: '58', target: '75' })
const offlineLinked = metric({ layer: 'offline' }, { parent: 'retained customers per 1,000 CALLS' })

/** One tool choice per stage 3-8 (by category where the catalog has one, else by stage). */
const allStagesTooled = [
  toolChoice({ category: 'data-versioning' }, { chosen: 'DVC' }),
  toolChoice({ category: 'experiment-tracking' }),
  toolChoice({ category: 'other', stage: '5' }, { chosen: 'Evidently AI test suites' }),
  toolChoice({ category: 'model-serving' }, { chosen: 'FastAPI' }),
  toolChoice({ category: 'monitoring' }, { chosen: 'Evidently AI' }),
]

const ALL_SIGNALS = 'We track PSI drift per feature, weekly recall on labelled outcomes, the monthly churn KPI, and p95 latency and error rate of the API.'

interface Case {
  readonly fires: () => MLDocument
  readonly passes: () => MLDocument
}

const CASES: Record<string, Case> = {
  'metric-layer-missing': {
    fires: () => makeDoc([metric({ layer: null })]),
    passes: () => makeDoc([metric({ layer: 'system' })]),
  },
  'metric-offline-incomplete': {
    fires: () => makeDoc([metric({ layer: 'offline' }, { target: '' })]),
    passes: () => makeDoc([metric({ layer: 'offline' })]),
  },
  'metric-target-not-better': {
    fires: () => makeDoc([metric({ direction: 'lower' }, { baseline: '120 ms', target: '150 ms' })]),
    passes: () => makeDoc([metric({ direction: 'lower' }, { baseline: '150 ms', target: '120 ms' })]),
  },
  'metric-window-missing': {
    fires: () => makeDoc([metric({ layer: 'online' }, { window: '' })]),
    passes: () => makeDoc([metric({ layer: 'online' }), metric({ layer: 'offline' }, { window: '' })]),
  },
  'metric-parent-unlinked': {
    fires: () => makeDoc([business, metric({ layer: 'offline' }, { parent: 'Revenue per user' })]),
    passes: () => makeDoc([online, offlineLinked]),
  },
  'business-metric-missing': {
    fires: () => makeDoc([online, offlineLinked]),
    passes: () => makeDoc([business]),
  },
  'tool-choice-chosen-missing': {
    fires: () => makeDoc([toolChoice({ category: 'experiment-tracking' }, { chosen: '' })]),
    passes: () => makeDoc([toolChoice({ category: 'experiment-tracking' }, { chosen: 'manual' })]),
  },
  'tool-choice-rationale-missing': {
    fires: () => makeDoc([toolChoice({}, { rationale: '' })]),
    passes: () => makeDoc([toolChoice({})]),
  },
  'tool-choice-alternatives-missing': {
    fires: () => makeDoc([toolChoice({}, { alternatives: '' })]),
    passes: () => makeDoc([toolChoice({})]),
  },
  'stage-tooling-missing': {
    fires: () => makeDoc(allStagesTooled),
    passes: () => makeDoc([...allStagesTooled, toolChoice({ category: 'other', stage: '8' }, { chosen: 'GrowthBook' })]),
  },
  'stage-owner-missing': {
    fires: () => makeDoc([stage('3', {}, '', [['Cleaning', false]])]),
    passes: () => makeDoc([stage('3', {}, 'Data Engineer', [['Cleaning', false]])]),
  },
  'stage-done-unchecked': {
    fires: () => makeDoc([stage('3', { status: 'done' }, 'Data Engineer', [['Cleaning', true], ['Data versioning', false]])]),
    passes: () => makeDoc([
      stage('3', { status: 'done' }, 'Data Engineer', [['Cleaning', true], ['Data versioning', true]]),
      stage('4', { status: 'in-progress' }, 'Data Scientist', [['Baseline', false]]),
    ]),
  },
  'maturity-criterion-unrated': {
    fires: () => makeDoc([maturity({}, ['1', '1', null, '1', '1', '1', '1', '1', '1', '1', '1'])]),
    passes: () => makeDoc([maturity({}, '1')]),
  },
  'maturity-claimed-mismatch': {
    fires: () => makeDoc([maturity({ claimed: '1' }, ['1', '1', '0', '1', '1', '1', '1', '1', '1', '1', '1'])]),
    passes: () => makeDoc([maturity({ claimed: '1' }, ['1', '2', '1', '1', '1', '2', '1', '1', '1', '1', '1'])]),
  },
  'maturity-target-prerequisites': {
    fires: () => makeDoc([maturity({ claimed: '0', target: '1' }, '0')]),
    passes: () => makeDoc([
      maturity({ claimed: '0', target: '1' }, '0'),
      toolChoice({ category: 'data-versioning' }, { chosen: 'DVC' }),
      paragraph('Retraining runs weekly, and early when PSI drift on a top feature passes 0.2.'),
    ]),
  },
  'risk-incomplete': {
    fires: () => makeDoc([risk({}, { owner: '' })]),
    passes: () => makeDoc([risk({})]),
  },
  'risk-high-unguarded': {
    fires: () => makeDoc([risk({ likelihood: 'high', impact: 'high' }, { fallback: '' })]),
    passes: () => makeDoc([risk({ likelihood: 'high', impact: 'high' }), risk({ likelihood: 'high', impact: 'medium' }, { fallback: '' })]),
  },
  'matrix-cells-empty': {
    fires: () => makeDoc([matrix({ chosen: 'BentoML' }, [['Criterion', 'Weight', 'BentoML', 'Triton'], ['Latency', '3', '4', '']])]),
    passes: () => makeDoc([matrix({ chosen: 'BentoML' }, [['Criterion', 'Weight', 'BentoML', 'Triton'], ['Latency', '3', '4', '5']])]),
  },
  'matrix-chosen-missing': {
    fires: () => makeDoc([matrix({ chosen: '' }, [['Criterion', 'Weight', 'BentoML', 'Triton'], ['Latency', '3', '4', '5']])]),
    passes: () => makeDoc([matrix({ chosen: 'BentoML' }, [['Criterion', 'Weight', 'BentoML', 'Triton'], ['Latency', '3', '4', '5']])]),
  },
  'matrix-chosen-unknown': {
    fires: () => makeDoc([matrix({ chosen: 'TorchServe' }, [['Criterion', 'Weight', 'BentoML', 'Triton'], ['Latency', '3', '4', '5']])]),
    passes: () => makeDoc([matrix({ chosen: 'nvidia triton' }, [['Criterion', 'Weight', 'BentoML', 'NVIDIA  Triton'], ['Latency', '3', '4', '5']])]),
  },
  'diagram-parse-error': {
    fires: () => makeDoc([architecture('flowchart LR\n  api[Prediction API] --> model(Model (v2))', ['api', 'model'])]),
    passes: () => makeDoc([architecture('flowchart LR\n  api[Prediction API] --> model("Model (v2)")', ['api', 'model'])]),
  },
  'diagram-node-unlisted': {
    fires: () => makeDoc([architecture('flowchart LR\n  api[Prediction API] --> fs[(Feature store)]', ['api'])]),
    passes: () => makeDoc([architecture('flowchart LR\n  subgraph serving [Serving]\n    api[Prediction API] --> fs[(Feature store)]\n  end', ['Prediction API', 'fs'])]),
  },
  'rollout-guardrail-missing': {
    fires: () => makeDoc([heading('Continuous improvement'), paragraph('The new model replaces the rule after a 6-week A/B test on retention calls.')]),
    passes: () => makeDoc([
      heading('Continuous improvement'),
      paragraph('The new model replaces the rule after a 6-week A/B test on retention calls.'),
      metric({ layer: 'guardrail', direction: 'lower' }, { name: 'Complaints per 1,000 customers', baseline: '4.1', target: '4.1' }),
    ]),
  },
  'fairness-analysis-missing': {
    fires: () => makeDoc([paragraph('We evaluate recall on the held-out months.')]),
    passes: () => makeDoc([paragraph('No fairness analysis: the model scores network cells, never people.')]),
  },
  'baseline-model-missing': {
    fires: () => makeDoc([paragraph('We train a gradient-boosted model.')]),
    passes: () => makeDoc([paragraph('The baseline is a heuristic: days since the last login.')]),
  },
  'monitoring-signal-missing': {
    fires: () => makeDoc([heading('Monitoring'), paragraph('Evidently reports PSI drift per feature every night.')]),
    passes: () => makeDoc([heading('Monitoring'), paragraph(ALL_SIGNALS)]),
  },
  'leftover-in-done-section': {
    fires: () => makeDoc([heading('Data', 2, { done: true }), paragraph('Sources: CRM, billing. TODO: add the network logs.')]),
    passes: () => makeDoc([
      heading('Data', 2, { done: true }),
      paragraph('Sources: CRM, billing and network logs.'),
      heading('Open questions'),
      paragraph('TODO: decide the retention window.'),
    ]),
  },
  'signoff-missing': {
    fires: () => makeDoc([paragraph('Approved design.')], { status: 'approved', signoff: [] }),
    passes: () => makeDoc([paragraph('Approved design.')], { status: 'approved', signoff: ['Dilnoza Karimova'] }),
  },
  'code-pipe-in-cell': {
    fires: () => makeDoc([heading('Data'), codeCellTable('grep -E a\\|b')]),
    // A pipe after two backslashes, a bare pipe in a cell, and the same code outside any table all export as written.
    passes: () => makeDoc([heading('Data'), codeCellTable('a\\\\|b'), codeCellTable('a|b'), { type: 'paragraph', content: [{ type: 'text', text: 'a\\|b', marks: [{ type: 'code' }] }] }]),
  },
}

/** A one-cell table holding `code` as inline code. */
function codeCellTable(code: string): JSONContent {
  return { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: code, marks: [{ type: 'code' }] }] }] }] }] }
}

function ruleFindings(doc: MLDocument, rule: string): Finding[] {
  return lintDocument(doc).filter((f) => f.rule === rule)
}

describe('each lint rule fires where it should and only there', () => {
  it('every rule in LINT_RULES has a case here', () => {
    expect(Object.keys(CASES).sort()).toEqual(LINT_RULES.map((r) => r.id).sort())
  })

  for (const [rule, c] of Object.entries(CASES)) {
    it(`${rule} fires`, () => {
      const found = ruleFindings(c.fires(), rule)
      expect(found.length).toBeGreaterThan(0)
      const severity = LINT_RULES.find((r) => r.id === rule)!.severity
      for (const f of found) expect(f.severity).toBe(severity)
    })
    it(`${rule} does not fire`, () => {
      expect(ruleFindings(c.passes(), rule)).toEqual([])
    })
  }
})

describe('rule details', () => {
  it('metric-offline-incomplete names exactly what is missing', () => {
    const [f] = ruleFindings(makeDoc([metric({ layer: 'offline', direction: null }, { baseline: '' })]), 'metric-offline-incomplete')
    expect(f!.message).toMatch(/no baseline or direction:/)
    expect(f!.target).toBe('metric "Recall at top 10%"')
  })

  it('metric-target-not-better reads numbers with units, percent and thousands separators', () => {
    const fires = (baseline: string, target: string, direction = 'higher') =>
      ruleFindings(makeDoc([metric({ direction }, { baseline, target })]), 'metric-target-not-better').length
    expect(fires('0.42', '0.40')).toBe(1)
    expect(fires('42%', '42%')).toBe(1)
    expect(fires('1,200', '1,100')).toBe(1)
    expect(fires('0,42', '0,40')).toBe(1)
    expect(fires('1,200', '1,300')).toBe(0)
    expect(fires('2.1%', '1.8%', 'lower')).toBe(0)
    expect(fires('0.31 (heuristic)', '≥ 0.55')).toBe(0)
    // Different units or words: not comparable, so not judged.
    expect(fires('0.31', '25%')).toBe(0)
    expect(fires('120 ms', '2 s', 'lower')).toBe(0)
    expect(fires('about a third', '0.2')).toBe(0)
  })

  it('metric-parent-unlinked does not accept an offline or guardrail metric as parent', () => {
    const doc = makeDoc([metric({ layer: 'guardrail' }, { name: 'Complaints' }), metric({ layer: 'offline' }, { parent: 'Complaints' })])
    expect(ruleFindings(doc, 'metric-parent-unlinked')).toHaveLength(1)
    const empty = ruleFindings(makeDoc([metric({ layer: 'offline' }, { parent: '' })]), 'metric-parent-unlinked')
    expect(empty[0]!.message).toMatch(/names no parent metric/)
  })

  it('stage-tooling-missing reports each uncovered stage, at its lifecycle stage block when there is one', () => {
    const doc = makeDoc([
      allStagesTooled[0]!,
      stage('7', {}, 'ML Engineer', [['Model performance metrics', false]]),
      stage('8', {}, 'ML Engineer', [['A/B testing: manual analysis in a notebook', false]]),
    ])
    const found = ruleFindings(doc, 'stage-tooling-missing')
    expect(found.map((f) => f.target)).toEqual([
      'stage "4. Model development"',
      'stage "5. Model evaluation"',
      'stage "6. Model deployment"',
      'stage "7. Model monitoring"',
    ])
    expect(found.slice(0, 3).every((f) => f.pos === 0)).toBe(true)
    expect(doc.body.nodeAt(found[3]!.pos)!.type.name).toBe('lifecycleStage')
  })

  it('maturity-claimed-mismatch also fires when every row is above the claim', () => {
    const [f] = ruleFindings(makeDoc([maturity({ claimed: '0' }, '1')]), 'maturity-claimed-mismatch')
    expect(f!.message).toMatch(/every criterion is rated 1 or higher/)
    expect(ruleFindings(makeDoc([maturity({ claimed: null }, '1')]), 'maturity-claimed-mismatch')).toEqual([])
    // Claimed below the rows rated so far, with one row unrated: the unrated row may be lower, so no verdict.
    expect(ruleFindings(makeDoc([maturity({ claimed: '0' }, ['1', null])]), 'maturity-claimed-mismatch')).toEqual([])
  })

  it('maturity-target-prerequisites reports the data-versioning tool and the retraining trigger separately', () => {
    const found = ruleFindings(makeDoc([maturity({ target: '2' }, '0')]), 'maturity-target-prerequisites')
    expect(found).toHaveLength(2)
    expect(found[0]!.message).toMatch(/data-versioning tool/)
    expect(found[1]!.message).toMatch(/triggers retraining/)
    const manualOnly = makeDoc([maturity({ target: '1' }, '0'), toolChoice({ category: 'data-versioning' }, { chosen: 'manual' }), paragraph('Retrain monthly.')])
    expect(ruleFindings(manualOnly, 'maturity-target-prerequisites')).toHaveLength(1)
    expect(ruleFindings(makeDoc([maturity({ target: '0' }, '0')]), 'maturity-target-prerequisites')).toEqual([])
  })

  it('matrix-cells-empty says where the first empty cell is', () => {
    const [f] = ruleFindings(makeDoc([matrix({ chosen: 'A' }, [['Criterion', 'Weight', 'A', 'B'], ['Latency', '', '4', ''], ['Cost', '2', '3', '4']])]), 'matrix-cells-empty')
    expect(f!.message).toMatch(/^2 cells of the matrix are empty \(first: row "Latency", column "Weight"\)/)
  })

  it('diagram-parse-error gives the parser’s line, column and message', () => {
    const [f] = ruleFindings(CASES['diagram-parse-error']!.fires(), 'diagram-parse-error')
    expect(f!.message).toContain('Line 2, column 39: The label of node "model" contains "("')
    expect(f!.target).toBe('architecture diagram')
  })

  it('diagram-node-unlisted names each missing node by label and id, and skips subgraphs', () => {
    const doc = makeDoc([architecture('flowchart LR\n  subgraph s [Serving]\n    api[Prediction API] --> fs[(Feature store)]\n  end\n  s --> db', ['Prediction API'])])
    const found = ruleFindings(doc, 'diagram-node-unlisted')
    expect(found.map((f) => f.message.slice(0, f.message.indexOf(','))))
      .toEqual(['The diagram shows "Feature store" (fs)', 'The diagram shows "db"'])
  })

  it('rollout-guardrail-missing quotes the words and points at the paragraph, not at planned checklist items', () => {
    const [f] = ruleFindings(CASES['rollout-guardrail-missing']!.fires(), 'rollout-guardrail-missing')
    expect(f!.message).toContain('("A/B")')
    expect(f!.target).toBe('section "Continuous improvement"')
    const planned = makeDoc([stage('8', {}, 'ML Engineer', [['A/B testing', false], ['Shadow deployment', false]])])
    expect(ruleFindings(planned, 'rollout-guardrail-missing')).toEqual([])
    const done = makeDoc([stage('8', {}, 'ML Engineer', [['Shadow deployment', true]])])
    expect(ruleFindings(done, 'rollout-guardrail-missing')).toHaveLength(1)
  })

  it('fairness-analysis-missing is satisfied by a fairness risk, and not by an unchecked checklist item', () => {
    expect(ruleFindings(makeDoc([risk({ category: 'fairness' })]), 'fairness-analysis-missing')).toEqual([])
    expect(ruleFindings(makeDoc([paragraph('Alternatives: Weights & Biases, Neptune.')]), 'fairness-analysis-missing')).toHaveLength(1)
    const planned = makeDoc([stage('5', {}, 'Data Scientist', [['Bias and fairness analysis by slice', false]])])
    expect(ruleFindings(planned, 'fairness-analysis-missing')).toHaveLength(1)
  })

  it('text copied from the maturity reference, or a table row with only its label, states nothing', () => {
    const reference = tableJSON([
      ['Criterion', 'Level 0', 'Level 1'],
      ['Model validation', 'Manual', 'Automated against the baseline and current model, per segment; canary or A/B'],
      ['Monitoring', 'Predictions not tracked', 'Monitoring triggers retraining'],
    ])
    const emptyForm = tableJSON([['Model', 'Recall', 'PR-AUC'], ['Baseline model', '', ''], ['Heuristic rule', '', '']])
    const doc = makeDoc([reference, emptyForm, maturity({ target: '1' }, '0'), toolChoice({ category: 'data-versioning' }, { chosen: 'DVC' })])
    const ids = lintDocument(doc).map((f) => f.rule)
    expect(ids).toEqual(expect.arrayContaining(['fairness-analysis-missing', 'baseline-model-missing', 'maturity-target-prerequisites']))
    expect(ids).not.toContain('rollout-guardrail-missing')
    const filled = makeDoc([tableJSON([['Model', 'Recall'], ['Heuristic rule', '0.31']])])
    expect(ruleFindings(filled, 'baseline-model-missing')).toEqual([])
  })

  it('monitoring-signal-missing reports each missing signal at the monitoring heading, across all monitoring sections', () => {
    const found = ruleFindings(CASES['monitoring-signal-missing']!.fires(), 'monitoring-signal-missing')
    expect(found.map((f) => f.message.match(/never mentions ([A-Za-z ]+):/)![1])).toEqual(['model performance', 'a business KPI', 'system health'])
    expect(found.every((f) => f.pos === 0 && f.target === 'section "Monitoring"')).toBe(true)
    const split = makeDoc([
      heading('Monitoring and alerts'),
      heading('Model monitoring', 3),
      paragraph('PSI drift and weekly recall.'),
      heading('Service monitoring'),
      paragraph('p95 latency, error rate, and the churn KPI dashboard.'),
    ])
    expect(ruleFindings(split, 'monitoring-signal-missing')).toEqual([])
    expect(ruleFindings(makeDoc([heading('Risks: monitor closely'), paragraph('Nothing.')]), 'monitoring-signal-missing')).toEqual([])
    const byMetrics = makeDoc([
      heading('Monitoring'),
      paragraph('Data drift: PSI per feature.'),
      metric({ layer: 'system', direction: 'lower' }, { name: 'p95 response time' }),
      metric({ layer: 'business', direction: 'lower' }, { name: 'Monthly churn' }),
      metric({ layer: 'offline' }, { name: 'Recall at top 10%' }),
    ])
    expect(ruleFindings(byMetrics, 'monitoring-signal-missing')).toEqual([])
  })

  it('leftover-in-done-section finds guidance and placeholders, in subsections too, one finding per block', () => {
    const doc = makeDoc([
      heading('Success metrics', 2, { done: true, guidance: 'Give each metric a baseline, a target and a window.' }),
      paragraph('Give each metric a baseline, a target and a window.'),
      heading('Offline', 3),
      block('metric', { layer: 'offline' }, { name: 'Name, e.g. Recall at top 10%' }),
      paragraph('TBD'),
      heading('Data', 2),
      paragraph('TODO later'),
    ])
    const found = ruleFindings(doc, 'leftover-in-done-section')
    expect(found.map((f) => [doc.body.nodeAt(f.pos)!.type.name, f.target])).toEqual([
      ['paragraph', 'section "Success metrics"'],
      ['metric', 'section "Offline"'],
      ['paragraph', 'section "Offline"'],
    ])
    expect(found[0]!.message).toContain('the template\'s guidance "Give each metric a baseline, a target and a windo…"')
    expect(found[1]!.message).toContain('the placeholder "Name, e.g. Recall at top 10%"')
    expect(found[2]!.message).toContain('"TBD"')
  })

  it('signoff-missing does not fire on a draft', () => {
    expect(ruleFindings(makeDoc([paragraph('x')], { status: 'draft', signoff: [] }), 'signoff-missing')).toEqual([])
  })
})
