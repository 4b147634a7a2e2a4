import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { budget, SOAK, trials } from '../counts.js'
import { convergenceRun, type RunReport } from './peers.js'

/**
 * Item 1 of the reliability issue, shared by the convergence test files (each runs one shard of
 * the seeds, so the two cores share the work): seeded runs of four peers editing through the real
 * editor over a misbehaving network must converge. Seeds 1..N run in CI (300) and under soak
 * (10,000, or from `MLDOC_SOAK_SEED` on to explore new ones).
 */

const FIXTURES = join(import.meta.dirname, '../fixtures/convergence.json')

interface KnownBug {
  readonly id: string
  readonly pattern: string
  readonly seed: number
  readonly owner: string
  readonly summary: string
}

interface Fixtures {
  readonly regressions: number[]
  readonly knownBugs: KnownBug[]
  found: number[]
}

function fixtures(): Fixtures {
  return JSON.parse(readFileSync(FIXTURES, 'utf8')) as Fixtures
}

/** Keeps a new failing seed in the fixtures (soak runs only: CI never writes into the checkout). */
function keep(seed: number): void {
  const current = fixtures()
  if (current.found.includes(seed) || current.regressions.includes(seed)) return
  current.found.push(seed)
  writeFileSync(FIXTURES, `${JSON.stringify(current, null, 2)}\n`)
}

const COUNT = trials(300, 10_000)
const FIRST = Number(process.env.MLDOC_SOAK_SEED ?? 1)
/** Milliseconds one run takes on an unloaded core, for the time budget. */
const RUN_MS = 500

function describeRun(report: RunReport): string {
  return `seed ${report.seed}: ${report.failure}\n  replay: convergenceRun(${report.seed}) in test/reliability/convergence/peers.ts\n  edits:\n    ${report.trace.join('\n    ')}`
}

/** Registers the tests of shard `shard` (0-based) of `shards`. */
export function convergenceSweep(shard: number, shards: number): void {
  const { regressions, knownBugs, found } = fixtures()
  const known = knownBugs.map((bug) => ({ ...bug, regex: new RegExp(bug.pattern) }))

  describe(`four peers converge (shard ${shard + 1} of ${shards})`, () => {
    if (shard === 0) {
      it.skipIf(regressions.length + found.length === 0)('on every seed kept from earlier failures', async () => {
        for (const seed of [...regressions, ...found]) {
          const report = await convergenceRun(seed)
          expect(report.failure, describeRun(report)).toBeNull()
        }
      }, budget(regressions.length + found.length, RUN_MS))

      it.each(known)('known bug $id still shows on seed $seed (reported to $owner); once fixed, move the seed to regressions', async (bug) => {
        const report = await convergenceRun(bug.seed)
        expect(report.failure ?? 'converged').toMatch(bug.regex)
      }, budget(1, RUN_MS))
    }

    const seeds = Array.from({ length: COUNT }, (_, i) => FIRST + i).filter((seed) => seed % shards === shard)
    it(`on ${seeds.length} seeded runs of random edits, reordered, duplicated and delayed messages and partitions${SOAK ? ' (soak)' : ''}`, async () => {
      const byBug = new Map<string, number[]>()
      const unknown: RunReport[] = []
      let edits = 0
      let delivered = 0
      let duplicated = 0
      let partitions = 0
      const warn = console.warn
      // Tiptap's link extension warns about linkify on every editor it creates.
      console.warn = () => undefined
      try {
        for (const seed of seeds) {
          const report = await convergenceRun(seed)
          edits += report.edits
          delivered += report.delivered
          duplicated += report.duplicated
          partitions += report.partitions
          if (report.failure === null) continue
          const bug = known.find((b) => b.regex.test(report.failure!))
          if (bug) {
            byBug.set(bug.id, [...(byBug.get(bug.id) ?? []), seed])
            continue
          }
          unknown.push(report)
          console.error(`convergence failure, ${describeRun(report)}`)
          if (SOAK) keep(seed)
        }
      } finally {
        console.warn = warn
      }
      const knownLines = [...byBug].map(([id, list]) => `${id} on ${list.length} (e.g. ${list.slice(0, 5).join(', ')})`)
      console.log(
        `convergence shard ${shard + 1}/${shards}: ${seeds.length} runs, ${edits} edits, ${delivered} deliveries (${duplicated} duplicated), ${partitions} partitions; ` +
          `${seeds.length - unknown.length - [...byBug.values()].flat().length} converged, ${unknown.length} new failures; known bugs: ${knownLines.join('; ') || 'none'}`,
      )
      expect(unknown.map((r) => `seed ${r.seed}: ${r.failure}`)).toEqual([])
    }, budget(seeds.length, RUN_MS))
  })
}
