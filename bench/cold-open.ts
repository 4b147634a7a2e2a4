import { openSessions } from './browser/open-sessions.js'
import type { Benchmark } from './harness/context.js'
import { formatMs, formatRatio, median } from './harness/stats.js'
import { metCell, notRunRow } from './harness/table.js'

const NAME = 'Cold open, .mldoc to editable editor'
const GOAL = '≤ 1.2x bare Tiptap'

/**
 * Benchmark 4: from navigation start to the first frame showing the whole 1x document editable,
 * in a fresh Chromium: our app (load, host call, decode, bind, block views, panels) against a
 * bare Tiptap mount of the same file's content.
 */
export const coldOpen: Benchmark = {
  id: 'open',
  async run(context) {
    const size = context.document(1).label
    const sessions = await openSessions(context)
    if ('notRun' in sessions) return [notRunRow(NAME, size, GOAL, sessions.notRun)]
    const ours = median(sessions.ours.map((s) => s.editableMs))
    const bare = median(sessions.bare.map((s) => s.editableMs))
    return [{
      benchmark: NAME,
      size,
      ours: formatMs(ours),
      peer: `${formatMs(bare)} bare Tiptap`,
      ratio: formatRatio(ours, bare),
      goal: GOAL,
      met: metCell(ours <= 1.2 * bare),
    }]
  },
}
