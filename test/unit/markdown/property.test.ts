import type { Node as PMNode } from '@tiptap/pm/model'
import fc from 'fast-check'
import type { Root } from 'mdast'
import { describe, expect, it } from 'vitest'
import { exportMarkdown, importMarkdown } from '../../../core/markdown/index.js'
import { linkLiterals } from '../../../core/markdown/syntax.js'
import { cellCodeWithEscapedPipe } from '../../../core/markdown/table.js'
import { documentArb, wildDocumentArb } from './arbitraries.js'
import { propertyRuns } from './property-runs.js'

/** Whether plain (unlinked) text of the body contains something GFM reads as a link (`www.x.y`, `a@b.co`). */
function hasLiteralLink(body: PMNode): boolean {
  let found = false
  body.descendants((node) => {
    if (found || !node.isText || node.marks.some((m) => m.type.name === 'link' || m.type.name === 'code')) return
    const root: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: node.text! }] }] }
    linkLiterals(root)
    found = JSON.stringify(root).includes('"link"')
  })
  return found
}

/*
 * On failure fast-check prints the seed and the shrunk counterexample (`{ seed, path }`); rerun
 * with `fc.assert(..., { seed, path })`, fix, and keep the counterexample in regressions.test.ts.
 * Fixed seeds in `npm test`, new ones under soak (property-runs.ts). The timeouts allow for a
 * loaded machine: the runs take about 10 s of CPU.
 */
describe('Markdown round trip of random documents', () => {
  it('export(import(export(doc))) is byte-identical, and a normal document comes back equal', () => {
    let compared = 0
    fc.assert(
      fc.property(documentArb, (doc) => {
        const markdown = exportMarkdown(doc)
        const { doc: back, warnings } = importMarkdown(markdown, { source: 'random.md', strict: true })
        expect(warnings).toEqual([])
        expect(exportMarkdown(back)).toBe(markdown)
        expect(back.meta).toEqual(doc.meta)
        // Plain text GFM autolinks (www.x.y) come back as links, as GitHub shows them: not a normal document.
        if (hasLiteralLink(doc.body)) return
        // Code in a cell with a pipe after an odd run of backslashes loses one (FORMAT.md, Tables).
        if (cellCodeWithEscapedPipe(doc.body) !== null) return
        compared++
        if (!back.body.eq(doc.body)) expect(back.body.toJSON()).toEqual(doc.body.toJSON())
      }),
      propertyRuns(1000, 20261126),
    )
    expect(compared).toBeGreaterThan(500)
  }, 120_000)

  it('export is canonical for documents outside the normal form: export(import(export(doc))) is byte-identical', () => {
    fc.assert(
      fc.property(wildDocumentArb, (doc) => {
        const markdown = exportMarkdown(doc)
        const { doc: back, warnings } = importMarkdown(markdown, { source: 'wild.md', strict: true })
        expect(warnings).toEqual([])
        expect(exportMarkdown(back)).toBe(markdown)
      }),
      propertyRuns(300, 20261127),
    )
  }, 120_000)
})
