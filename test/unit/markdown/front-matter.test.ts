import { describe, expect, it } from 'vitest'
import { emptyMeta } from '../../../core/document/meta.js'
import { MLDocError } from '../../../core/errors.js'
import { frontMatterYaml, readFrontMatter } from '../../../core/markdown/front-matter.js'
import { exportMarkdown, importMarkdown } from '../../../core/markdown/index.js'
import { docOf, expectRoundTrip, para } from './helpers.js'

/** The error importing `text` throws (strict or not, bad front matter always throws). */
function importError(text: string, strict = false): MLDocError {
  try {
    importMarkdown(text, { source: 'docs/design.md', strict })
  } catch (error) {
    expect(error).toBeInstanceOf(MLDocError)
    return error as MLDocError
  }
  throw new Error('expected the import to fail')
}

describe('front matter', () => {
  it('is written with the canonical keys in order, in a fixed style', () => {
    const doc = docOf([para('Body')], {
      title: 'Churn: prediction',
      lang: 'uz',
      status: 'in-review',
      version: '1.0',
      authors: ['Ada Lovelace', 'null'],
      extra: { owner: 'ml-team', tags: ['churn', 'b2c'], reviewed: false },
    })
    expect(exportMarkdown(doc)).toBe(
      [
        '---',
        'title: "Churn: prediction"',
        'template: null',
        'lang: uz',
        'status: in-review',
        'version: "1.0"',
        'authors:',
        '  - Ada Lovelace',
        '  - "null"',
        'reviewers: []',
        'signoff: []',
        'owner: ml-team',
        'tags:',
        '  - churn',
        '  - b2c',
        'reviewed: false',
        '---',
        '',
        'Body',
        '',
      ].join('\n'),
    )
    expectRoundTrip(doc)
  })

  it('keeps unknown keys in their order, and reads keys in any order', () => {
    const { doc } = importMarkdown('---\nzeta: 1\nlang: uz\ntitle: T\nalpha: [x]\ntemplate: churn\n---\n\nText\n', { strict: true })
    expect(doc.meta).toEqual({ ...emptyMeta('uz'), title: 'T', template: 'churn', extra: { zeta: 1, alpha: ['x'] } })
    expect(exportMarkdown(doc)).toMatch(/^---\ntitle: T\ntemplate: churn\nlang: uz\nstatus: draft\nversion: "0\.1"\nauthors: \[\]\nreviewers: \[\]\nsignoff: \[\]\nzeta: 1\nalpha:\n  - x\n---\n/)
  })

  it('a file without front matter gets the defaults, and its first heading as the title when it is a level-1 heading; CRLF and a BOM are read as usual', () => {
    expect(importMarkdown('Text\n').doc.meta).toEqual(emptyMeta())
    const titled = importMarkdown('<!-- a note -->\n\n# Churn  *prediction*\n\nText\n\n# Second\n').doc
    expect(titled.meta).toEqual({ ...emptyMeta(), title: 'Churn prediction' })
    expect(titled.body.child(1).textContent).toBe('Churn  prediction')
    expect(importMarkdown('## Overview\n\n# Later\n').doc.meta.title).toBe('')
    expect(importMarkdown('---\nlang: en\n---\n\n# Title\n').doc.meta.title).toBe('')
    // Exported, the title goes into front matter and the heading stays: the file reads back the same.
    const markdown = exportMarkdown(titled)
    expect(markdown).toMatch(/^---\ntitle: Churn prediction\n/)
    expect(exportMarkdown(importMarkdown(markdown).doc)).toBe(markdown)
    const { doc } = importMarkdown('\uFEFF---\r\ntitle: Windows\r\n---\r\n\r\nLine one\r\nline two\r\n', { strict: true })
    expect(doc.meta.title).toBe('Windows')
    expect(doc.body.firstChild!.textContent).toBe('Line one line two')
  })

  it('bad YAML throws, naming the file and the line', () => {
    const error = importError('---\ntitle: ok\nauthors: [a, b\nlang: en\n---\n\nText\n')
    expect(error.kind).toBe('markdown')
    expect(error.source).toBe('docs/design.md')
    expect(error.line).toBeGreaterThanOrEqual(3)
    expect(error.line).toBeLessThanOrEqual(5)
    expect(error.message).toMatch(/^docs\/design\.md:\d+: front matter is not valid YAML/)
  })

  it('a duplicate key throws at its line', () => {
    const error = importError('---\ntitle: a\nstatus: draft\ntitle: b\n---\n')
    expect(error.line).toBe(4)
  })

  it('a bad value throws, naming the key and its line, strict or not', () => {
    for (const strict of [false, true]) {
      const lang = importError('---\ntitle: T\nlang: fr\n---\n\nText\n', strict)
      expect(lang).toMatchObject({ kind: 'markdown', source: 'docs/design.md', line: 3 })
      expect(lang.message).toBe('docs/design.md:3: front matter "lang" must be en or uz, not "fr"')
    }
    expect(importError('---\n\nstatus: done\n---\n')).toMatchObject({ line: 3, message: expect.stringContaining('"status" must be one of') })
    expect(importError('---\ntitle: T\nauthors:\n  name: Ada\n---\n')).toMatchObject({ line: 3, message: expect.stringContaining('"authors" must be a list of names') })
    expect(importError('---\ntitle:\n  - a\n---\n')).toMatchObject({ line: 2, message: expect.stringContaining('"title" must be a single value') })
  })

  it('front matter that is not a map throws', () => {
    expect(importError('---\n- a\n- b\n---\n')).toMatchObject({ line: 2, message: expect.stringContaining('must be a map') })
  })
})

describe('front matter holding markup', () => {
  it('writes strings with <, & or [ double-quoted with \\x3C, \\x26 and \\x5B, and reads them back', () => {
    const hostile = '<img src=x onerror=alert(1)> & [x](javascript:alert(1)) "q" \\'
    const meta = { ...emptyMeta(), title: hostile, authors: [hostile, 'Ann Lee'], extra: { note: hostile, [hostile]: 'x' } }
    const yaml = frontMatterYaml(meta)
    const quoted = '"\\x3Cimg src=x onerror=alert(1)> \\x26 \\x5Bx](javascript:alert(1)) \\"q\\" \\\\"'
    expect(yaml).toContain(`title: ${quoted}\n`)
    expect(yaml).toContain(`  - ${quoted}\n  - Ann Lee\n`)
    expect(yaml).toContain(`${quoted}: x`)
    expect(yaml).not.toMatch(/[<&[](?!\])/)
    expect(readFrontMatter(yaml, 2, 'x.md')).toEqual(meta)
  })

  it('writes other strings as before', () => {
    expect(frontMatterYaml({ ...emptyMeta(), title: 'Churn model: v2 > v1', version: '1.0', authors: ['Ann'] })).toBe(
      'title: "Churn model: v2 > v1"\ntemplate: null\nlang: en\nstatus: draft\nversion: "1.0"\nauthors:\n  - Ann\nreviewers: []\nsignoff: []',
    )
  })
})
