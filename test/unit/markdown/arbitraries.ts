import type { JSONContent } from '@tiptap/core'
import fc from 'fast-check'
import type { ChoiceSpec } from '../../../core/blocks/define.js'
import { BLOCKS } from '../../../core/blocks/registry.js'
import { DOC_STATUSES, type DocumentMeta, type JsonValue } from '../../../core/document/meta.js'
import type { MLDocument } from '../../../core/document/model.js'
import { MATURITY_CRITERIA } from '../../../core/domain/maturity.js'
import { mldocSchema } from '../../../core/schema/index.js'

/**
 * Random MLDoc documents built from the real schema, in the normal form Markdown can carry:
 * no empty paragraphs (except where an item or quote needs one), no hard break at the end of a
 * paragraph or anywhere on one-line content (headings, cells, fields), no whitespace at the
 * ends of a cell or field, and the first table row as header cells with one alignment per column.
 */

/** Pieces of text people type that Markdown gives a meaning to. */
const NASTY = [
  '|', '*', '**', '_', '__', '\\', '`', '``', '#', '# ', '## x', '<', '>', '> ', '[', ']', '(', ')', '](', '![', '!',
  '&', '&amp;', '&#x20;', '&copy', '-', '- ', '--', '-->', '---', '+ ', '+', '.', '1.', '1. ', '2)', '=', '==', '~', '~~',
  '^', ':', '@', '/', '"', "'", ' ', '  ', '\t', '<script>alert(1)</script>', '<div>', '</p>', '<!-- c -->',
  'http://x.y/a_b', 'https://e.org', 'www.a.com', 'a@b.co', 'mailto:a@b.co', '[^1]', '[x]: /y', '[ ] ', '[x] ',
  '***', '```', '~~~', 'ʻ', 'ʼ', '’', 'é', 'Ş', '😀', '$', '%', '{', '}', '\u00a0', '\u2028', 'word', 'Word', 'x', 'y',
  '0', '9', ' end', 'start ', 'a_b_c', '2*3*4', 'snake_case', '\\*', '\\\\', '\\`', '`x`', '*x*', '_x_',
]

const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 5 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }).filter((s) => !/[\r\n\u0000-\u0008\u000b-\u001f]/.test(s)) },
)

/** One line of typed text, never empty. */
export const textArb = fc.array(fragment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''))

const hrefArb = fc.constantFrom(
  'https://example.com', 'http://example.com/a_b*c?q=1&r=[2]', 'https://example.com/a b', 'docs/design.md',
  '#problem-framing', '?tab=2', 'mailto:team@example.com', '../up (1).md', 'https://example.com/<x>', '',
)
const titleArb = fc.option(fc.constantFrom('Title', 'a "quoted" title', "it's", 'x)y'), { nil: null })

type MarkJSON = { type: string; attrs?: Record<string, unknown> }
const markSetArb: fc.Arbitrary<MarkJSON[]> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<MarkJSON[]>([]) },
  { weight: 6, arbitrary: fc.subarray(['bold', 'italic', 'strike']).map((names): MarkJSON[] => names.map((type) => ({ type }))) },
  { weight: 1, arbitrary: fc.constant<MarkJSON[]>([{ type: 'code' }]) },
  {
    weight: 2,
    arbitrary: fc.tuple(hrefArb, titleArb, fc.subarray(['bold', 'italic', 'strike'])).map(([href, title, names]): MarkJSON[] => [
      { type: 'link', attrs: { href, title } },
      ...names.map((type) => ({ type })),
    ]),
  },
)

const segmentArb = fc.tuple(textArb, markSetArb).map(([text, marks]): JSONContent => (marks.length ? { type: 'text', text, marks } : { type: 'text', text }))

/** Inline content of a paragraph: text with marks and hard breaks inside (never at the end). */
const paragraphInlineArb = fc
  .array(fc.oneof({ weight: 6, arbitrary: segmentArb }, { weight: 1, arbitrary: fc.constant<JSONContent>({ type: 'hardBreak' }) }), { minLength: 1, maxLength: 4 })
  .map((nodes) => {
    while (nodes.length && nodes[nodes.length - 1]!.type === 'hardBreak') nodes.pop()
    return nodes
  })

/** An item's first paragraph that shows nothing (spaces, breaks) is an empty one in normal form. */
function blankToEmpty(nodes: JSONContent[]): JSONContent[] {
  return nodes.every((n) => n.type === 'hardBreak' || !/[^ \t]/.test(n.text!)) ? [] : nodes
}

/** Removes whitespace at both ends of inline content, as GFM does in cells. */
function trimInline(nodes: JSONContent[]): JSONContent[] {
  const out = nodes.map((n) => ({ ...n }))
  while (out.length && !(out[0]!.text = out[0]!.text!.replace(/^[ \t]+/, ''))) out.shift()
  while (out.length && !(out[out.length - 1]!.text = out[out.length - 1]!.text!.replace(/[ \t]+$/, ''))) out.pop()
  return out
}

/** One line of inline content (a cell, a field): no breaks, trimmed; may be empty. */
export const lineInlineArb = fc.array(segmentArb, { minLength: 0, maxLength: 3 }).map(trimInline)

const paragraphArb = paragraphInlineArb
  .filter((content) => content.some((n) => n.type === 'text'))
  .map((content): JSONContent => ({ type: 'paragraph', content }))

const headingArb = fc
  .tuple(
    fc.integer({ min: 1, max: 6 }),
    fc.array(segmentArb, { minLength: 0, maxLength: 4 }),
    fc.option(fc.oneof(textArb, fc.constantFrom('', 'Say why --> then how', 'line one\nline two', '<!-- x -->', '---')), { nil: null }),
    fc.boolean(),
  )
  .map(([level, content, guidance, done]): JSONContent => ({ type: 'heading', attrs: { level, guidance, done }, ...(content.length ? { content } : {}) }))

const codeTextArb = fc
  .array(fc.oneof(fc.constantFrom('```', '~~~', '    indented', '\t', '', '<script>', '|', '\\', '# x', '- y', '$ a', '-->'), fc.string({ maxLength: 8 })), { maxLength: 5 })
  .map((lines) => lines.join('\n'))
  .filter((s) => !/[\r\u0000-\u0008\u000b-\u001f]/.test(s))
const languageArb = fc.constantFrom(null, 'js', 'python', 'c++', 'mermaid', 'html', 'sh', 'js title="a b"')

const codeBlockArb = fc.tuple(languageArb, codeTextArb).map(([language, text]): JSONContent => ({ type: 'codeBlock', attrs: { language }, ...(text ? { content: [{ type: 'text', text }] } : {}) }))

const alignArb = fc.constantFrom(null, 'left', 'center', 'right')

/** A table: the first row header cells, the same alignment down each column. */
export const tableArb = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
  .chain(([rows, cols]) => fc.tuple(fc.array(alignArb, { minLength: cols, maxLength: cols }), fc.array(fc.array(lineInlineArb, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows })))
  .map(([align, rows]): JSONContent => ({
    type: 'table',
    content: rows.map((cells, r) => ({
      type: 'tableRow',
      content: cells.map((content, c) => ({
        type: r === 0 ? 'tableHeader' : 'tableCell',
        attrs: { align: align[c] },
        content: [content.length ? { type: 'paragraph', content } : { type: 'paragraph' }],
      })),
    })),
  }))

const choiceArb = (choice: ChoiceSpec) => fc.constantFrom(null, ...choice.values.map((v) => v.id))
const dateArb = fc.option(fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), { nil: null })

const fieldArb = (name: string) => lineInlineArb.map((content): JSONContent => (content.length ? { type: 'blockField', attrs: { name }, content } : { type: 'blockField', attrs: { name } }))

function attrsArb(type: string): fc.Arbitrary<Record<string, string | null>> {
  const spec = BLOCKS.find((b) => b.spec.type === type)!.spec
  return fc.record(Object.fromEntries(spec.attrs.map((a) => [a.name, a.kind === 'enum' ? choiceArb(a) : dateArb])))
}

function fieldsArb(type: string) {
  const spec = BLOCKS.find((b) => b.spec.type === type)!.spec
  return fc.tuple(...spec.fields.map((f) => fieldArb(f.name)))
}

/** Lists and the rest of the flow, `depth` levels of nesting deep. */
function flowArbs(depth: number) {
  const nested: fc.Arbitrary<JSONContent>[] = depth > 0 ? [listArb(depth - 1), quoteArb(depth - 1)] : []
  const itemRest = fc.array(fc.oneof(paragraphArb, codeBlockArb, tableArb, structuredBlockArb(), ...nested), { maxLength: 1 })
  const item = (type: 'listItem' | 'taskItem') =>
    fc.tuple(paragraphInlineArb.map(blankToEmpty), itemRest, fc.boolean()).map(([first, rest, checked]): JSONContent => {
      // An empty first paragraph only where Markdown can show it: a task item, or an item whose next block is not a paragraph.
      const keepEmpty = type === 'taskItem' || rest[0]?.type !== 'paragraph'
      const head: JSONContent = first.length || !keepEmpty ? { type: 'paragraph', content: first.length ? first : [{ type: 'text', text: 'x' }] } : { type: 'paragraph' }
      return { type, ...(type === 'taskItem' ? { attrs: { checked } } : {}), content: [head, ...rest] }
    })
  return { item }
}

function listArb(depth: number): fc.Arbitrary<JSONContent> {
  const { item } = flowArbs(depth)
  return fc.oneof(
    fc.array(item('listItem'), { minLength: 1, maxLength: 3 }).map((content): JSONContent => ({ type: 'bulletList', content })),
    fc.tuple(fc.integer({ min: 0, max: 999 }), fc.array(item('listItem'), { minLength: 1, maxLength: 3 })).map(([start, content]): JSONContent => ({ type: 'orderedList', attrs: { start }, content })),
    fc.array(item('taskItem'), { minLength: 1, maxLength: 3 }).map((content): JSONContent => ({ type: 'taskList', content })),
  )
}

function quoteArb(depth: number): fc.Arbitrary<JSONContent> {
  const inner: fc.Arbitrary<JSONContent>[] = [paragraphArb, codeBlockArb, headingArb, tableArb, structuredBlockArb(), ...(depth > 0 ? [listArb(depth - 1), quoteArb(depth - 1)] : [])]
  return fc.array(fc.oneof(...inner), { minLength: 1, maxLength: 3 }).map((content): JSONContent => ({ type: 'blockquote', content }))
}

const checklistArb = fc.array(
  fc.tuple(fc.array(segmentArb, { maxLength: 3 }).map(blankToEmpty), fc.boolean()).map(([content, checked]): JSONContent => ({
    type: 'taskItem',
    attrs: { checked },
    content: [content.length ? { type: 'paragraph', content } : { type: 'paragraph' }],
  })),
  { minLength: 1, maxLength: 4 },
).map((content): JSONContent => ({ type: 'taskList', content }))

/** Every structured block, with random field text and attributes. */
export const blockArbs: Record<string, fc.Arbitrary<JSONContent>> = {
  metric: fc.tuple(attrsArb('metric'), fieldsArb('metric')).map(([attrs, content]) => ({ type: 'metric', attrs, content })),
  toolChoice: fc.tuple(attrsArb('toolChoice'), fieldsArb('toolChoice')).map(([attrs, content]) => ({ type: 'toolChoice', attrs, content })),
  risk: fc.tuple(attrsArb('risk'), fieldsArb('risk')).map(([attrs, content]) => ({ type: 'risk', attrs, content })),
  lifecycleStage: fc.tuple(attrsArb('lifecycleStage'), fieldArb('owner'), checklistArb).map(([attrs, owner, list]) => ({ type: 'lifecycleStage', attrs, content: [owner, list] })),
  maturityAssessment: fc
    .tuple(
      attrsArb('maturityAssessment'),
      fc.shuffledSubarray([...MATURITY_CRITERIA], { minLength: 1, maxLength: 4 }),
      fc.array(fc.tuple(fc.constantFrom(null, '0', '1', '2'), fieldArb('evidence')), { minLength: MATURITY_CRITERIA.length, maxLength: MATURITY_CRITERIA.length }),
      fieldArb('gaps'),
    )
    .map(([attrs, criteria, rows, gaps]) => ({
      type: 'maturityAssessment',
      attrs,
      content: [...criteria.map((c, i) => ({ type: 'maturityCriterion', attrs: { criterion: c.id, level: rows[i]![0] }, content: [rows[i]![1]] })), gaps],
    })),
  comparisonMatrix: fc.tuple(fieldsArb('comparisonMatrix'), tableArb).map(([fields, table]) => ({ type: 'comparisonMatrix', attrs: {}, content: [...fields, table] })),
  architecture: fc.tuple(fc.constantFrom('mermaid', 'plantuml'), codeTextArb, tableArb).map(([language, text, table]) => ({
    type: 'architecture',
    attrs: {},
    content: [{ type: 'blockCode', attrs: { name: 'diagram', language }, ...(text ? { content: [{ type: 'text', text }] } : {}) }, table],
  })),
}

/** Any structured block (a function: lists and quotes hold blocks, and are built before them). */
function structuredBlockArb(): fc.Arbitrary<JSONContent> {
  return fc.oneof(...Object.values(blockArbs))
}

/** Any top-level block. */
export const bodyBlockArb: fc.Arbitrary<JSONContent> = fc.oneof(
  { weight: 6, arbitrary: paragraphArb },
  { weight: 3, arbitrary: headingArb },
  { weight: 3, arbitrary: listArb(2) },
  { weight: 1, arbitrary: quoteArb(1) },
  { weight: 2, arbitrary: codeBlockArb },
  { weight: 1, arbitrary: fc.constant<JSONContent>({ type: 'horizontalRule' }) },
  { weight: 2, arbitrary: tableArb },
  { weight: 4, arbitrary: structuredBlockArb() },
)

const nameArb = fc.oneof(fc.constantFrom('Ada Lovelace', 'Oʻgʻil Ş.', '- dash', 'null', '123', 'a: b', '#tag', "O'Brien"), textArb)

const jsonValueArb: fc.Arbitrary<JsonValue> = fc.oneof(textArb, fc.integer(), fc.boolean(), fc.array(textArb, { maxLength: 3 }), fc.constant(null))

/** A document header with awkward YAML values. */
export const metaArb: fc.Arbitrary<DocumentMeta> = fc.record({
  title: fc.oneof(textArb, fc.constantFrom('', 'null', 'true', '1.0', 'a: b', '- x', '"quoted"', "it's", '#1', 'line\nbreak')),
  template: fc.option(fc.constantFrom('churn-prediction', 'rag', 'x y'), { nil: null }),
  lang: fc.constantFrom('en' as const, 'uz' as const),
  status: fc.constantFrom(...DOC_STATUSES),
  version: fc.constantFrom('0.1', '1.0', '2', '1.2.3', 'v3', ''),
  authors: fc.array(nameArb, { maxLength: 3 }),
  reviewers: fc.array(nameArb, { maxLength: 2 }),
  signoff: fc.array(nameArb, { maxLength: 2 }),
  extra: fc.dictionary(fc.constantFrom('owner', 'tags', 'x-id', 'review date'), jsonValueArb, { maxKeys: 2 }),
})

/** A whole random document. */
export const documentArb: fc.Arbitrary<MLDocument> = fc
  .tuple(metaArb, fc.array(bodyBlockArb, { minLength: 1, maxLength: 4 }))
  .map(([meta, content]) => {
    const body = mldocSchema().nodeFromJSON({ type: 'doc', content })
    body.check()
    return { meta, body }
  })

/*
 * Documents outside the normal form: what the editor or a peer can produce that Markdown cannot
 * carry exactly (empty paragraphs, hard breaks at the ends, newlines in text, whitespace at the
 * ends of cells, unsafe links, merged and ragged table cells, blank list items, missing fields).
 * Export must still be canonical: what it writes reads back to a document that writes the same.
 */

const wildTextArb = fc.oneof(textArb, fc.constantFrom(' ', '  x  ', 'a\nb', '\n', '\t', ' \u00a0 '))
const wildHrefArb = fc.oneof(hrefArb, fc.constantFrom('javascript:alert(1)', 'data:text/html,x', ' JAVASCRIPT:x', 'vbscript:y'))
const wildSegmentArb = fc
  .tuple(wildTextArb, fc.subarray(['bold', 'italic', 'strike']), fc.option(wildHrefArb, { nil: null }), fc.boolean())
  .map(([text, names, href, code]): JSONContent => {
    const marks: MarkJSON[] = code ? [{ type: 'code' }] : [...(href === null ? [] : [{ type: 'link', attrs: { href, title: null } }]), ...names.map((type) => ({ type }))]
    return marks.length ? { type: 'text', text, marks } : { type: 'text', text }
  })
const wildInlineArb = fc.array(fc.oneof({ weight: 4, arbitrary: wildSegmentArb }, { weight: 1, arbitrary: fc.constant<JSONContent>({ type: 'hardBreak' }) }), { maxLength: 4 })
const wildParagraphArb = wildInlineArb.map((content): JSONContent => (content.length ? { type: 'paragraph', content } : { type: 'paragraph' }))

const wildTableArb = fc
  .array(
    fc.array(
      fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), alignArb, wildParagraphArb).map(([header, colspan, rowspan, align, paragraph]): JSONContent => ({
        type: header ? 'tableHeader' : 'tableCell',
        attrs: { colspan, rowspan, align },
        content: [paragraph],
      })),
      { maxLength: 3 },
    ).map((content): JSONContent => ({ type: 'tableRow', content })),
    { minLength: 1, maxLength: 3 },
  )
  .map((content): JSONContent => ({ type: 'table', content }))

const wildListArb = fc
  .tuple(fc.constantFrom('bulletList', 'orderedList', 'taskList'), fc.array(fc.tuple(wildParagraphArb, fc.array(fc.oneof(wildParagraphArb, wildTableArb, codeBlockArb), { maxLength: 2 }), fc.boolean()), { minLength: 1, maxLength: 3 }))
  .map(([type, items]): JSONContent => ({
    type,
    content: items.map(([first, rest, checked]) => ({ type: type === 'taskList' ? 'taskItem' : 'listItem', ...(type === 'taskList' ? { attrs: { checked } } : {}), content: [first, ...rest] })),
  }))

const wildHeadingArb = fc
  .tuple(fc.integer({ min: 1, max: 6 }), wildInlineArb, fc.constantFrom(null, '', 'g'), fc.boolean())
  .map(([level, content, guidance, done]): JSONContent => ({ type: 'heading', attrs: { level, guidance, done }, ...(content.length ? { content } : {}) }))

/** A metric holding some of its fields, in any order, with wild text. */
const wildMetricArb = fc
  .shuffledSubarray(BLOCKS.find((b) => b.spec.type === 'metric')!.spec.fields.map((f) => f.name), { minLength: 1 })
  .chain((names) => fc.tuple(attrsArb('metric'), fc.tuple(...names.map((name) => wildInlineArb.map((content) => ({ name, content }))))))
  .map(([attrs, fields]): JSONContent => ({
    type: 'metric',
    attrs,
    content: fields.map(({ name, content }) => {
      const text = content.filter((n) => n.type === 'text')
      return text.length ? { type: 'blockField', attrs: { name }, content: text } : { type: 'blockField', attrs: { name } }
    }),
  }))

/** A random document outside the normal form. */
export const wildDocumentArb: fc.Arbitrary<MLDocument> = fc
  .tuple(metaArb, fc.array(fc.oneof(wildParagraphArb, wildHeadingArb, wildListArb, wildTableArb, wildMetricArb, bodyBlockArb), { minLength: 1, maxLength: 4 }))
  .map(([meta, content]) => {
    const body = mldocSchema().nodeFromJSON({ type: 'doc', content })
    body.check()
    return { meta, body }
  })
