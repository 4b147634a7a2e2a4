import type { JSONContent } from '@tiptap/core'
import { toMarkdown } from 'mdast-util-to-markdown'
import { describe, expect, it } from 'vitest'
import { emptyBlockJSON } from '../../../core/blocks/define.js'
import { BLOCKS } from '../../../core/blocks/registry.js'
import type { MLDocument } from '../../../core/document/model.js'
import { markdownTree } from '../../../core/markdown/export.js'
import { exportMarkdown } from '../../../core/markdown/index.js'
import { bodyText, docOf, para, text } from './helpers.js'
import { REFERENCE_OPTIONS } from './reference-writer.js'

/**
 * The body writer (core/markdown/write/body.ts) writes ProseMirror nodes without building their
 * mdast: the cases where what it writes depends on more than the node itself (blank item text,
 * empty items, lists that follow lists or text, ragged tables) give the bytes the reference
 * writer gives for the document's mdast tree, and the bytes FORMAT.md shows.
 */

function expectReferenceBytes(doc: MLDocument): string {
  const markdown = exportMarkdown(doc)
  expect(markdown).toBe(toMarkdown(markdownTree(doc), REFERENCE_OPTIONS))
  return bodyText(markdown)
}

const item = (...content: JSONContent[]): JSONContent => ({ type: 'listItem', content })
const task = (checked: boolean, ...content: JSONContent[]): JSONContent => ({ type: 'taskItem', attrs: { checked }, content })
const bullets = (...content: JSONContent[]): JSONContent => ({ type: 'bulletList', content })
const numbered = (start: number, ...content: JSONContent[]): JSONContent => ({ type: 'orderedList', attrs: { start }, content })
const cell = (type: 'tableHeader' | 'tableCell', value: string, align: string | null = null): JSONContent => ({
  type,
  attrs: { colspan: 1, rowspan: 1, colwidth: null, align },
  content: [para(...(value ? [value] : []))],
})

describe('the body writer', () => {
  it('drops a blank first paragraph of an item, or writes it as a space when more follows or the item is a task', () => {
    const body = expectReferenceBytes(docOf([
      bullets(item(para('  ')), item(para(), para()), item(para(' '), para('more')), item(para({ type: 'hardBreak' }), bullets(item(para('nested'))))),
      { type: 'taskList', content: [task(true, para()), task(false, para('  '), para('after'))] },
    ]))
    expect(body).toBe('-\n-\n- &#x20;\n\n  more\n- &#x20;\n  - nested\n\n* [x] &#x20;\n* [ ] &#x20;\n\n  after\n')
  })

  it('separates a nested list from the item text when it would not interrupt it, and alternates bullets of adjacent lists', () => {
    const body = expectReferenceBytes(docOf([
      bullets(item(para('a'), numbered(3, item(para('three'))), numbered(1, item(para('one')))), item(para('b'), bullets(item(para()), item(para('x'))))),
      bullets(item(para('second list'))),
      numbered(0, item(para('zero'))),
      numbered(1, item(para('one'))),
    ]))
    expect(body).toBe('- a\n\n  3. three\n\n  1) one\n- b\n\n  -\n  - x\n\n* second list\n\n0. zero\n\n1) one\n')
  })

  it('writes a table without merged cells as wide as its widest row, with the header row\'s alignments', () => {
    const body = expectReferenceBytes(docOf([
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: [cell('tableHeader', 'a', 'center'), cell('tableHeader', '', 'right')] },
          { type: 'tableRow', content: [cell('tableCell', ' x '), cell('tableCell', 'p|q'), cell('tableCell', 'extra', 'left')] },
          { type: 'tableRow', content: [cell('tableCell', 'y')] },
        ],
      },
    ]))
    expect(body).toBe('| a | | |\n| :-: | --: | --- |\n| x | p\\|q | extra |\n| y | | |\n')
  })

  it('keeps headings\' comments and structured blocks\' markers right above what follows, in quotes too', () => {
    const metric = emptyBlockJSON(BLOCKS[0]!.spec, 'en')
    const body = expectReferenceBytes(docOf([
      { type: 'blockquote', content: [{ type: 'heading', attrs: { level: 2, guidance: 'Say why.', done: true }, content: [text('Why')] }, para('text'), metric] },
      metric,
      bullets(item(para('after a block'))),
    ]))
    expect(body.startsWith('> ## Why\n> <!-- mldoc:section {"done":true,"guidance":"Say why."} -->\n>\n> text\n>\n> <!-- mldoc:')).toBe(true)
    expect(body.endsWith('\n\n- after a block\n')).toBe(true)
  })
})
