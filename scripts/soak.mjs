// `npm run soak`: the reliability suite (test/reliability) at the full counts:
// 10,000 convergence runs, 10,000 hostile updates, 1,000 killed saves, 100,000 export paths...
// (`npm test` runs the same tests at CI-sized counts). Sets MLDOC_SOAK=1, which
// test/reliability/counts.ts reads; MLDOC_SOAK_SEED=N starts the convergence seeds at N to
// explore new ones. A convergence seed that fails for a new reason is added to
// test/reliability/fixtures/convergence.json ("found"), so it is replayed from then on.
// Extra arguments go to Vitest, e.g. `npm run soak -- test/reliability/hostile-peer.test.ts`.
import { spawnSync } from 'node:child_process'

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
const args = process.argv.slice(2)
const targets = args.some((arg) => !arg.startsWith('-')) ? [] : ['test/reliability']
const result = spawnSync(npx, ['vitest', 'run', ...targets, '--reporter=default', ...args], {
  stdio: 'inherit',
  env: { ...process.env, MLDOC_SOAK: '1' },
})
process.exit(result.status ?? 1)
