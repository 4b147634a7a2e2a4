/** How a bench run is configured: `npm run bench -- [--quick] [--only a,b] [--runs N] [--out FILE]`. */
export interface BenchOptions {
  /** A fast partial run: fewer sizes and runs. */
  readonly quick: boolean
  /** Measured runs per figure (after one warm-up run); every figure is their median. */
  readonly runs: number
  /** Document sizes, as multiples of the base counts. */
  readonly scales: readonly number[]
  /** Sections per 1x document (100 gives the base counts; the smoke test uses a handful). */
  readonly sections: number
  /** Keystrokes per typing and remote-latency measurement. */
  readonly keystrokes: number
  /** Quiet time after an editor opens before typing starts or the heap is read, ms. */
  readonly settleMs: number
  /** Benchmark ids to run (all when null). */
  readonly only: readonly string[] | null
  /** Where the Markdown table is written. */
  readonly out: string
}

/** The ids of the benchmarks, in the order they run and print. */
export const BENCHMARK_IDS = ['export', 'import', 'typing', 'open', 'remote', 'bytes', 'heap', 'cli'] as const
/** Id of one benchmark. */
export type BenchmarkId = (typeof BENCHMARK_IDS)[number]

const USAGE = `Usage: npm run bench -- [--quick] [--only ${BENCHMARK_IDS.join(',')}] [--runs N] [--out FILE]

  --quick        1x and 2x only, 3 runs per figure (a few minutes)
  --only IDS     run only these benchmarks (comma-separated)
  --runs N       measured runs per figure (default 5, quick 3)
  --out FILE     write the table here (default bench/results/latest.md)`

/** Reads the command line; throws with the usage on anything it does not know. */
export function parseBenchArgs(args: readonly string[], defaultOut: string): BenchOptions {
  let quick = false
  let runs: number | null = null
  let only: string[] | null = null
  let out = defaultOut
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const value = () => {
      const next = args[++i]
      if (next === undefined) throw new Error(`${arg} needs a value\n\n${USAGE}`)
      return next
    }
    if (arg === '--quick') quick = true
    else if (arg === '--runs') {
      runs = Number(value())
      if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number\n\n${USAGE}`)
    } else if (arg === '--only') {
      only = value().split(',').map((id) => id.trim()).filter(Boolean)
      const unknown = only.filter((id) => !(BENCHMARK_IDS as readonly string[]).includes(id))
      if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}\n\n${USAGE}`)
    } else if (arg === '--out') out = value()
    else if (arg === '--help' || arg === '-h') throw new Error(USAGE)
    else throw new Error(`unknown option ${arg}\n\n${USAGE}`)
  }
  return {
    quick,
    runs: runs ?? (quick ? 3 : 5),
    scales: quick ? [1, 2] : [1, 2, 4, 8],
    sections: 100,
    keystrokes: 240,
    settleMs: 3000,
    only,
    out,
  }
}
