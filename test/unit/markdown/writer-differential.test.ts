import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { JSONContent } from '@tiptap/core'
import fc from 'fast-check'
import { toMarkdown } from 'mdast-util-to-markdown'
import { describe, expect, it } from 'vitest'
import { emptyBlockJSON } from '../../../core/blocks/define.js'
import { BLOCKS } from '../../../core/blocks/registry.js'
import type { MLDocument } from '../../../core/document/model.js'
import { markdownTree } from '../../../core/markdown/export.js'
import { exportMarkdown, importMarkdown } from '../../../core/markdown/index.js'
import { DANGEROUS_URLS, xssPayloads } from '../../reliability/xss/payloads.js'
import { corpusFiles } from './corpus-files.js'
import { documentArb, wildDocumentArb } from './arbitraries.js'
import { propertyRuns } from './property-runs.js'
import { docOf, para, text } from './helpers.js'
import { REFERENCE_OPTIONS } from './reference-writer.js'

/**
 * MLDoc's own Markdown writer (core/markdown/write/) against mdast-util-to-markdown, which the
 * format was first written with: `exportMarkdown` must give the bytes the reference gives for
 * the same tree, for random documents, templates, the corpus and hostile text.
 */

const ROOT = join(import.meta.dirname, '../../..')

function reference(doc: MLDocument): string {
  return toMarkdown(markdownTree(doc), REFERENCE_OPTIONS)
}

function expectSameBytes(doc: MLDocument, what: string): void {
  const expected = reference(doc)
  const actual = exportMarkdown(doc)
  if (actual !== expected) expect(actual, what).toBe(expected)
}

/** Every kind of place text goes, each holding the payload. */
function hostileDocument(payload: string, url: string): MLDocument {
  const cell = (type: string): JSONContent => ({ type, content: [para(payload)] })
  const fill = (node: JSONContent): JSONContent => {
    if (node.type === 'blockField' || node.type === 'blockCode') return { ...node, content: [text(payload)] }
    if (node.type === 'paragraph') return para(payload)
    return { ...node, ...(node.content ? { content: node.content.map(fill) } : {}) }
  }
  return docOf([
    { type: 'heading', attrs: { level: 2, guidance: payload, done: true }, content: [text(payload)] },
    para(payload),
    para(text(payload, 'bold'), text(payload, 'italic', 'strike'), text(payload, 'code'), text(payload)),
    para(text(payload, { link: url, title: payload }), ' and ', text(url, { link: 'https://example.com/' }), text(payload, { link: 'https://example.com/a' })),
    para(text(payload), { type: 'hardBreak' }, text(payload)),
    { type: 'bulletList', content: [{ type: 'listItem', content: [para(payload)] }] },
    { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [para(payload)] }] },
    { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: true }, content: [para(payload)] }] },
    { type: 'blockquote', content: [para(payload)] },
    { type: 'codeBlock', attrs: { language: payload }, content: [text(payload)] },
    { type: 'table', content: [{ type: 'tableRow', content: [cell('tableHeader'), cell('tableHeader')] }, { type: 'tableRow', content: [cell('tableCell'), cell('tableCell')] }] },
    ...BLOCKS.map(({ spec }) => fill(emptyBlockJSON(spec, 'en'))),
  ].filter((node) => node.type !== 'codeBlock' || payload.length > 0), { title: payload || 'x' })
}

describe('the Markdown writer writes what mdast-util-to-markdown wrote', () => {
  it('for 1,000 random documents and 500 documents outside the normal form', () => {
    fc.assert(fc.property(documentArb, (doc) => expectSameBytes(doc, 'random document')), propertyRuns(1000, 20261128))
    fc.assert(fc.property(wildDocumentArb, (doc) => expectSameBytes(doc, 'wild document')), propertyRuns(500, 20261129))
  }, 120_000)

  it('for text that reads as an email autolink starting with a sign or a digit (seed -273318829)', () => {
    const row = (type: string): JSONContent => ({ type: 'tableRow', content: [{ type, content: [para('<#@')] }] })
    expectSameBytes(docOf([para('Mail <0@x>, <#@ or <{@0>'), { type: 'table', content: [row('tableHeader'), row('tableCell')] }]), 'email autolink start')
  })

  it('for every template and corpus document', () => {
    const files = [
      ...readdirSync(join(ROOT, 'templates')).flatMap((id) => readdirSync(join(ROOT, 'templates', id)).filter((f) => f.endsWith('.md')).map((f) => join(ROOT, 'templates', id, f))),
      ...corpusFiles(),
    ]
    expect(files.length).toBeGreaterThan(8)
    for (const file of files) expectSameBytes(importMarkdown(readFileSync(file, 'utf8')).doc, file)
  })

  it('for every XSS payload in every kind of place', () => {
    xssPayloads().forEach((payload, index) => expectSameBytes(hostileDocument(payload, DANGEROUS_URLS[index % DANGEROUS_URLS.length]!), JSON.stringify(payload)))
  }, 60_000)
})
