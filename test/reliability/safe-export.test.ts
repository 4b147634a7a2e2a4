import type { JSONContent } from '@tiptap/core'
import MarkdownIt from 'markdown-it'
import { parse, type DefaultTreeAdapterMap } from 'parse5'
import { describe, expect, it } from 'vitest'
import { emptyBlockJSON, type BlockSpec } from '../../core/blocks/define.js'
import { BLOCKS } from '../../core/blocks/registry.js'
import { emptyMeta } from '../../core/document/meta.js'
import type { MLDocument } from '../../core/document/model.js'
import { MLDocError } from '../../core/errors.js'
import { exportMarkdown, importMarkdown } from '../../core/markdown/index.js'
import { mldocSchema } from '../../core/schema/index.js'
import { isSafeHref } from '../../core/schema/links.js'
import { DANGEROUS_URLS, xssPayloads } from './xss/payloads.js'

/**
 * Item 5 of the reliability issue: safe export. Every payload is typed into every kind of field
 * and block (and set as link targets, block choices and header values, as a hostile peer could),
 * exported with `exportMarkdown`, rendered by markdown-it with raw HTML on (as a careless
 * renderer would), parsed with parse5 as a browser parses it, and checked: nothing but the
 * elements Markdown itself produces, no event-handler attribute, no javascript:/vbscript:/data:
 * URL. Then link targets are checked to be allowlisted on import, of the export and of the
 * payloads as Markdown.
 */

type Element = DefaultTreeAdapterMap['element']
type ParentNode = DefaultTreeAdapterMap['parentNode']

const markdownIt = new MarkdownIt({ html: true, linkify: true })
const schema = mldocSchema()

/** The elements rendered Markdown may hold: what GFM makes of text, lists, tables, code and links. */
const MARKDOWN_ELEMENTS = new Set([
  'html', 'head', 'body', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em', 'strong', 's', 'del',
  'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'br',
])
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcdoc', 'cite'])

/** A URL a browser would run or render as a document: javascript:, vbscript:, data: (after it drops controls and spaces). */
function isDangerousUrl(value: string): boolean {
  return /^(javascript|vbscript|data|livescript|mocha):/i.test(value.replace(/[\u0000-\u0020\u007f]/g, ''))
}

/** Why rendered HTML is unsafe, or null. */
function unsafety(html: string): string | null {
  const problems: string[] = []
  const visit = (node: ParentNode): void => {
    for (const child of node.childNodes) {
      if (!('tagName' in child)) continue
      const element = child as Element
      if (!MARKDOWN_ELEMENTS.has(element.tagName)) problems.push(`a <${element.tagName}> element`)
      for (const attr of element.attrs) {
        const name = attr.prefix ? `${attr.prefix}:${attr.name}` : attr.name
        if (/^on/i.test(attr.name)) problems.push(`an ${name} attribute on <${element.tagName}>`)
        if (URL_ATTRIBUTES.has(name) && isDangerousUrl(attr.value)) problems.push(`${name}="${attr.value}" on <${element.tagName}>`)
        if (name === 'style' && !/^text-align:(left|right|center)$/.test(attr.value)) problems.push(`style="${attr.value}" on <${element.tagName}>`)
      }
      visit(element)
      if (element.tagName === 'template') visit((element as unknown as { content: ParentNode }).content)
    }
  }
  visit(parse(html))
  return problems.length > 0 ? problems.join('; ') : null
}

const text = (value: string, marks?: JSONContent['marks']): JSONContent => ({ type: 'text', text: value, ...(marks ? { marks } : {}) })
const paragraph = (value: string): JSONContent => ({ type: 'paragraph', content: [text(value)] })

/** A block of a type with every field, code and choice holding the payload. */
function hostileBlock(spec: BlockSpec, payload: string): JSONContent {
  const fill = (node: JSONContent): JSONContent => {
    if (node.type === 'blockField' || node.type === 'blockCode') return { ...node, content: [text(payload)] }
    if (node.type === 'paragraph') return paragraph(payload)
    const attrs = node.type === 'maturityCriterion' ? { ...node.attrs, level: payload } : node.attrs
    return { ...node, ...(attrs ? { attrs } : {}), ...(node.content ? { content: node.content.map(fill) } : {}) }
  }
  const block = fill(emptyBlockJSON(spec, 'en'))
  return { ...block, attrs: Object.fromEntries(Object.keys(block.attrs ?? {}).map((name) => [name, payload])) }
}

/** Every kind of place text goes in a document, each holding the payload, by name. */
function hostileParts(payload: string, url: string): [string, JSONContent][] {
  const cell = (type: string): JSONContent => ({ type, content: [paragraph(payload)] })
  return [
    ['heading', { type: 'heading', attrs: { level: 2, guidance: payload, done: true }, content: [text(payload)] }],
    ['paragraph', paragraph(payload)],
    ['marks', { type: 'paragraph', content: [text(payload, [{ type: 'bold' }]), text(payload, [{ type: 'italic' }, { type: 'strike' }]), text(payload, [{ type: 'code' }])] }],
    ['link', { type: 'paragraph', content: [text(payload, [{ type: 'link', attrs: { href: url, title: payload } }]), text(' and '), text(url, [{ type: 'link', attrs: { href: 'https://example.com/', title: payload } }])] }],
    ['hard break', { type: 'paragraph', content: [text(payload), { type: 'hardBreak' }, text(payload)] }],
    ['bullet list', { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(payload)] }] }],
    ['ordered list', { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [paragraph(payload)] }] }],
    ['task list', { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: true }, content: [paragraph(payload)] }] }],
    ['quote', { type: 'blockquote', content: [paragraph(payload)] }],
    ['code block', { type: 'codeBlock', attrs: { language: payload }, content: [text(payload)] }],
    ['table', { type: 'table', content: [{ type: 'tableRow', content: [cell('tableHeader'), cell('tableHeader')] }, { type: 'tableRow', content: [cell('tableCell'), cell('tableCell')] }] }],
    ...BLOCKS.map(({ spec }): [string, JSONContent] => [`${spec.type} block`, hostileBlock(spec, payload)]),
  ]
}

/** A paragraph whose link target is the payload, as a hostile peer can set it. */
function linkTargetPart(payload: string): JSONContent {
  return { type: 'paragraph', content: [text('the link', [{ type: 'link', attrs: { href: payload } }])] }
}

/** A document with these parts, and the payload in its header when `header` is set. */
function documentOf(parts: readonly JSONContent[], header?: string): MLDocument {
  const body = schema.nodeFromJSON({ type: 'doc', content: parts.length > 0 ? parts : [{ type: 'paragraph' }] })
  const meta = header === undefined
    ? { ...emptyMeta(), title: 'Churn model' }
    : { ...emptyMeta(), title: header, authors: [header], reviewers: [header], signoff: [header], version: header, extra: { note: header, [header]: 'x' } }
  return { meta, body }
}

/** Why the export of a document renders unsafe HTML, or null. */
function exportUnsafety(doc: MLDocument): string | null {
  return unsafety(markdownIt.render(exportMarkdown(doc)))
}

/** Every link target in a document. */
function hrefs(doc: MLDocument): string[] {
  const out: string[] = []
  doc.body.descendants((node) => {
    for (const mark of node.marks) if (mark.type.name === 'link') out.push(String(mark.attrs.href))
  })
  return out
}

describe('exported Markdown, rendered with raw HTML on, runs nothing', () => {
  const payloads = xssPayloads()

  it(`has at least 500 payloads (${payloads.length})`, () => {
    expect(payloads.length).toBeGreaterThanOrEqual(500)
  })

  it(`keeps every payload inert in every kind of field and block: ${payloads.length} payloads, ${hostileParts('x', 'x').length} places each`, () => {
    const failures: string[] = []
    let renderedBytes = 0
    payloads.forEach((payload, index) => {
      const url = DANGEROUS_URLS[index % DANGEROUS_URLS.length]!
      const parts = hostileParts(payload, url)
      const doc = documentOf(parts.map(([, part]) => part))
      const markdown = exportMarkdown(doc)
      const html = markdownIt.render(markdown)
      renderedBytes += html.length
      if (unsafety(html) !== null) {
        // Name the places that let it through.
        for (const [name, part] of parts) {
          const problem = exportUnsafety(documentOf([part]))
          if (problem !== null) failures.push(`${JSON.stringify(payload)} in ${name}: ${problem}`)
        }
      }
      const linkParts = parts.filter(([name]) => name === 'link' || name === 'paragraph').map(([, part]) => part)
      const imported = importMarkdown(exportMarkdown(documentOf(linkParts))).doc
      const unsafe = hrefs(imported).filter((href) => !isSafeHref(href))
      if (unsafe.length > 0) failures.push(`${JSON.stringify(payload)}: the export imports back with link targets ${JSON.stringify(unsafe)}`)
    })
    console.log(`safe export: ${payloads.length} payloads x ${hostileParts('x', 'x').length} places, ${Math.round(renderedBytes / 1024)} KiB of HTML checked, ${failures.length} unsafe`)
    expect(failures).toEqual([])
  }, 120_000)

  // Reported to the owner of core/markdown (inline-export.ts): a link target holding < or > is
  // written into the destination as it is (`[x](<script>alert\(1\)</script>)`), which no
  // Markdown reader takes as a link, so a renderer with raw HTML on runs the rest. Fix: write
  // the target with < > and whitespace percent-encoded. Remove `.fails` once fixed.
  it('keeps a payload inert as a link target', () => {
    const failures = payloads.flatMap((payload) => {
      const problem = exportUnsafety(documentOf([linkTargetPart(payload)]))
      return problem === null ? [] : [`${JSON.stringify(payload)}: ${problem}`]
    })
    expect(failures).toEqual([])
  })

  // Reported to the owner of core/markdown (front-matter.ts): header values are written as plain
  // YAML scalars (`title: <img src=x onerror=alert(1)>`); GitHub shows front matter as an
  // escaped table, but a renderer that does not know front matter shows it as Markdown and runs
  // the raw HTML. Fix: write strings holding < or & double-quoted with \x3C / \x26 escapes.
  // Remove `.fails` once fixed.
  it('keeps a payload inert in the header, even where a renderer shows front matter as Markdown', () => {
    const failures = payloads.flatMap((payload) => {
      const problem = exportUnsafety(documentOf([], payload))
      return problem === null ? [] : [`${JSON.stringify(payload)}: ${problem}`]
    })
    expect(failures).toEqual([])
  })

  it('writes no link with a target outside http, https, mailto and relative references', () => {
    for (const url of DANGEROUS_URLS) {
      const doc = documentOf([{ type: 'paragraph', content: [text('click', [{ type: 'link', attrs: { href: url } }])] }])
      const markdown = exportMarkdown(doc)
      expect(markdown, url).toContain('click')
      expect(markdown.toLowerCase(), url).not.toMatch(/\]\(\s*(javascript|vbscript|data):/)
    }
  })
})

describe('link targets are allowlisted on import', () => {
  it('keeps no unsafe link target from any payload read as Markdown', () => {
    const failures: string[] = []
    for (const payload of xssPayloads()) {
      let doc: MLDocument
      try {
        doc = importMarkdown(`# Links\n\n${payload}\n`).doc
      } catch (error) {
        // A clear refusal is fine (e.g. a payload that opens front matter); a crash is not.
        if (!(error instanceof MLDocError)) failures.push(`${JSON.stringify(payload)}: import threw ${(error as Error).message}`)
        continue
      }
      const unsafe = hrefs(doc).filter((href) => !isSafeHref(href))
      if (unsafe.length > 0) failures.push(`${JSON.stringify(payload)}: imported link targets ${JSON.stringify(unsafe)}`)
      const rendered = unsafety(markdownIt.render(exportMarkdown(doc)))
      if (rendered) failures.push(`${JSON.stringify(payload)}: imported and exported again, renders ${rendered}`)
    }
    expect(failures).toEqual([])
  })

  it('refuses the dangerous schemes and keeps the allowed ones', () => {
    for (const url of DANGEROUS_URLS) {
      if (url.includes('&') || url.includes('%') || url.includes('\\')) continue
      expect(isSafeHref(url), url).toBe(false)
    }
    for (const url of ['https://example.com', 'http://example.com', 'mailto:a@example.com', '#data', 'docs/design.md', '?q=1', '../up.md']) {
      expect(isSafeHref(url), url).toBe(true)
    }
  })
})
