import { openSessions } from './browser/open-sessions.js'
import type { Benchmark } from './harness/context.js'
import { formatBytes, formatRatio, median } from './harness/stats.js'
import { notRunRow, type ResultRow } from './harness/table.js'

/**
 * Benchmark 7: the renderer's JS heap with the 1x document open (`performance.memory` with
 * --enable-precise-memory-info, sampled every 10 ms and every frame): the peak from navigation
 * until the settle time (3 s) after the editor is editable, and what stays after a full garbage collection.
 * Ours against a bare Tiptap mount of the same content; no goal is set.
 */
export const heapPeak: Benchmark = {
  id: 'heap',
  async run(context) {
    const size = context.document(1).label
    const sessions = await openSessions(context)
    const names = ['Peak renderer JS heap', 'Renderer JS heap after GC']
    if ('notRun' in sessions) return names.map((name) => notRunRow(name, size, '—', sessions.notRun))
    const row = (name: string, key: 'peakHeap' | 'retainedHeap'): ResultRow => {
      const ours = median(sessions.ours.map((s) => s[key]))
      const bare = median(sessions.bare.map((s) => s[key]))
      return { benchmark: name, size, ours: formatBytes(ours), peer: `${formatBytes(bare)} bare Tiptap`, ratio: formatRatio(ours, bare), goal: '—', met: '—' }
    }
    return [row(names[0]!, 'peakHeap'), row(names[1]!, 'retainedHeap')]
  },
}
