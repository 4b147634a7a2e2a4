import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { bytesPerCharacter } from './bytes.js'
import { cliProcess } from './cli-process.js'
import { coldOpen } from './cold-open.js'
import { createContext, type Benchmark } from './harness/context.js'
import { BENCHMARK_IDS, parseBenchArgs, type BenchOptions } from './harness/options.js'
import { formatTable, notRunRow, type ResultRow } from './harness/table.js'
import { heapPeak } from './heap.js'
import { markdownExport } from './markdown-export.js'
import { markdownImport } from './markdown-import.js'
import { ROOT } from './paths.js'
import { remoteLatency } from './remote.js'
import { typingLatency } from './typing.js'

/** Every benchmark, in the order of {@link BENCHMARK_IDS}. */
const BENCHMARKS: readonly Benchmark[] = [markdownExport, markdownImport, typingLatency, coldOpen, remoteLatency, bytesPerCharacter, heapPeak, cliProcess]

/** The default results file. */
export const RESULTS_FILE = join(ROOT, 'bench/results/latest.md')

/** What a bench run produced. */
export interface BenchResult {
  readonly rows: readonly ResultRow[]
  /** The whole results file: heading, how it was run, the table. */
  readonly markdown: string
}

function describeRun(options: BenchOptions, started: Date, seconds: number, loadBefore: number): string {
  const cpu = cpus()
  return [
    `Run ${started.toISOString()} in ${seconds.toFixed(0)} s: Node ${process.versions.node}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end.`,
    `${options.quick ? 'Quick run' : 'Full run'}: sizes ${options.scales.map((s) => `${s}x`).join(', ')} (1x = ${options.sections} sections), median of ${options.runs} runs after a warm-up, ${options.keystrokes} keystrokes per latency figure${options.only ? `, only ${options.only.join(', ')}` : ''}.`,
    'How to read this table: bench/README.md.',
  ].join('\n')
}

/** Runs the chosen benchmarks and returns their rows and the results file text (without writing it). */
export async function runBench(options: BenchOptions, log: (message: string) => void): Promise<BenchResult> {
  const started = new Date()
  const loadBefore = loadavg()[0]!
  const context = createContext(options, log)
  const rows: ResultRow[] = []
  for (const benchmark of BENCHMARKS) {
    if (options.only && !options.only.includes(benchmark.id)) continue
    log(`== ${benchmark.id}`)
    try {
      rows.push(...(await benchmark.run(context)))
    } catch (error) {
      log(`${benchmark.id} failed: ${(error as Error).stack ?? String(error)}`)
      rows.push(notRunRow(benchmark.id, '—', '—', `failed: ${(error as Error).message.split('\n')[0]}`))
    }
  }
  const seconds = (Date.now() - started.getTime()) / 1000
  const markdown = `# MLDoc benchmarks\n\n${describeRun(options, started, seconds, loadBefore)}\n\n${formatTable(rows)}\n`
  return { rows, markdown }
}

/** `npm run bench -- [options]`: runs, prints the table to stdout and writes it to the results file. */
export async function main(args: readonly string[]): Promise<number> {
  let options: BenchOptions
  try {
    options = parseBenchArgs(args, RESULTS_FILE)
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`)
    return 2
  }
  const { markdown } = await runBench(options, (message) => process.stderr.write(`${message}\n`))
  mkdirSync(dirname(options.out), { recursive: true })
  writeFileSync(options.out, markdown)
  process.stdout.write(markdown)
  process.stderr.write(`written to ${options.out}\n`)
  return 0
}

export { BENCHMARK_IDS }
