import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Benchmark } from './harness/context.js'
import { formatMs, formatRatio, median } from './harness/stats.js'
import { notRunRow, type ResultRow } from './harness/table.js'
import { ROOT } from './paths.js'

const MLDOC = join(ROOT, 'bin/mldoc.js')
const CLI_BUNDLE = join(ROOT, 'dist/cli/mldoc.js')

/** Wall time of one whole process, in ms; throws with its stderr when it exits with an unexpected status. */
function timeProcess(args: readonly string[], okStatuses: readonly number[]): number {
  const start = performance.now()
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  const ms = performance.now() - start
  if (result.status === null || !okStatuses.includes(result.status)) {
    throw new Error(`node ${args.join(' ')} exited with ${result.status ?? result.signal}: ${result.stderr.slice(0, 500)}`)
  }
  return ms
}

/**
 * Benchmark 8: `mldoc export` and `mldoc lint` of the 1x `.mldoc` file as whole processes
 * (Node start, loading the CLI, reading, checking and writing included), against `node -e ''`,
 * the floor every Node command pays. Runs interleave so machine load hits all alike.
 */
export const cliProcess: Benchmark = {
  id: 'cli',
  async run(context) {
    const document = context.document(1)
    const names = ['mldoc export', 'mldoc lint']
    if (!existsSync(CLI_BUNDLE)) return names.map((name) => notRunRow(name, document.label, '—', 'dist/cli/mldoc.js is not built (npm run build:cli)'))
    const dir = mkdtempSync(join(tmpdir(), 'mldoc-bench-cli-'))
    try {
      const file = join(dir, `bench-${document.label}.mldoc`)
      writeFileSync(file, document.mldocFile())
      const commands: Record<string, { args: string[]; ok: number[] }> = {
        floor: { args: ['-e', ''], ok: [0] },
        'mldoc export': { args: [MLDOC, 'export', file, '-o', join(dir, 'out.md')], ok: [0] },
        // 1: the generated document has lint errors (unfinished sections...), which is the point.
        'mldoc lint': { args: [MLDOC, 'lint', file], ok: [0, 1] },
      }
      const samples: Record<string, number[]> = { floor: [], 'mldoc export': [], 'mldoc lint': [] }
      const order = Object.keys(commands)
      for (const name of order) timeProcess(commands[name]!.args, commands[name]!.ok)
      for (let round = 0; round < context.options.runs; round++) {
        for (let i = 0; i < order.length; i++) {
          const name = order[(round + i) % order.length]!
          samples[name]!.push(timeProcess(commands[name]!.args, commands[name]!.ok))
        }
      }
      const floor = median(samples.floor!)
      return names.map((name): ResultRow => {
        const ms = median(samples[name]!)
        return {
          benchmark: `${name} (whole process)`,
          size: document.label,
          ours: formatMs(ms),
          peer: `${formatMs(floor)} node -e ''`,
          ratio: formatRatio(ms, floor),
          goal: '—',
          met: '—',
        }
      })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  },
}
