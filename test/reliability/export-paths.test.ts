import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { lstat, mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emptyMeta } from '../../core/document/meta.js'
import { MLDocError } from '../../core/errors.js'
import { mldocSchema } from '../../core/schema/index.js'
import { writeFileAtomic } from '../../node/files.js'
import { defaultDesignDocPath, exportToRepository } from '../../node/repo/index.js'
import { insidePath, makeFolders } from '../../node/repo/paths.js'
import { seededRandom } from '../collab/fixtures.js'
import { budget, SOAK, trials } from './counts.js'

/**
 * Item 6 of the reliability issue: export paths. Fuzzed paths (and titles, which name the
 * default path) go through the repository export's path guard (`insidePath`, `makeFolders`, then
 * `writeFileAtomic`, the steps `exportToRepository` takes) into a real folder that holds a `.git`
 * folder, a folder outside it, and symbolic links planted to lead out (to a folder, to a file,
 * into .git, in a loop). Every accepted path must be written inside the folder, never under .git,
 * never through a link; everything refused must be an MLDocError; outside and .git stay as they were.
 */

const TRIALS = trials(5_000, 100_000)
/** Of them, how many go through the whole `exportToRepository` (git and all). */
const FULL_EXPORTS = trials(100, 1_000)

let base: string
let repo: string
let outside: string

/** The files under a folder with a hash of each, not following links. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) await walk(path)
      else if (entry.isFile()) out[relative(dir, path)] = createHash('sha256').update(await readFile(path)).digest('hex')
      else out[relative(dir, path)] = entry.isSymbolicLink() ? 'link' : 'other'
    }
  }
  await walk(dir)
  return out
}

beforeAll(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'mldoc-paths-')))
  repo = join(base, 'repo')
  outside = join(base, 'outside')
  await mkdir(join(outside, 'deep'), { recursive: true })
  await writeFile(join(outside, 'secret.md'), 'outside\n')
  await writeFile(join(outside, 'deep', 'design.md'), 'outside\n')
  await mkdir(repo)
  execFileSync('git', ['init', '-q'], { cwd: repo })
  await mkdir(join(repo, 'docs', 'design'), { recursive: true })
  await symlink(outside, join(repo, 'out'))
  await symlink(join(outside, 'secret.md'), join(repo, 'docs', 'secret.md'))
  await symlink(join(repo, '.git'), join(repo, 'gitlink'))
  await symlink('loop', join(repo, 'loop'))
  await symlink('../../out/deep', join(repo, 'docs', 'design', 'up'))
})
afterAll(async () => {
  await rm(base, { recursive: true, force: true })
})

/** Path parts a fuzzer tries: ups, git folders in several spellings, the planted links, odd and long names. */
const PARTS = [
  '..', '.', '', '.git', '.GIT', '.Git', '.git.', '.git ', '.git..', 'git', '.gitignore', 'docs', 'design', 'out', 'gitlink', 'loop', 'up',
  'secret.md', 'a', 'b', 'notes', '%2e%2e', '..%2f', '..\\..', 'a\\..\\..', '...', '. .', ' ..', '.. ', '~', 'C:', 'c:', 'con', 'NUL', 'x\u0000y',
  'über', 'oʻzbek', '📄', '\u202e', 'a b', 'x'.repeat(300), '-rf', '$HOME', '`id`', '*', '?', '"', '<', '>', '|',
]
const ENDINGS = ['.md', '.MD', '.markdown', '.md ', '.md.', '', '.txt', '/']

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!
}

function fuzzedPath(random: () => number): string {
  const count = 1 + Math.floor(random() * 5)
  const parts = Array.from({ length: count }, () => pick(random, PARTS))
  const separator = random() < 0.8 ? '/' : random() < 0.5 ? '\\' : '//'
  const prefix = random() < 0.9 ? '' : pick(random, ['/', '\\', 'C:\\', '\\\\server\\share\\', '/tmp/', '~/', './'])
  return `${prefix}${parts.join(separator)}${pick(random, ENDINGS)}`
}

/** Titles a fuzzer tries: path syntax, git folders, Unicode and control characters. */
function fuzzedTitle(random: () => number): string {
  const length = Math.floor(random() * 12)
  return Array.from({ length }, () => pick(random, [...PARTS, ' ', '/', '\\', ':', 'Churn', 'Модель', '\n', '\t', '\u0007'])).join('')
}

/** Whether a real path is inside the repository and outside .git. */
function isSafeTarget(real: string): boolean {
  const rel = relative(repo, real)
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !rel.split(sep).some((part) => /^\.git[. ]*$/i.test(part))
}

describe('the repository export writes only inside the chosen folder', () => {
  it(`keeps ${TRIALS} fuzzed paths and titles inside it, out of .git and off symbolic links${SOAK ? ' (soak)' : ''}`, async () => {
    const outsideBefore = await snapshot(outside)
    const gitBefore = await snapshot(join(repo, '.git'))
    const random = seededRandom(6)
    let written = 0
    let refused = 0
    const reasons = new Map<string, number>()
    for (let trial = 0; trial < TRIALS; trial++) {
      const path = random() < 0.8 ? fuzzedPath(random) : defaultDesignDocPath({ meta: { ...emptyMeta(), title: fuzzedTitle(random) }, body: mldocSchema().nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph' }] }) })
      try {
        const target = await insidePath(repo, path, 'path')
        await makeFolders(target)
        await writeFileAtomic(target.absolute, `trial ${trial}\n`)
        const real = await realpath(target.absolute)
        expect(isSafeTarget(real), `${JSON.stringify(path)} was written at ${real}`).toBe(true)
        expect(real, `${JSON.stringify(path)} went through a link`).toBe(target.absolute)
        expect((await lstat(target.absolute)).isFile()).toBe(true)
        written++
      } catch (error) {
        if (!(error instanceof MLDocError)) throw new Error(`${JSON.stringify(path)}: ${(error as Error).stack}`)
        refused++
        const reason = error.message.replace(/"[^"]*"|\S*\/\S*/g, '…').slice(0, 90)
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
      }
    }
    expect(await snapshot(outside)).toEqual(outsideBefore)
    expect(await snapshot(join(repo, '.git'))).toEqual(gitBefore)
    const common = [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([reason, n]) => `${n} ${reason}`)
    console.log(`export paths${SOAK ? ' (soak)' : ''}: ${TRIALS} fuzzed paths and titles, ${written} written inside, ${refused} refused (${common.join('; ')})`)
    expect(written).toBeGreaterThan(0)
    // The fuzzer must have reached every kind of refusal, or the test shows less than it says.
    for (const kind of [/inside \.git/, /goes up/, /absolute path/, /symbolic link/]) expect([...reasons.keys()].some((r) => kind.test(r)), String(kind)).toBe(true)
  }, budget(TRIALS, 2))

  it(`keeps ${FULL_EXPORTS} whole exports (git included) inside it`, async () => {
    const outsideBefore = await snapshot(outside)
    const random = seededRandom(66)
    const body = mldocSchema().nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Design.' }] }] })
    let written = 0
    for (let trial = 0; trial < FULL_EXPORTS; trial++) {
      const doc = { meta: { ...emptyMeta(), title: fuzzedTitle(random) }, body }
      const path = random() < 0.5 ? undefined : fuzzedPath(random)
      try {
        const result = await exportToRepository({ doc, repo, ...(path === undefined ? {} : { path }) })
        expect(isSafeTarget(await realpath(result.absolutePath)), `${JSON.stringify(path)} -> ${result.absolutePath}`).toBe(true)
        written++
      } catch (error) {
        if (!(error instanceof MLDocError)) throw new Error(`${JSON.stringify(path)}: ${(error as Error).stack}`)
      }
    }
    expect(await snapshot(outside)).toEqual(outsideBefore)
    expect(written).toBeGreaterThan(0)
  }, budget(FULL_EXPORTS, 50))
})
