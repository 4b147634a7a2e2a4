import type { Node as PMNode } from '@tiptap/pm/model'
import { describe, expect, it } from 'vitest'
import { emptyBlockJSON } from '../../../core/blocks/define.js'
import { BLOCKS } from '../../../core/blocks/registry.js'
import { MLDocError } from '../../../core/errors.js'
import { exportMarkdown, importMarkdown } from '../../../core/markdown/index.js'
import { docOf, para } from './helpers.js'

const spec = (type: string) => BLOCKS.find((b) => b.spec.type === type)!.spec

/** A document with one new block of a type, as Markdown. */
function exported(type: string): string {
  return exportMarkdown(docOf([para('Intro'), emptyBlockJSON(spec(type), 'en'), para('Outro')]))
}

/** The 1-based line of the first occurrence of a text. */
function lineOf(markdown: string, needle: string): number {
  expect(markdown).toContain(needle)
  return markdown.slice(0, markdown.indexOf(needle)).split('\n').length
}

function nodeTypes(body: PMNode): string[] {
  const out: string[] = []
  body.forEach((child) => out.push(child.type.name))
  return out
}

/** Expects the import to keep the edited form as plain content with one warning at `line`, and strict import to throw there. */
function expectPlainContent(markdown: string, line: number, reason: RegExp): PMNode {
  const { doc, warnings } = importMarkdown(markdown, { source: 'design.md' })
  expect(warnings).toHaveLength(1)
  expect(warnings[0]!.line).toBe(line)
  expect(warnings[0]!.message).toMatch(reason)
  expect(warnings[0]!.message).toMatch(/kept as plain content/)
  let error: unknown
  try {
    importMarkdown(markdown, { source: 'design.md', strict: true })
  } catch (e) {
    error = e
  }
  expect(error).toBeInstanceOf(MLDocError)
  expect(error).toMatchObject({ kind: 'markdown', source: 'design.md', line })
  expect(String((error as Error).message)).toMatch(new RegExp(`^design\\.md:${line}: `))
  return doc.body
}

describe('hand-edited structured blocks', () => {
  it('a renamed row: the table is kept as plain content and the warning names its line', () => {
    const markdown = exported('metric')
    const edited = markdown.replace('| Layer | |', '| Layr | offline |')
    const body = expectPlainContent(edited, lineOf(edited, '| Layr |'), /"Layr" is not a row of the metric/)
    expect(nodeTypes(body)).toEqual(['paragraph', 'table', 'paragraph'])
    expect(body.child(1).child(1).textContent).toBe('Layroffline')
    expect(exportMarkdown({ meta: docOf([para('x')]).meta, body })).not.toContain('mldoc:metric')
  })

  it('a removed row', () => {
    const markdown = exported('risk')
    expectPlainContent(markdown.replace('| Impact | |\n', ''), lineOf(markdown, '| Risk |'), /"Impact" missing/)
  })

  it('a choice value that is not one of the choices', () => {
    const markdown = exported('risk')
    expectPlainContent(markdown.replace('| Likelihood | |', '| Likelihood | sometimes |'), lineOf(markdown, '| Likelihood |'), /"sometimes" is not a Likelihood \(low, medium, high\)/)
  })

  it('a due date that is not a date', () => {
    const markdown = exported('lifecycleStage')
    expectPlainContent(markdown.replace('| Due | |', '| Due | 2026-02-30 |'), lineOf(markdown, '| Due |'), /Due "2026-02-30" is not a date/)
  })

  it('a lifecycle stage whose checklist became a plain list', () => {
    const markdown = exported('lifecycleStage')
    const edited = markdown.replace('- [ ] Business problem stated', '- Business problem stated')
    const body = expectPlainContent(edited, lineOf(markdown, '- [ ] Business problem stated'), /task list/)
    expect(nodeTypes(body)).toEqual(['paragraph', 'table', 'bulletList', 'paragraph'])
  })

  it('a maturity row naming no criterion, and a level out of range', () => {
    const markdown = exported('maturityAssessment')
    expectPlainContent(markdown.replace('| Feature store |', '| Feature shop |'), lineOf(markdown, '| Feature store |'), /"Feature shop" is not a maturity criterion/)
    expectPlainContent(markdown.replace('| Feature store | |', '| Feature store | 3 |'), lineOf(markdown, '| Feature store |'), /level "3"/)
  })

  it('an architecture whose diagram fence was removed', () => {
    const markdown = exported('architecture')
    const edited = markdown.replace(/```mermaid\n[\s\S]*?```\n\n/, '')
    expectPlainContent(edited, lineOf(edited, '| Component |'), /fenced code block/)
  })

  it('a comparison matrix without its matrix table', () => {
    const markdown = exported('comparisonMatrix')
    const edited = markdown.replace(/\| Criterion \| Weight[\s\S]*?\n\n/, '')
    expectPlainContent(edited, lineOf(edited, 'Outro'), /matrix table/)
  })

  it('an unknown block, or a newer format version: the marker stays as raw HTML', () => {
    for (const marker of ['<!-- mldoc:timeline v1 -->', '<!-- mldoc:metric v2 -->']) {
      const markdown = exportMarkdown(docOf([emptyBlockJSON(spec('metric'), 'en')])).replace('<!-- mldoc:metric v1 -->', marker)
      const { doc, warnings } = importMarkdown(markdown)
      expect(warnings).toEqual([{ line: lineOf(markdown, marker), message: expect.stringMatching(/unknown block "timeline"|format v2/) }])
      expect(nodeTypes(doc.body)).toEqual(['codeBlock', 'table'])
      expect(doc.body.firstChild!.textContent).toBe(marker)
      expect(() => importMarkdown(markdown, { strict: true })).toThrow(MLDocError)
    }
  })

  it('a section comment that cannot be read, or is not under a heading', () => {
    const broken = importMarkdown('# Goals\n<!-- mldoc:section {"done": yes} -->\n')
    expect(broken.warnings).toEqual([{ line: 2, message: expect.stringMatching(/JSON does not parse/) }])
    expect(broken.doc.body.firstChild!.attrs.done).toBe(false)
    expect(broken.doc.body.child(1).textContent).toBe('<!-- mldoc:section {"done": yes} -->')
    const stray = importMarkdown('Text\n\n<!-- mldoc:section {"done":true} -->\n')
    expect(stray.warnings).toEqual([{ line: 3, message: expect.stringMatching(/not right under a heading/) }])
    const wrongType = importMarkdown('# Goals\n<!-- mldoc:section {"done":"yes"} -->\n')
    expect(wrongType.warnings[0]!.message).toMatch(/"done" must be true or false/)
  })
})

describe('sections', () => {
  it('writes guidance and done in a comment under the heading, and reads them back', () => {
    const doc = docOf([
      { type: 'heading', attrs: { level: 2, guidance: 'State the business problem first --> then the ML one.', done: true }, content: [{ type: 'text', text: 'Problem framing' }] },
      para('Text'),
      { type: 'heading', attrs: { level: 3, guidance: null, done: false }, content: [{ type: 'text', text: 'Plain' }] },
    ])
    const markdown = exportMarkdown(doc)
    expect(markdown).toContain('## Problem framing\n<!-- mldoc:section {"done":true,"guidance":"State the business problem first \\u002d\\u002d\\u003e then the ML one."} -->\n\nText\n\n### Plain\n')
    const back = importMarkdown(markdown, { strict: true }).doc
    expect(back.body.firstChild!.attrs).toEqual({ level: 2, guidance: 'State the business problem first --> then the ML one.', done: true })
    expect(back.body.child(2).attrs).toEqual({ level: 3, guidance: null, done: false })
  })
})
