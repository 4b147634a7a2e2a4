import { exportMarkdown } from '../core/markdown/index.js'
import { mldocSchema } from '../core/schema/index.js'
import { GrowthBudget } from './harness/budget.js'
import type { Benchmark, BenchDocument } from './harness/context.js'
import { formatMs, formatPerUnit, formatRatio, median } from './harness/stats.js'
import { metCell, notRunRow, type ResultRow } from './harness/table.js'
import { timeInterleaved } from './harness/timing.js'
import { prosemirrorExport } from './peers/prosemirror-markdown.js'
import { tiptapExport, tiptapMarkdown } from './peers/tiptap-markdown.js'

const NAME = 'Markdown export (CPU time)'
const GOAL = '≤ 1.0x @tiptap/markdown'
/** Time per node at the largest size may be at most this multiple of the time per node at 1x. */
const LINEAR_SLACK = 1.5
/** One call of any contender may take this long; slower sizes are not run (see GrowthBudget). */
const BUDGET_MS = 30_000
const PEERS = { tiptap: '@tiptap/markdown', prosemirror: 'prosemirror-markdown (stock)' } as const

function cell(ms: number, document: BenchDocument): string {
  return `${formatMs(ms)} (${formatPerUnit(ms, document.nodes, 'node')})`
}

/**
 * Benchmark 1: `exportMarkdown` against `@tiptap/markdown` (what `editor.getMarkdown()` runs:
 * `serialize(doc.toJSON())`) and stock `prosemirror-markdown`, on the same content at every size.
 * Peers get structured blocks as their plain Markdown content (see documents/peer.ts).
 */
export const markdownExport: Benchmark = {
  id: 'export',
  async run(context) {
    const { runs, scales } = context.options
    const rows: ResultRow[] = []
    const tiptap = tiptapMarkdown()
    const budget = new GrowthBudget(BUDGET_MS)
    const perNode: { scale: number; ours: number; tiptap: number }[] = []
    for (const scale of scales) {
      const document = context.document(scale)
      const peerBody = mldocSchema().nodeFromJSON(document.peerJSON())
      context.log(`export ${document.label}: ${document.nodes} nodes`)
      const all = {
        ours: () => exportMarkdown(document.doc),
        tiptap: () => tiptapExport(tiptap, peerBody.toJSON()),
        prosemirror: () => prosemirrorExport(peerBody),
      }
      const refused = new Map<string, string>()
      for (const name of Object.keys(all)) {
        const reason = budget.refusal(name, scale, name === 'ours' ? 'exportMarkdown' : PEERS[name as keyof typeof PEERS])
        if (reason) refused.set(name, reason)
      }
      const samples: Partial<Record<keyof typeof all, number[]>> = timeInterleaved(Object.fromEntries(Object.entries(all).filter(([name]) => !refused.has(name))), runs)
      const medians = Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, median(list)])) as Partial<Record<keyof typeof all, number>>
      for (const [name, ms] of Object.entries(medians)) budget.record(name, scale, ms)
      const ours = medians.ours
      if (ours === undefined) {
        rows.push(notRunRow(NAME, document.label, GOAL, refused.get('ours')!))
        continue
      }
      for (const peer of ['tiptap', 'prosemirror'] as const) {
        const ms = medians[peer]
        rows.push({
          benchmark: NAME,
          size: document.label,
          ours: cell(ours, document),
          peer: ms === undefined ? `not run: ${refused.get(peer)}` : `${cell(ms, document)} ${PEERS[peer]}`,
          ratio: ms === undefined ? '—' : formatRatio(ours, ms),
          goal: peer === 'tiptap' ? GOAL : '— (reference)',
          met: peer === 'tiptap' && ms !== undefined ? metCell(ours <= ms) : '—',
        })
      }
      if (medians.tiptap !== undefined) perNode.push({ scale, ours: ours / document.nodes, tiptap: medians.tiptap / document.nodes })
    }
    if (perNode.length > 1) {
      const first = perNode[0]!
      const last = perNode[perNode.length - 1]!
      const growth = last.ours / first.ours
      rows.push({
        benchmark: 'Markdown export: time per node, largest vs smallest size',
        size: `${first.scale}x→${last.scale}x`,
        ours: `${growth.toFixed(2)}x`,
        peer: `${(last.tiptap / first.tiptap).toFixed(2)}x @tiptap/markdown`,
        ratio: '—',
        goal: `linear: ≤ ${LINEAR_SLACK}x`,
        met: metCell(growth <= LINEAR_SLACK),
      })
    }
    return rows
  },
}
