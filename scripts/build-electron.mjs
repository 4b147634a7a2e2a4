// Bundles the Electron shell into dist/electron/: main.cjs (Node, `electron` left to the runtime)
// and preload.cjs (a single sandbox-compatible file: it may require only `electron`).
// package.json's "main" points at dist/electron/main.cjs; electron-builder packages dist/**.
import { build } from 'esbuild'
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outdir = join(root, 'dist', 'electron')

/**
 * ws (in the signaling server main can run) tries the optional native add-ons bufferutil and
 * utf-8-validate and uses its own JavaScript when they are missing. The package ships no
 * node_modules, so they are left out: requiring them throws, as when they are not installed.
 */
const optionalAddonsLeftOut = {
  name: 'optional-addons-left-out',
  setup(build) {
    build.onResolve({ filter: /^(bufferutil|utf-8-validate)$/ }, (args) => ({ path: args.path, namespace: 'left-out' }))
    build.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({ contents: `throw new Error(${JSON.stringify(`${args.path} is not bundled`)})`, loader: 'js' }))
  },
}

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
  write: false,
  plugins: [optionalAddonsLeftOut],
}

/**
 * Bundles one entry and puts it in place with a rename, so a reader (a test, or another build
 * running at the same time) sees the old file or the new one, never half of one.
 */
async function bundle(entry, name) {
  const outfile = join(outdir, name)
  const { outputFiles } = await build({ ...common, entryPoints: [join(root, entry)], outfile })
  mkdirSync(outdir, { recursive: true })
  for (const file of outputFiles) {
    const temp = `${file.path}.${process.pid}.tmp`
    writeFileSync(temp, file.contents)
    renameSync(temp, file.path)
  }
}

await Promise.all([bundle('electron/main/main.ts', 'main.cjs'), bundle('electron/preload/preload.ts', 'preload.cjs')])
console.log('electron: dist/electron/main.cjs, dist/electron/preload.cjs')
