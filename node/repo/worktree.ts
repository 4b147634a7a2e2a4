import { mkdir, stat } from 'node:fs/promises'
import { MLDocError } from '../../core/errors.js'
import { git } from './git.js'

/** Exit status of `git rev-parse` outside a repository. */
const NOT_A_REPOSITORY = 128

/** Whether `dir` lies in a git working tree: 'yes', 'git-dir' (a bare repository or inside .git), or 'no' with what git said. */
async function probeWorkTree(dir: string): Promise<{ state: 'yes' } | { state: 'git-dir' } | { state: 'no'; said: string }> {
  const probe = await git(['rev-parse', '--is-inside-work-tree'], { cwd: dir, allowStatus: [NOT_A_REPOSITORY] })
  if (probe.status === 0) return probe.stdout.trim() === 'true' ? { state: 'yes' } : { state: 'git-dir' }
  return { state: 'no', said: probe.stderr.trim().split('\n')[0] ?? '' }
}

/**
 * Makes sure `dir` is a folder in a git working tree. When it is not, and `init` is set, creates
 * the folder if needed and runs `git init` there; resolves to true when it did. Otherwise throws
 * an {@link MLDocError} that says what `dir` is and what to do. With `dryRun`, nothing is created:
 * resolves to whether `git init` would run.
 */
export async function ensureWorkTree(dir: string, options: { init?: boolean; dryRun?: boolean } = {}): Promise<boolean> {
  const info = await stat(dir).catch(() => undefined)
  if (info && !info.isDirectory()) throw new MLDocError('file', 'is a file, not a folder', dir)
  if (!info && !options.init) throw new MLDocError('file', 'the folder does not exist (export with --init to create it as a new git repository)', dir)
  const probe = info ? await probeWorkTree(dir) : { state: 'no' as const, said: '' }
  if (probe.state === 'yes') return false
  if (probe.state === 'git-dir') throw new MLDocError('file', 'is a bare repository or inside a .git folder, not a working tree; give the folder where the files are checked out', dir)
  if (!options.init) {
    const said = probe.said && !/not a git repository/i.test(probe.said) ? ` (git says: ${probe.said})` : ''
    throw new MLDocError('file', `is not a git working tree${said}; run git init there, or export with --init`, dir)
  }
  if (options.dryRun) return true
  await mkdir(dir, { recursive: true })
  await git(['init', '--quiet'], { cwd: dir })
  const after = await probeWorkTree(dir)
  if (after.state !== 'yes') throw new MLDocError('file', `git init did not make a working tree here${after.state === 'no' && after.said ? ` (git says: ${after.said})` : ''}`, dir)
  return true
}

/**
 * Commits the file at `path` (relative to `dir`, which is in a working tree) and nothing else:
 * `git add -- path`, then `git commit -m message -- path`, so other staged changes stay staged
 * and out of the commit. The user's hooks and configuration apply. Resolves to the new commit's
 * id, or undefined when the file already matches what is committed (nothing to commit).
 */
export async function commitFile(dir: string, path: string, message: string): Promise<string | undefined> {
  await git(['add', '--', path], { cwd: dir })
  const staged = await git(['diff', '--cached', '--quiet', '--', path], { cwd: dir, allowStatus: [1] })
  if (staged.status === 0) return undefined
  await git(['commit', '--quiet', '-m', message, '--', path], { cwd: dir })
  return (await git(['rev-parse', 'HEAD'], { cwd: dir })).stdout.trim()
}
