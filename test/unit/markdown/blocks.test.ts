import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import { emptyBlockJSON } from '../../../core/blocks/define.js'
import { BLOCKS } from '../../../core/blocks/registry.js'
import { LANGS, type Lang } from '../../../core/i18n.js'
import { exportMarkdown, importMarkdown } from '../../../core/markdown/index.js'
import { bodyText, docOf, expectRoundTrip, expectSameBody, para, text } from './helpers.js'

/** Field content with every mark a field allows, and characters Markdown cares about. */
function richField(name: string, words: string): JSONContent {
  return {
    type: 'blockField',
    attrs: { name },
    content: [text(`${words} `), text('bold', 'bold'), text(' | '), text('it_al', 'italic'), text(' '), text('gone', 'strike'), text(' '), text('a|b', 'code'), text(' '), text('docs', { link: 'https://example.com/docs' })],
  }
}

/** Every block with every field filled and every attribute set, as a document in `lang`. */
function filledBlocks(lang: Lang): JSONContent[] {
  const metric = emptyBlockJSON(BLOCKS[0]!.spec, lang)
  const content = [
    { ...metric, attrs: { layer: 'offline', direction: 'higher' }, content: metric.content!.map((f) => richField(f.attrs!.name, `Metric ${f.attrs!.name}`)) },
    { type: 'toolChoice', attrs: { category: 'model-serving', stage: '6' }, content: ['chosen', 'alternatives', 'rationale'].map((n) => richField(n, `Tool ${n}`)) },
    {
      type: 'lifecycleStage',
      attrs: { stage: '3', status: 'in-progress', due: '2026-03-31' },
      content: [
        richField('owner', 'Data Engineer'),
        {
          type: 'taskList',
          content: [
            { type: 'taskItem', attrs: { checked: true }, content: [para('Cleaning ', text('done', 'bold'))] },
            { type: 'taskItem', attrs: { checked: false }, content: [para('Split'), { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: false }, content: [para('By time')] }] }] },
            { type: 'taskItem', attrs: { checked: false }, content: [para()] },
          ],
        },
      ],
    },
    {
      type: 'maturityAssessment',
      attrs: { claimed: '1', target: '2' },
      content: [
        { type: 'maturityCriterion', attrs: { criterion: 'pipeline-execution', level: '1' }, content: [richField('evidence', 'Airflow')] },
        { type: 'maturityCriterion', attrs: { criterion: 'monitoring', level: '0' }, content: [richField('evidence', 'None yet')] },
        { type: 'maturityCriterion', attrs: { criterion: 'ci', level: null }, content: [{ type: 'blockField', attrs: { name: 'evidence' } }] },
        richField('gaps', 'Add drift monitoring'),
      ],
    },
    { type: 'risk', attrs: { category: 'data-drift', likelihood: 'medium', impact: 'high', status: 'mitigating' }, content: ['description', 'mitigation', 'fallback', 'owner'].map((n) => richField(n, `Risk ${n}`)) },
    (() => {
      const block = emptyBlockJSON(BLOCKS.find((b) => b.spec.type === 'comparisonMatrix')!.spec, lang)
      return { ...block, content: [richField('subject', 'Serving'), richField('chosen', 'BentoML'), richField('rationale', 'Fast'), block.content![3]!] }
    })(),
    emptyBlockJSON(BLOCKS.find((b) => b.spec.type === 'architecture')!.spec, lang),
  ]
  return content as JSONContent[]
}

describe('structured blocks in Markdown', () => {
  for (const lang of LANGS) {
    it(`every block exports and imports back to the same block (${lang})`, () => {
      const doc = docOf(filledBlocks(lang), { lang, title: 'Blocks' })
      const { markdown } = expectRoundTrip(doc)
      for (const block of BLOCKS) expect(markdown).toContain(`<!-- mldoc:${block.spec.markdownName} v${block.spec.formatVersion} -->`)
    })

    it(`every new, empty block round-trips (${lang})`, () => {
      expectRoundTrip(docOf(BLOCKS.map((b) => emptyBlockJSON(b.spec, lang)), { lang }))
    })
  }

  it('writes labels and choice values in the document language', () => {
    const en = exportMarkdown(docOf(filledBlocks('en'), { lang: 'en' }))
    const uz = exportMarkdown(docOf(filledBlocks('uz'), { lang: 'uz' }))
    expect(en).toContain('| Layer | offline |')
    expect(en).toContain('| Direction | higher is better |')
    expect(en).toContain('| Status | in progress |')
    expect(en).toContain('| Stage | 3. Data preparation |')
    expect(uz).toContain('| Qatlam | oflayn |')
    expect(uz).toContain('| Yoʻnalish | yuqorisi yaxshi |')
    expect(uz).toContain('| Holat | jarayonda |')
    expect(uz).toContain('| Toifa | maʼlumotlar dreyfi |')
  })

  it('reads labels of either language, whatever the document language', () => {
    const blocks = filledBlocks('uz')
    const uz = exportMarkdown(docOf(blocks, { lang: 'uz' }))
    const { doc, warnings } = importMarkdown(uz.replace('lang: uz', 'lang: en'), { strict: true })
    expect(warnings).toEqual([])
    expect(doc.meta.lang).toBe('en')
    expectSameBody(doc.body, docOf(blocks).body)
  })

  it('reads choice values written as ids, with folded case, spacing and apostrophes', () => {
    const markdown = [
      '<!-- mldoc:risk v1 -->',
      '| xavf | Labels drift |',
      '| --- | --- |',
      '| Category | data-drift |',
      '| LIKELIHOOD | Oʻrta |',
      '| Impact |   HIGH |',
      '| Status | Qabul  qilingan |',
      '| Mitigation | Retrain |',
      '| Monitor or fallback | PSI alert |',
      "| Mas'ul | ML Engineer |",
      '',
    ].join('\n')
    const { doc, warnings } = importMarkdown(markdown, { strict: true })
    expect(warnings).toEqual([])
    const risk = doc.body.firstChild!
    expect(risk.type.name).toBe('risk')
    expect(risk.attrs).toEqual({ category: 'data-drift', likelihood: 'medium', impact: 'high', status: 'accepted' })
    expect(risk.child(0).textContent).toBe('Labels drift')
    expect(risk.child(3).textContent).toBe('ML Engineer')
  })

  it('writes the metric of FORMAT.md exactly as its example shows', () => {
    const field = (name: string, value: string) => ({ type: 'blockField', attrs: { name }, content: [text(value)] })
    const doc = docOf([
      {
        type: 'metric',
        attrs: { layer: 'offline', direction: 'higher' },
        content: [
          field('name', 'Recall at top 10%'),
          field('definition', 'Share of churners in the 10% of customers scored highest'),
          field('baseline', '0.31'),
          field('baselineSource', 'Heuristic: days since last login'),
          field('target', '0.55'),
          field('minimum', '0.45'),
          field('window', '30 days after scoring'),
          field('parent', 'Monthly churn rate'),
          field('owner', 'Data Scientist'),
        ],
      },
    ])
    expect(bodyText(exportMarkdown(doc))).toBe(
      [
        '<!-- mldoc:metric v1 -->',
        '| Metric | Recall at top 10% |',
        '| --- | --- |',
        '| Layer | offline |',
        '| Direction | higher is better |',
        '| Definition | Share of churners in the 10% of customers scored highest |',
        '| Baseline | 0.31 |',
        '| Baseline source | Heuristic: days since last login |',
        '| Target | 0.55 |',
        '| Minimum acceptable | 0.45 |',
        '| Measurement window | 30 days after scoring |',
        '| Parent metric | Monthly churn rate |',
        '| Owner | Data Scientist |',
        '',
      ].join('\n'),
    )
  })

  it('keeps marks of field content in table cells', () => {
    const { markdown } = expectRoundTrip(docOf(filledBlocks('en')))
    expect(markdown).toContain('| Definition | Metric definition **bold** \\| *it\\_al* ~~gone~~ `a\\|b` [docs](https://example.com/docs) |')
  })

  it('writes the computed maturity level from the rows and ignores it on import', () => {
    const markdown = exportMarkdown(docOf(filledBlocks('en')))
    expect(markdown).toContain('| Computed level | |') // a criterion is unrated
    const rated = markdown.replace('| Continuous integration | | |', '| Continuous integration | 2 | |')
    const { doc } = importMarkdown(rated.replace('| Computed level | |', '| Computed level | 2 |'), { strict: true })
    expect(exportMarkdown(doc)).toContain('| Computed level | 0 |')
    const withoutRow = rated.replace('| Computed level | |\n', '')
    expect(importMarkdown(withoutRow, { strict: true }).doc.body.eq(doc.body)).toBe(true)
  })

  it('maps the comparison matrix and the architecture components to the table inside the block', () => {
    const { back } = expectRoundTrip(docOf(filledBlocks('en')))
    const matrix = back.body.child(5)
    const architecture = back.body.child(6)
    expect(matrix.lastChild!.type.name).toBe('table')
    expect(matrix.lastChild!.firstChild!.textContent).toBe('CriterionWeightOption AOption B')
    expect(architecture.firstChild!.attrs.language).toBe('mermaid')
    expect(architecture.lastChild!.child(2).textContent).toBe('apiFastAPI')
  })

  it('keeps content around blocks and blocks inside lists and quotes', () => {
    const metric = filledBlocks('en')[0]!
    expectRoundTrip(
      docOf([
        para('Before'),
        { type: 'blockquote', content: [para('Quoted'), metric] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [para('Item'), metric] }] },
        para('After'),
      ]),
    )
  })
})
