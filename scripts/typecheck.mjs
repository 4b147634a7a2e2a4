// Type-checks each layer with its own tsconfig, so each sees only its own globals:
// core/ has no DOM and no Node types, renderer/ has the DOM, electron/ and cli/ have Node.
import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const layers = ['core', 'node', 'cli', 'renderer', 'electron', 'test', 'bench']
let failed = false
for (const layer of layers) {
  const config = `${layer}/tsconfig.json`
  if (!existsSync(config)) continue
  const result = spawnSync(process.execPath, [tsc, '-p', config], { stdio: 'inherit' })
  console.log(`typecheck ${layer}: ${result.status === 0 ? 'ok' : 'FAILED'}`)
  if (result.status !== 0) failed = true
}
process.exit(failed ? 1 : 0)
