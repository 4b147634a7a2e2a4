import type { Parameters } from 'fast-check'
import { SOAK } from '../../reliability/counts.js'

/**
 * fast-check parameters of the Markdown property tests. `npm test` runs them on fixed seeds, so
 * CI gives the same verdict on the same code (random seeds there twice failed a submission on a
 * case no earlier run had drawn). `npm run soak -- test/unit/markdown` draws new seeds on every
 * run, to find new cases; fast-check prints the seed and path of a failure, and the
 * counterexample is then kept in regressions.test.ts.
 */
export function propertyRuns<T>(numRuns: number, seed: number): Parameters<T> {
  return SOAK ? { numRuns } : { numRuns, seed }
}
