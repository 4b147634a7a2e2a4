import { importMarkdown } from '../core/markdown/index.js'
import { mldocSchema } from '../core/schema/index.js'
import { GrowthBudget } from './harness/budget.js'
import type { Benchmark, BenchDocument } from './harness/context.js'
import { formatMs, formatPerUnit, formatRatio, median } from './harness/stats.js'
import { notRunRow, type ResultRow } from './harness/table.js'
import { timeInterleaved } from './harness/timing.js'
import { tiptapMarkdown } from './peers/tiptap-markdown.js'

const NAME = 'Markdown import (CPU time)'
/** One call of either contender may take this long; slower sizes are not run (see GrowthBudget). */
const BUDGET_MS = 60_000

/**
 * Our Markdown as a peer reads it: without the front matter and the `<!-- mldoc:... -->`
 * comments, which a peer has no use for (it would keep them as raw HTML). What is left is the
 * same visible content: headings, paragraphs, GFM tables, task lists, fences.
 */
export function plainMarkdown(markdown: string): string {
  return markdown.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/^<!-- mldoc:.* -->\n/gm, '')
}

function cell(ms: number, document: BenchDocument): string {
  return `${formatMs(ms)} (${formatPerUnit(ms, document.nodes, 'node')})`
}

/**
 * Benchmark 2: `importMarkdown` of our export against `@tiptap/markdown` parsing the same
 * Markdown into a ProseMirror document (`parse` then `nodeFromJSON`, what
 * `setContent(markdown, { contentType: 'markdown' })` does). No goal is set.
 */
export const markdownImport: Benchmark = {
  id: 'import',
  async run(context) {
    const rows: ResultRow[] = []
    const tiptap = tiptapMarkdown()
    const schema = mldocSchema()
    const budget = new GrowthBudget(BUDGET_MS)
    for (const scale of context.options.scales) {
      const document = context.document(scale)
      const markdown = document.markdown()
      const plain = plainMarkdown(markdown)
      context.log(`import ${document.label}: ${markdown.length} characters of Markdown`)
      const oursRefused = budget.refusal('ours', scale, 'importMarkdown')
      const peerRefused = budget.refusal('tiptap', scale, '@tiptap/markdown')
      if (oursRefused) {
        rows.push(notRunRow(NAME, document.label, '—', oursRefused))
        continue
      }
      const contenders: Record<string, () => unknown> = { ours: () => importMarkdown(markdown) }
      if (!peerRefused) contenders.tiptap = () => schema.nodeFromJSON(tiptap.parse(plain))
      const samples = timeInterleaved(contenders, context.options.runs) as { ours: number[]; tiptap?: number[] }
      const ours = median(samples.ours)
      budget.record('ours', scale, ours)
      const peer = samples.tiptap ? median(samples.tiptap) : null
      if (peer !== null) budget.record('tiptap', scale, peer)
      rows.push({
        benchmark: NAME,
        size: document.label,
        ours: cell(ours, document),
        peer: peer === null ? `not run: ${peerRefused}` : `${cell(peer, document)} @tiptap/markdown`,
        ratio: peer === null ? '—' : formatRatio(ours, peer),
        goal: '—',
        met: '—',
      })
    }
    return rows
  },
}
