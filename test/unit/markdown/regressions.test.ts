import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import { exportMarkdown, importMarkdown } from '../../../core/markdown/index.js'
import { docOf, expectRoundTrip, para, text } from './helpers.js'

/**
 * Documents the random round trip (property.test.ts) once failed on, shrunk by fast-check, with
 * the seed that found each. Each must now round-trip.
 */
const link = { link: 'https://example.com' }
const cells = (...rows: JSONContent[][][]): JSONContent => ({
  type: 'table',
  content: rows.map((row, r) => ({ type: 'tableRow', content: row.map((content) => ({ type: r ? 'tableCell' : 'tableHeader', content: [para(...content)] })) })),
})
const field = (name: string, ...content: JSONContent[]): JSONContent => (content.length ? { type: 'blockField', attrs: { name }, content } : { type: 'blockField', attrs: { name } })

const CASES: { seed: number; name: string; content: JSONContent[] }[] = [
  {
    seed: -537172121,
    name: 'guidance holding a line separator (U+2028) stays one comment',
    content: [{ type: 'heading', attrs: { level: 1, guidance: '\u2028|', done: false } }, para('|')],
  },
  {
    seed: -1584906289,
    name: 'an ordered list not starting at 1, quoted, right under a list item',
    content: [{ type: 'orderedList', attrs: { start: 0 }, content: [{ type: 'listItem', content: [para(text('|', link)), { type: 'blockquote', content: [{ type: 'orderedList', attrs: { start: 0 }, content: [{ type: 'listItem', content: [para(text('|', 'code'))] }] }] }] }] }],
  },
  {
    seed: 314890630,
    name: 'intraword underscores in emphasis next to strikethrough',
    content: [{ type: 'metric', attrs: { layer: null, direction: null }, content: ['name', 'definition', 'baseline', 'baselineSource', 'target'].map((n) => field(n)).concat([field('minimum', text('a_b_c', 'bold', 'italic'), text('!', 'bold', 'italic', 'strike'))], ['window', 'parent', 'owner'].map((n) => field(n))) }],
  },
  {
    seed: 139731685,
    name: 'an empty list item holding an ordered list that starts at 0',
    content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [para('x'), { type: 'bulletList', content: [{ type: 'listItem', content: [para(), { type: 'orderedList', attrs: { start: 0 }, content: [{ type: 'listItem', content: [para(text('|', link))] }] }] }] }] }] }, { type: 'heading', attrs: { level: 1 } }],
  },
  {
    seed: 1529436917,
    name: 'strong followed directly by emphasis',
    content: [{ type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: false }, content: [para('|'), { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: false }, content: [para(text('0', 'bold'), text('|', 'italic'), text(' ', link))] }] }] }] }],
  },
  {
    seed: 60711428,
    name: 'an @ escaped by the writer, next to strong',
    content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [para(), cells([[text('+@A'), text('!', 'bold')]])] }, { type: 'listItem', content: [para('|')] }] }, para(' ')],
  },
  {
    seed: 1681305786,
    name: 'an @ inside emphasis, where `_` would join an email autolink',
    content: [{ type: 'orderedList', attrs: { start: 0 }, content: [{ type: 'listItem', content: [para(), { type: 'blockquote', content: [cells([[], [], [], []], [[text('@.0snake_case|', 'bold', 'italic')], [], [], []]), para('|')] }] }] }],
  },
  {
    seed: 483468717,
    name: 'a task item whose text is a no-break space',
    content: [{ type: 'orderedList', attrs: { start: 1 }, content: [{ type: 'listItem', content: [para('x'), { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: false }, content: [para('\u00a0')] }] }] }] }],
  },
  {
    seed: -1139900784,
    name: 'text that reads as an email autolink starting with a sign or a digit (<{@0>, <0@x>)',
    content: [cells([[], []], [[], [text('<{@0>')]]), para('Mail <0@x> or <{@0>: neither is a link.')],
  },
]

describe('regressions found by the random round trip', () => {
  for (const { seed, name, content } of CASES) {
    it(`${name} (seed ${seed})`, () => {
      expectRoundTrip(docOf(content, { title: '|' }))
    })
  }

  it('text GFM reads as a link is written as that link, and stays so (seeds 564062553, 439760244, 668574467, 1624662515, -918496029)', () => {
    const texts = [
      [text('www.a.com')],
      [text('https://e.org', 'strike')],
      [text('a@b.co_x_mailto:a@b.co')],
      [text('_a@b.co||')],
      [text('a@b.cosnake_case|')],
    ]
    for (const content of texts) {
      const doc = docOf([para(...content), cells([content, []]), { type: 'lifecycleStage', attrs: { stage: null, status: null, due: null }, content: [field('owner', ...content), { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: false }, content: [para(...content)] }] }] }])
      const markdown = exportMarkdown(doc)
      const { doc: back, warnings } = importMarkdown(markdown, { strict: true })
      expect(warnings).toEqual([])
      expect(exportMarkdown(back)).toBe(markdown)
      expect(back.body.textContent).toBe(doc.body.textContent)
      expectRoundTrip(back)
    }
  })
})

describe('emphasis inside emphasis of the same kind', () => {
  it('imports as one mark instead of failing the whole file (found by the nesting work)', () => {
    const cases: [string, string][] = [
      ['*a *b* c*', '*a b c*'],
      ['**a **b** c**', '**a b c**'],
      ['_a *b* c_', '*a b c*'],
      ['~~a ~~b~~ c~~', '~~a b c~~'],
    ]
    for (const [written, exported] of cases) {
      const { doc, warnings } = importMarkdown(`${written}\n`, { strict: true })
      expect(warnings).toEqual([])
      expect(exportMarkdown(doc)).toContain(`\n${exported}\n`)
    }
  })
})
