// `npm run bench`: bundles the benchmarks (bench/main.ts, TypeScript importing core/) with
// esbuild into node_modules/.cache/mldoc-bench/, then runs them in a child Node with
// --expose-gc (every timed call starts after a full collection) and room for the 8x documents.
// Arguments go through: npm run bench -- --quick --only export,import
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const outfile = join(root, 'node_modules/.cache/mldoc-bench/bench.mjs')

await build({
  absWorkingDir: root,
  entryPoints: ['bench/entry.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
})

const result = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=12288', '--enable-source-maps', outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root })
process.exit(result.status ?? 1)
