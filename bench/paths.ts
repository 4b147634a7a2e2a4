import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json')
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'mldoc') return dir
    if (dirname(dir) === dir) throw new Error(`cannot find the MLDoc package above ${start}`)
  }
}

/** The repository root, found from this module whether it runs from source or from the bench bundle. */
export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)))
/** Where bench builds go (bundled pages, the bench itself): ignored by git with node_modules. */
export const CACHE_DIR = join(ROOT, 'node_modules/.cache/mldoc-bench')
