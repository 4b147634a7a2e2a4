/**
 * How many trials a reliability test runs: a CI-sized count in `npm test`, the full count under
 * `npm run soak` (which sets `MLDOC_SOAK=1`). A test states both, so its figures can be read
 * beside the numbers.
 */

/** Whether this run is a soak run (full counts). */
export const SOAK = process.env.MLDOC_SOAK === '1'

/** The number of trials: `full` under soak, `ci` otherwise. */
export function trials(ci: number, full: number): number {
  return SOAK ? full : ci
}

/** Time budget of a test that runs `count` trials of about `msEach` milliseconds, with slack for a loaded machine. */
export function budget(count: number, msEach: number): number {
  return Math.max(60_000, count * msEach * 3)
}
