import type { JSONContent } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { expect } from 'vitest'
import { emptyMeta, type DocumentMeta } from '../../../core/document/meta.js'
import type { MLDocument } from '../../../core/document/model.js'
import type { Lang } from '../../../core/i18n.js'
import { exportMarkdown, importMarkdown } from '../../../core/markdown/index.js'
import { mldocSchema } from '../../../core/schema/index.js'

/** A document from body JSON (checked against the schema) and header fields. */
export function docOf(content: JSONContent[], meta: Partial<DocumentMeta> & { lang?: Lang } = {}): MLDocument {
  const body = mldocSchema().nodeFromJSON({ type: 'doc', content })
  body.check()
  return { meta: { ...emptyMeta(meta.lang ?? 'en'), ...meta }, body }
}

/** Text JSON, with marks given by name (`link` takes the href). */
export function text(value: string, ...marks: (string | { link: string; title?: string })[]): JSONContent {
  const json = marks.map((m) => (typeof m === 'string' ? { type: m } : { type: 'link', attrs: { href: m.link, title: m.title ?? null } }))
  return json.length ? { type: 'text', text: value, marks: json } : { type: 'text', text: value }
}

/** A paragraph of inline JSON (strings are plain text). */
export function para(...content: (string | JSONContent)[]): JSONContent {
  const nodes = content.map((c) => (typeof c === 'string' ? text(c) : c))
  return nodes.length ? { type: 'paragraph', content: nodes } : { type: 'paragraph' }
}

/**
 * Exports, imports (strict: a document MLDoc wrote reads back without a warning) and exports
 * again; checks the two exports are the same bytes and the document came back equal.
 */
export function expectRoundTrip(doc: MLDocument): { markdown: string; back: MLDocument } {
  const markdown = exportMarkdown(doc)
  const { doc: back, warnings } = importMarkdown(markdown, { source: 'round-trip.md', strict: true })
  expect(warnings).toEqual([])
  expect(exportMarkdown(back)).toBe(markdown)
  expect(back.meta).toEqual(doc.meta)
  expectSameBody(back.body, doc.body)
  return { markdown, back }
}

/** Checks two bodies are equal, showing their JSON when they are not. */
export function expectSameBody(actual: PMNode, expected: PMNode): void {
  if (!actual.eq(expected)) expect(actual.toJSON()).toEqual(expected.toJSON())
  expect(actual.eq(expected)).toBe(true)
}

/** The body of a Markdown export: what follows the front matter. */
export function bodyText(markdown: string): string {
  return markdown.replace(/^---\n[\s\S]*?\n---\n\n?/, '')
}
