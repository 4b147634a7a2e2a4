// Runs the built `mldoc` command line as a real process, the way users and CI run it.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..')
const BIN = join(ROOT, 'bin/mldoc.js')
const BUNDLE = join(ROOT, 'dist/cli/mldoc.js')

/** What one run of `mldoc` did. */
export interface Run {
  status: number | null
  stdout: string
  stderr: string
}

/** Runs `node bin/mldoc.js ...args` in `cwd` and waits for it. */
export function mldoc(args: readonly string[], cwd: string): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, MLDOC_DEBUG: '' } })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** The first source the bundle was built from that changed after the build, if any. */
function staleInput(): string | undefined {
  const built = statSync(BUNDLE, { throwIfNoEntry: false })?.mtimeMs
  if (built === undefined) return 'dist/cli/mldoc.js (missing)'
  const { inputs } = JSON.parse(readFileSync(join(ROOT, 'dist/cli/meta.json'), 'utf8')) as { inputs: string[] }
  return inputs.find((input) => (statSync(join(ROOT, input), { throwIfNoEntry: false })?.mtimeMs ?? Infinity) > built)
}

/**
 * Makes sure the bundle the tests run is built from the current sources: `npm test` builds it
 * first, a lone `npx vitest run test/cli` after an edit rebuilds it here (the build replaces
 * files atomically, so test files rebuilding at once do not disturb each other).
 */
export function ensureFreshBundle(): void {
  const changed = staleInput()
  if (changed === undefined) return
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`rebuilding the CLI after a change to ${changed} failed:\n${build.stderr}`)
}

/** A fresh temporary folder, and a function that removes it. */
export function tempFolder(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mldoc-cli-'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A stack trace line, which a user error must never print. */
export const STACK_TRACE = /\n\s+at /
