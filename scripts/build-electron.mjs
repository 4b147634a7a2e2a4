// Bundles the Electron shell into dist/electron/: main.cjs (Node, `electron` left to the runtime)
// and preload.cjs (a single sandbox-compatible file: it may require only `electron`).
// package.json's "main" points at dist/electron/main.cjs; electron-builder packages dist/**.
import { build } from 'esbuild'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outdir = join(root, 'dist', 'electron')

/** Options both bundles share: CommonJS for Electron 45's Node 22, deterministic output. */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node22',
  external: ['electron'],
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  sourcemap: false,
  logLevel: 'warning',
  // node/templates.ts reads import.meta.url only where __dirname is missing, never in this CommonJS bundle.
  logOverride: { 'empty-import-meta': 'silent' },
  absWorkingDir: root,
}

await Promise.all([
  build({ ...common, entryPoints: [join(root, 'electron/main/main.ts')], outfile: join(outdir, 'main.cjs') }),
  build({ ...common, entryPoints: [join(root, 'electron/preload/preload.ts')], outfile: join(outdir, 'preload.cjs') }),
])
console.log('electron: dist/electron/main.cjs, dist/electron/preload.cjs')
