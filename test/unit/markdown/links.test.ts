import type { Node as PMNode } from '@tiptap/pm/model'
import { describe, expect, it } from 'vitest'
import { MLDocError } from '../../../core/errors.js'
import { exportMarkdown, importMarkdown } from '../../../core/markdown/index.js'
import { bodyText, docOf, expectRoundTrip, para, text } from './helpers.js'

/** Every link in a body: its text and target. */
function links(body: PMNode): { text: string; href: string }[] {
  const out: { text: string; href: string }[] = []
  body.descendants((node) => {
    const link = node.marks.find((m) => m.type.name === 'link')
    if (node.isText && link) out.push({ text: node.text!, href: String(link.attrs.href) })
  })
  return out
}

const UNSAFE = ['javascript:alert(1)', 'JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:msgbox', 'file:///etc/passwd']

describe('links', () => {
  it('keeps http(s), mailto and relative links, with titles', () => {
    const doc = docOf([
      para(
        text('site', { link: 'https://example.com/a_b?q=1&r=(2)' }), ' ',
        text('plain', { link: 'http://example.com' }), ' ',
        text('mail', { link: 'mailto:team@example.com' }), ' ',
        text('doc', { link: '../docs/design notes.md', title: 'The "design"' }), ' ',
        text('anchor', { link: '#problem-framing' }),
      ),
    ])
    const { markdown, back } = expectRoundTrip(doc)
    expect(links(back.body).map((l) => l.href)).toEqual(['https://example.com/a_b?q=1&r=(2)', 'http://example.com', 'mailto:team@example.com', '../docs/design notes.md', '#problem-framing'])
    expect(markdown).toContain('[doc](<../docs/design notes.md> "The \\"design\\"")')
  })

  for (const href of UNSAFE) {
    it(`writes a link to ${JSON.stringify(href)} as its text`, () => {
      const markdown = exportMarkdown(docOf([para('see ', text('this', { link: href }), ' now')]))
      expect(bodyText(markdown)).toBe('see this now\n')
      expect(links(importMarkdown(markdown).doc.body)).toEqual([])
    })

    it(`reads a link to ${JSON.stringify(href)} as its text, with a warning`, () => {
      const destination = /\s/.test(href) ? `<${href}>` : href
      const source = `# Title\n\nsee [this](${destination}) now\n`
      const { doc, warnings } = importMarkdown(source, { source: 'doc.md' })
      expect(doc.body.child(1).textContent).toBe('see this now')
      expect(links(doc.body)).toEqual([])
      expect(warnings).toEqual([{ line: 3, message: expect.stringContaining('removed') }])
      expect(() => importMarkdown(source, { source: 'doc.md', strict: true })).toThrow(MLDocError)
    })
  }

  it('drops unsafe autolinks, references and images too', () => {
    const source = ['<javascript:alert(1)>', '', '[ref][x] and ![pic](javascript:alert(1))', '', '[x]: javascript:alert(2)', ''].join('\n')
    const { doc, warnings } = importMarkdown(source)
    expect(links(doc.body)).toEqual([])
    expect(warnings.map((w) => w.line)).toEqual([1, 3, 3])
    expect(exportMarkdown(doc)).not.toMatch(/\]\(javascript|<javascript/i)
  })

  it('reads images as links to the image, the alt text as the link text', () => {
    const { doc, warnings } = importMarkdown('![Architecture](img/arch.png "Diagram") and ![](https://example.com/x.png)\n', { strict: true })
    expect(warnings).toEqual([])
    expect(links(doc.body)).toEqual([
      { text: 'Architecture', href: 'img/arch.png' },
      { text: 'https://example.com/x.png', href: 'https://example.com/x.png' },
    ])
    expect(doc.body.firstChild!.firstChild!.marks[0]!.attrs.title).toBe('Diagram')
  })

  it('resolves reference links and keeps the definitions visible', () => {
    const { doc } = importMarkdown('[the docs][Docs] and [Docs]\n\n[docs]: https://example.com/docs "Docs"\n', { strict: true })
    expect(links(doc.body)).toEqual([
      { text: 'the docs', href: 'https://example.com/docs' },
      { text: 'Docs', href: 'https://example.com/docs' },
      { text: 'https://example.com/docs', href: 'https://example.com/docs' },
    ])
    expect(doc.body.child(1).textContent).toBe('[docs]: https://example.com/docs "Docs"')
    expectRoundTrip(doc)
  })

  it('keeps link marks next to code: the link wins over code formatting', () => {
    const { doc } = importMarkdown('[`run()`](https://example.com/run) and **`bold code`**\n', { strict: true })
    const paragraph = doc.body.firstChild!
    expect(paragraph.child(0).marks.map((m) => m.type.name)).toEqual(['link'])
    expect(paragraph.child(2).marks.map((m) => m.type.name)).toEqual(['code'])
  })
})

describe('link destinations', () => {
  it('writes < and > in a target percent-encoded and reads them back', () => {
    const targets = ['https://example.com/<x>', '<script>alert(1)</script>', 'docs/<b> c.md']
    const { markdown, back } = expectRoundTrip(docOf([para(...targets.flatMap((href, i) => [text(`link ${i}`, { link: href }), ' ']))]))
    expect(markdown).toContain('[link 0](https://example.com/%3Cx%3E) [link 1](%3Cscript%3Ealert\\(1\\)%3C/script%3E) [link 2](<docs/%3Cb%3E c.md>)')
    expect(links(back.body).map((l) => l.href)).toEqual(targets)
  })

  it('reads %3C and %3E as < and >, and writes a target holding them so that the export stays the same bytes', () => {
    const markdown = exportMarkdown(docOf([para(text('x', { link: 'https://example.com/%3c%3E' }))]))
    expect(markdown).toContain('[x](https://example.com/%3C%3E)')
    const back = importMarkdown(markdown).doc
    expect(links(back.body).map((l) => l.href)).toEqual(['https://example.com/<>'])
    expect(exportMarkdown(back)).toBe(markdown)
  })

  it('keeps other percent-encodings of a hand-written file as they are', () => {
    const { doc } = importMarkdown('[a](https://example.com/a%20b%2Fc#:~:text=x%20y) [b](<c d.md>)\n')
    expect(links(doc.body).map((l) => l.href)).toEqual(['https://example.com/a%20b%2Fc#:~:text=x%20y', 'c d.md'])
    expect(exportMarkdown(doc)).toContain('[a](https://example.com/a%20b%2Fc#:~:text=x%20y) [b](<c d.md>)')
  })
})
