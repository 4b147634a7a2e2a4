/** Runs a full garbage collection when Node was started with --expose-gc (bench/run.mjs does). */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
}

/** CPU time (user + system) this process has used, in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/**
 * Times several contenders on the same input in the same process: one warm-up call each, then
 * `runs` rounds in which every contender runs once, the order rotating each round so none
 * always runs first (or right after another's garbage). A full GC precedes every timed call.
 * Each sample is the CPU time the call used (user + system, GC threads included), not the wall
 * time: on a machine shared with other work, time spent waiting for a core is not the code's.
 * Returns each contender's samples in milliseconds.
 */
export function timeInterleaved<K extends string>(contenders: Readonly<Record<K, () => unknown>>, runs: number): Record<K, number[]> {
  const names = Object.keys(contenders) as K[]
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>
  for (const name of names) contenders[name]()
  for (let round = 0; round < runs; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length]!
      collectGarbage()
      const start = cpuMs()
      contenders[name]()
      samples[name].push(cpuMs() - start)
    }
  }
  return samples
}
