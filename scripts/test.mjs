// `npm test`: every check CI runs, in order: type-check each layer, build what the tests run
// (the CLI, the renderer), then the whole Vitest suite (unit, DOM, CLI processes, Chromium end to end).
import { spawnSync } from 'node:child_process'

function run(label, command, args) {
  console.log(`\n== ${label}`)
  const result = spawnSync(command, args, { stdio: 'inherit', shell: false })
  if (result.status !== 0) {
    console.error(`\n${label} failed (exit ${result.status ?? result.signal})`)
    process.exit(result.status || 1)
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
run('type-check every layer', process.execPath, ['scripts/typecheck.mjs'])
run('build the CLI', process.execPath, ['scripts/build-cli.mjs'])
run('tests', npx, ['vitest', 'run', ...process.argv.slice(2)])
