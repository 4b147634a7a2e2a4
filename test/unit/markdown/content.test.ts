import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import { exportMarkdown, importMarkdown } from '../../../core/markdown/index.js'
import { bodyText, docOf, expectRoundTrip, para, text } from './helpers.js'

const item = (...content: JSONContent[]): JSONContent => ({ type: 'listItem', content })
const task = (checked: boolean, ...content: JSONContent[]): JSONContent => ({ type: 'taskItem', attrs: { checked }, content })
const cell = (value: string, attrs: Record<string, unknown> = {}, header = false): JSONContent => ({ type: header ? 'tableHeader' : 'tableCell', attrs, content: [para(value)] })

/** Imports hand-written Markdown without a warning and returns the body as JSON. */
function bodyJSON(markdown: string): JSONContent[] {
  const { doc, warnings } = importMarkdown(markdown, { strict: true })
  expect(warnings).toEqual([])
  return doc.body.toJSON().content as JSONContent[]
}

describe('standard Markdown content', () => {
  it('writes headings, marks, lists, quotes, code and rules in the fixed style', () => {
    const doc = docOf([
      { type: 'heading', attrs: { level: 1 }, content: [text('Title')] },
      para(text('bold', 'bold'), ' ', text('italic', 'italic'), ' ', text('both', 'bold', 'italic'), ' ', text('struck', 'strike'), ' ', text('code', 'code'), ' ', text('link', { link: 'https://example.com' })),
      { type: 'bulletList', content: [item(para('one'), { type: 'bulletList', content: [item(para('nested'))] }), item(para('two'))] },
      { type: 'orderedList', attrs: { start: 7 }, content: [item(para('seventh')), item(para('eighth'))] },
      { type: 'taskList', content: [task(true, para('done')), task(false, para('open'), { type: 'taskList', content: [task(false, para('sub'))] })] },
      { type: 'blockquote', content: [para('quoted'), { type: 'codeBlock', attrs: { language: 'python' }, content: [text('print(1)')] }] },
      { type: 'horizontalRule' },
      { type: 'codeBlock', attrs: { language: 'js title="a.js"' }, content: [text('const a = "```"\n\n  return a\n')] },
    ])
    const { markdown } = expectRoundTrip(doc)
    expect(bodyText(markdown)).toBe(
      [
        '# Title',
        '',
        '**bold** *italic* **_both_** ~~struck~~ `code` [link](https://example.com)',
        '',
        '- one',
        '  - nested',
        '- two',
        '',
        '7. seventh',
        '8. eighth',
        '',
        '- [x] done',
        '- [ ] open',
        '  - [ ] sub',
        '',
        '> quoted',
        '>',
        '> ```python',
        '> print(1)',
        '> ```',
        '',
        '---',
        '',
        '````js title="a.js"',
        'const a = "```"',
        '',
        '  return a',
        '',
        '````',
        '',
      ].join('\n'),
    )
  })

  it('keeps adjacent lists apart and empty task items in place', () => {
    const { markdown } = expectRoundTrip(
      docOf([
        { type: 'bulletList', content: [item(para('a'))] },
        { type: 'bulletList', content: [item(para('b'))] },
        { type: 'orderedList', attrs: { start: 1 }, content: [item(para('c'))] },
        { type: 'orderedList', attrs: { start: 1 }, content: [item(para('d'))] },
        { type: 'taskList', content: [task(false, para()), task(true, para('x'))] },
        { type: 'bulletList', content: [item(para()), item(para(), { type: 'orderedList', attrs: { start: 0 }, content: [item(para('zero'))] })] },
      ]),
    )
    expect(bodyText(markdown)).toContain('- a\n\n* b\n\n1. c\n\n1) d\n\n- [ ] &#x20;\n- [x] x\n')
  })

  it('writes tables with aligned columns, merged cells as empty cells, and pads ragged rows', () => {
    const table = docOf([
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: [cell('Left', { align: 'left' }, true), cell('Centre', { align: 'center' }, true), cell('Right', { align: 'right' }, true)] },
          { type: 'tableRow', content: [cell('wide', { colspan: 2, rowspan: 2 }), cell('x | y')] },
          { type: 'tableRow', content: [cell('z')] },
          { type: 'tableRow', content: [cell('short')] },
        ],
      },
    ])
    expect(bodyText(exportMarkdown(table))).toBe('| Left | Centre | Right |\n| :-- | :-: | --: |\n| wide | | x \\| y |\n| | | z |\n| short | | |\n')
    const back = bodyJSON('| a | b |\n| :-- | --: |\n| 1 |\n| 1 | 2 | 3 |\n')[0]!
    expect(back.content!.map((row) => row.content!.map((c) => `${c.type}:${c.attrs!.align}:${c.content![0]!.content?.[0]?.text ?? ''}`))).toEqual([
      ['tableHeader:left:a', 'tableHeader:right:b', 'tableHeader:null:'],
      ['tableCell:left:1', 'tableCell:right:', 'tableCell:null:'],
      ['tableCell:left:1', 'tableCell:right:2', 'tableCell:null:3'],
    ])
  })

  it('keeps raw HTML visible and inert: blocks as html code blocks, inline HTML as text', () => {
    const body = bodyJSON('<div align="center">\n<img src="x.png" onerror="alert(1)">\n</div>\n\nText with <br> and <kbd>Ctrl</kbd>.\n')
    expect(body[0]).toEqual({ type: 'codeBlock', attrs: { language: 'html' }, content: [text('<div align="center">\n<img src="x.png" onerror="alert(1)">\n</div>')] })
    expect(body[1]).toEqual(para('Text with <br> and <kbd>Ctrl</kbd>.'))
    const markdown = exportMarkdown(docOf(body))
    expect(bodyText(markdown)).toBe('```html\n<div align="center">\n<img src="x.png" onerror="alert(1)">\n</div>\n```\n\nText with \\<br> and \\<kbd>Ctrl\\</kbd>.\n')
  })

  it('keeps footnotes visible as text', () => {
    const body = bodyJSON('Claim.[^src]\n\n[^src]: The source, with **bold**.\n\n    A second paragraph.\n')
    expect(body).toEqual([
      para('Claim.[^src]'),
      para('[^src]: The source, with ', text('bold', 'bold'), '.'),
      para('A second paragraph.'),
    ])
    expectRoundTrip(docOf(body))
  })

  it('keeps check boxes of lists that are not plain task lists as text', () => {
    const body = bodyJSON('- [ ] task\n- plain\n\n1. [x] done\n')
    expect(body).toEqual([
      { type: 'bulletList', content: [item(para('[ ] task')), item(para('plain'))] },
      { type: 'orderedList', attrs: { start: 1, type: null }, content: [item(para('[x] done'))] },
    ])
    expect(bodyText(exportMarkdown(docOf(body)))).toBe('- \\[ ] task\n- plain\n\n1. \\[x] done\n')
  })

  it('reads soft line breaks as spaces and keeps hard breaks', () => {
    expect(bodyJSON('one\ntwo  \nthree\\\nfour\n')).toEqual([para('one two', { type: 'hardBreak' }, 'three', { type: 'hardBreak' }, 'four')])
  })

  it('reads setext headings, indented code and lists written with other markers', () => {
    expect(bodyJSON('Title\n=====\n\n    code\n\n* a\n+ b\n\n3) c\n')).toEqual([
      { type: 'heading', attrs: { level: 1, guidance: null, done: false }, content: [text('Title')] },
      { type: 'codeBlock', attrs: { language: null }, content: [text('code')] },
      { type: 'bulletList', content: [item(para('a'))] },
      { type: 'bulletList', content: [item(para('b'))] },
      { type: 'orderedList', attrs: { start: 3, type: null }, content: [item(para('c'))] },
    ])
  })

  it('an empty file is one empty paragraph, written as front matter only', () => {
    const { doc } = importMarkdown('')
    expect(doc.body.toJSON()).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] })
    expect(bodyText(exportMarkdown(doc))).toBe('')
    expect(exportMarkdown(doc).endsWith('---\n')).toBe(true)
  })

  it('always writes the same bytes: LF line endings, one blank line between blocks, a final newline', () => {
    const doc = docOf([para('a'), para('b'), { type: 'heading', attrs: { level: 2 }, content: [text('c')] }])
    const markdown = exportMarkdown(doc)
    expect(exportMarkdown(doc)).toBe(markdown)
    expect(markdown).not.toContain('\r')
    expect(bodyText(markdown)).toBe('a\n\nb\n\n## c\n')
  })
})
