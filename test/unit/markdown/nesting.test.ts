import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import fc from 'fast-check'
import type { Nodes } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { describe, expect, it } from 'vitest'
import { MLDocError } from '../../../core/errors.js'
import { importMarkdown } from '../../../core/markdown/index.js'
import { checkNesting, deepestNesting, MAX_NESTING } from '../../../core/markdown/nesting.js'
import { FROM_MARKDOWN_EXTENSIONS, MICROMARK_EXTENSIONS } from '../../../core/markdown/syntax.js'
import { corpusFiles } from './corpus-files.js'

const ROOT = resolve(import.meta.dirname, '../../..')

/** How deep block quotes and list items nest in the tree the Markdown parser makes of `text`. */
function parsedDepth(text: string): number {
  const tree = fromMarkdown(text, { extensions: MICROMARK_EXTENSIONS, mdastExtensions: FROM_MARKDOWN_EXTENSIONS })
  let deepest = 0
  const stack: [Nodes, number][] = [[tree, 0]]
  while (stack.length) {
    const [node, above] = stack.pop()!
    const depth = above + (node.type === 'blockquote' || node.type === 'listItem' ? 1 : 0)
    deepest = Math.max(deepest, depth)
    if ('children' in node) for (const child of node.children) stack.push([child as Nodes, depth])
  }
  return deepest
}

/** Every template and every document of the shared corpus. */
function realDocuments(): string[] {
  const templates = join(ROOT, 'templates')
  const files = readdirSync(templates).flatMap((id) => readdirSync(join(templates, id)).filter((f) => f.endsWith('.md')).map((f) => join(templates, id, f)))
  return [...files, ...corpusFiles()]
}


describe('nesting of block quotes and list items', () => {
  it('counts the quote markers, list markers and indentation in front of each line', () => {
    const exact: [string, number][] = [
      ['plain text\n', 0],
      ['> > quoted twice\n', 2],
      ['>>> no spaces\n', 3],
      ['- - - x\n', 3],
      ['1. > - x\n', 3],
      ['10) + > x\n', 3],
      ['- a\n  - b\n    - c\n      - d\n', 4],
      ['- a\n\n  - b\n\n    > c\n', 3],
      ['- a\n  - b\nlazy text\n    - c\n', 3],
      ['> - a\n>   - b\n>     > c\n', 4],
      ['- - -\n', 0],
      ['* * *\n', 0],
      ['- a\n- b\n- c\n', 1],
      ['-     indented code after the marker: - - -\n', 1],
      ['- ```\n  code\n                                                  wide diagram\n  ```\n', 1],
      ['---\nauthors:\n  - - - - yaml\n---\n\n> x\n', 1],
    ]
    for (const [text, depth] of exact) {
      expect(deepestNesting(text).depth, JSON.stringify(text)).toBe(depth)
      expect(parsedDepth(text), `the parser on ${JSON.stringify(text)}`).toBe(depth)
    }
    // Where a line only looks nested, the count is deeper than the parser's, never shallower.
    const deeper: [string, number, number][] = [
      ['    > > > indented code\n', 5, 0],
      ['```\n> > > > in a fence\n```\n', 4, 0],
      ['1. a\n   1. b\n      1. c\n', 4, 3],
      ['-\tx\n\t- y\n', 3, 2],
    ]
    for (const [text, depth, parsed] of deeper) {
      expect(deepestNesting(text).depth, JSON.stringify(text)).toBe(depth)
      expect(parsedDepth(text), `the parser on ${JSON.stringify(text)}`).toBe(parsed)
    }
    expect(deepestNesting('# Title\n\nText\n\n- a\n  - b\n')).toEqual({ depth: 2, line: 6 })
  })

  it('never counts shallower than the parser nests, on generated Markdown without fenced code', () => {
    const marker = fc.constantFrom('- ', '* ', '+ ', '1. ', '10) ', '> ', '>', '-   ', '1.\t', '>\t', '-')
    const line = fc.oneof(
      { weight: 4, arbitrary: fc.tuple(fc.constantFrom('', ' ', '  ', '   ', '    ', '      ', '\t', '>', '> '), fc.array(marker, { maxLength: 4 }), fc.constantFrom('text', '', '# h', '---', '- - -', 'x y', '<div>', '<!--')).map(([lead, markers, rest]) => lead + markers.join('') + rest) },
      { weight: 1, arbitrary: fc.constantFrom('', 'lazy text', '    code', '-->') },
    )
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 25 }), (lines) => {
        const text = lines.join('\n')
        expect(deepestNesting(text).depth).toBeGreaterThanOrEqual(parsedDepth(text))
      }),
      { numRuns: 500, seed: 20261126 },
    )
  })

  it('finds the templates and the shared corpus nest at most 2 deep, far below the limit', () => {
    const documents = realDocuments()
    expect(documents.length).toBeGreaterThan(8)
    for (const path of documents) {
      const text = readFileSync(path, 'utf8')
      expect(deepestNesting(text).depth, path).toBeLessThanOrEqual(2)
      expect(deepestNesting(text).depth, path).toBeGreaterThanOrEqual(parsedDepth(text))
    }
  })
})

describe('the nesting limit on import', () => {
  const deep = (unit: string, levels: number) => `# Deep\n\n${unit.repeat(levels)}the bottom\n`

  it(`imports ${MAX_NESTING} levels of each kind of container`, () => {
    for (const unit of ['> ', '- ', '1. ', '> - ']) {
      const levels = unit === '> - ' ? MAX_NESTING / 2 : MAX_NESTING
      const { doc } = importMarkdown(deep(unit, levels), { strict: true })
      let depth = 0
      doc.body.descendants((node, pos) => {
        if (node.isText && node.text === 'the bottom') depth = doc.body.resolve(pos).depth
      })
      // Each level is a blockquote, or a list and its item; the text sits in a paragraph.
      expect(depth, unit).toBe(unit === '> ' ? MAX_NESTING + 1 : 2 * MAX_NESTING + (unit === '> - ' ? -MAX_NESTING / 2 : 0) + 1)
    }
  })

  it(`refuses ${MAX_NESTING + 1} levels, and 10,000, quickly and naming the line`, () => {
    for (const unit of ['> ', '- ', '1. ', '> - ', '>']) {
      for (const levels of [MAX_NESTING + 1, 10_000]) {
        const started = performance.now()
        let error: unknown
        try {
          importMarkdown(deep(unit, levels), { source: 'deep.md' })
        } catch (caught) {
          error = caught
        }
        expect(error, `${unit} × ${levels}`).toBeInstanceOf(MLDocError)
        expect((error as MLDocError).message).toBe(`deep.md:3: nesting deeper than ${MAX_NESTING} levels (block quotes and list items inside one another); MLDoc imports up to ${MAX_NESTING}`)
        expect((error as MLDocError).line).toBe(3)
        expect(performance.now() - started, `${unit} × ${levels}`).toBeLessThan(1000)
      }
    }
  })

  it('refuses nesting built up over many lines, by indentation or with lazy lines between', () => {
    const indented = Array.from({ length: 150 }, (_, i) => `${' '.repeat(2 * i)}- level ${i + 1}`).join('\n')
    expect(() => checkNesting(indented, 'indented.md')).toThrow(/^indented\.md:101: nesting deeper than 100 levels/)
    const lazy = Array.from({ length: 150 }, (_, i) => `${' '.repeat(2 * i)}- level ${i + 1}\nlazy text`).join('\n')
    expect(() => checkNesting(lazy, 'lazy.md')).toThrow(/^lazy\.md:201: nesting deeper/)
    const quotes = Array.from({ length: 150 }, (_, i) => `${'> '.repeat(i + 1)}level ${i + 1}`).join('\n')
    expect(() => checkNesting(quotes, 'quotes.md')).toThrow(/^quotes\.md:101: nesting deeper/)
    expect(parsedDepth(indented.split('\n').slice(0, 100).join('\n'))).toBe(100)
    expect(() => checkNesting(indented.split('\n').slice(0, 100).join('\n'))).not.toThrow()
  })
})
