// Bundles the `mldoc` command line (cli/main.ts, with core/ and node/) into dist/cli/mldoc.js.
// Each command is its own chunk (dist/cli/chunks/), loaded when that command runs, so
// `mldoc --help` or `mldoc signal` does not load the editor schema. Packages stay external: they
// are installed in node_modules next to the bundle. dist/cli/meta.json lists the bundled sources
// (test/cli rebuilds when one is newer than the bundle). bin/mldoc.js runs the bundle.
// Runs in `npm test` and as `prepare`, so `npm install` builds it.
//
// Every file is written to a temporary name and renamed into place, chunks (named by their
// content hash) before the entry that imports them: an `mldoc` process started during a rebuild
// sees the old build or the new one, never a mix or a half-written file.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const outdir = join(root, 'dist/cli')
const entry = join(outdir, 'mldoc.js')
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

const { metafile, outputFiles } = await build({
  absWorkingDir: root,
  entryPoints: { mldoc: 'cli/main.ts' },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  metafile: true,
  write: false,
  define: { MLDOC_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
})

function writeAtomic(path, contents) {
  mkdirSync(dirname(path), { recursive: true })
  const temp = `${path}.${process.pid}.tmp`
  writeFileSync(temp, contents)
  renameSync(temp, path)
}

const isEntry = (path) => path === entry || path === `${entry}.map`
for (const file of outputFiles.filter((f) => !isEntry(f.path))) writeAtomic(file.path, file.contents)
for (const file of outputFiles.filter((f) => isEntry(f.path))) writeAtomic(file.path, file.contents)
writeAtomic(join(outdir, 'meta.json'), `${JSON.stringify({ inputs: Object.keys(metafile.inputs).sort() }, null, 2)}\n`)

// Chunks of earlier builds are no longer imported by the entry: remove them.
const current = new Set(outputFiles.map((f) => relative(outdir, f.path)))
for (const name of readdirSync(join(outdir, 'chunks'))) {
  if (!current.has(`chunks/${name}`)) rmSync(join(outdir, 'chunks', name), { force: true })
}
console.log('built dist/cli/mldoc.js')
