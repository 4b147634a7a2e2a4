// `npm test`: every check CI runs, in order: type-check each layer, build what the tests run
// (the CLI, the renderer), then the whole Vitest suite (unit, DOM, CLI processes, Chromium end to
// end, WebRTC in a network namespace). Ends with one plain line: "tests: N passed, N failed".
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'

function run(label, command, args) {
  console.log(`\n== ${label}`)
  const result = spawnSync(command, args, { stdio: 'inherit', shell: false })
  if (result.status !== 0) console.error(`\n${label} failed (exit ${result.status ?? result.signal})`)
  return result.status === 0
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
const report = 'test-results/vitest.json'
mkdirSync('test-results', { recursive: true })
// A report left by an earlier run must not be read as this one's when a step before the tests fails.
rmSync(report, { force: true })

const steps = [
  () => run('type-check every layer', process.execPath, ['scripts/typecheck.mjs']),
  () => run('build the CLI', process.execPath, ['scripts/build-cli.mjs']),
  () => run('build the renderer', npx, ['vite', 'build', '--logLevel', 'warn']),
  () => run('tests', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]),
]
let ok = true
for (const step of steps) {
  if (!step()) { ok = false; break }
}

try {
  const results = JSON.parse(readFileSync(report, 'utf8'))
  const skipped = results.numPendingTests + results.numTodoTests
  console.log(`\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`)
} catch {
  console.log('\ntests: 0 passed, 1 failed')
}
process.exit(ok ? 0 : 1)
