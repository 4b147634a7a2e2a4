import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import { exportMarkdown, importMarkdown } from '../../../core/markdown/index.js'
import { bodyText, docOf, expectRoundTrip, para, text } from './helpers.js'

/** What people type that Markdown would otherwise read as syntax. */
const TYPED = [
  '# not a heading',
  '## also not',
  '1. not a list',
  '2) not a list either',
  '- not a bullet',
  '+ not a bullet',
  '* not a bullet',
  '> not a quote',
  '---',
  '***',
  '===',
  '```js',
  '~~~',
  '    four spaces',
  '\ttab first',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<!-- not a comment -->',
  'a | b | c',
  '*not emphasis* and **not strong** and _not either_',
  'snake_case_name and 2*3*4',
  '~~not struck~~',
  'back\\slash and \\* and \\\\',
  'trailing backslash\\',
  '[not a link](docs/x.md) and ![not an image](x.png)',
  '[label]: /docs/x.md "a definition"',
  '[^1] and [^1]: not a footnote',
  '[ ] not a task',
  '&amp; &copy; &#x41; stay as typed',
  '`not code`',
  '<tag:value> and <a@b> in angle brackets',
  ' leading and trailing spaces ',
  'Oʻzbekcha ʼ ’ and emoji 😀',
]

describe('escaping: what people type reads back as typed', () => {
  for (const typed of TYPED) {
    it(`paragraph: ${JSON.stringify(typed)}`, () => {
      const { back } = expectRoundTrip(docOf([para(typed)]))
      expect(back.body.firstChild!.textContent).toBe(typed)
    })
  }

  it('in headings, list items, quotes and table cells too', () => {
    const cell = (value: string, header = false): JSONContent => ({ type: header ? 'tableHeader' : 'tableCell', content: [para(value.trim())] })
    for (const typed of TYPED) {
      expectRoundTrip(
        docOf([
          { type: 'heading', attrs: { level: 2 }, content: [text(typed)] },
          { type: 'bulletList', content: [{ type: 'listItem', content: [para(typed)] }] },
          { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [para(typed)] }] },
          { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: true }, content: [para(typed)] }] },
          { type: 'blockquote', content: [para(typed)] },
          { type: 'table', content: [{ type: 'tableRow', content: [cell(typed, true), cell('x', true)] }, { type: 'tableRow', content: [cell('y'), cell(typed)] }] },
        ]),
      )
    }
  })

  it('in fields of a block', () => {
    for (const typed of TYPED) {
      const field = (name: string) => ({ type: 'blockField', attrs: { name }, content: [text(typed.trim())] })
      expectRoundTrip(docOf([{ type: 'toolChoice', attrs: { category: null, stage: null }, content: [field('chosen'), field('alternatives'), field('rationale')] }]))
    }
  })

  it('with marks around the characters', () => {
    for (const typed of TYPED) {
      expectRoundTrip(docOf([para(text('x', 'bold'), text(typed, 'italic'), text(typed, 'bold', 'strike'), text(typed, 'code'), text(typed, { link: 'https://example.com' }))]))
    }
  })

  it('never writes raw HTML, a line-start construct or a bare pipe in a cell', () => {
    const markdown = bodyText(exportMarkdown(docOf([para('<script>alert(1)</script>'), para('# x'), para('1. x'), para('> x'), para('- x')])))
    expect(markdown).toBe('\\<script>alert(1)\\</script>\n\n\\# x\n\n1\\. x\n\n\\> x\n\n\\- x\n')
    const table = bodyText(exportMarkdown(docOf([{ type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableHeader', content: [para('a | b')] }] }] }])))
    expect(table).toBe('| a \\| b |\n| --- |\n')
  })

  it('keeps hard breaks, and text that Markdown would read as a link becomes that link', () => {
    const { back } = expectRoundTrip(docOf([para('one', { type: 'hardBreak' }, { type: 'hardBreak' }, ' two')]))
    expect(back.body.firstChild!.childCount).toBe(4)
    const markdown = exportMarkdown(docOf([para('see www.example.com or https://example.com/a.')]))
    expect(bodyText(markdown)).toBe('see [www.example.com](http://www.example.com) or <https://example.com/a>.\n')
    const { doc, warnings } = importMarkdown(markdown, { strict: true })
    expect(warnings).toEqual([])
    expect(exportMarkdown(doc)).toBe(markdown)
  })

  it('code in a cell with a pipe after an odd run of backslashes loses that backslash, once (FORMAT.md, Tables; seed 560438156)', () => {
    const cell = (code: string): JSONContent => ({ type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableHeader', content: [para(text(code, 'code'))] }] }] })
    const markdown = exportMarkdown(docOf([cell('a\\|b')]))
    expect(bodyText(markdown)).toBe('| `a\\|b` |\n| --- |\n')
    const { doc } = importMarkdown(markdown, { strict: true })
    expect(doc.body.firstChild!.textContent).toBe('a|b')
    expect(exportMarkdown(doc)).toBe(markdown)
    // An even run keeps every backslash, and code outside cells any run.
    expectRoundTrip(docOf([cell('a\\\\|b'), para(text('a\\|b', 'code'))]))
  })

  it('reads typed text back from hand-written escapes and character references', () => {
    const { doc } = importMarkdown('\\# one \\| two &amp; &#x41; \\\\\n')
    expect(doc.body.firstChild!.textContent).toBe('# one | two & A \\')
  })
})
