import { execFile } from 'node:child_process'
import { MLDocError } from '../../core/errors.js'

/** What one `git` run printed. */
export interface GitResult {
  /** The exit status: 0 for success; `git diff` uses 1 for "differences found". */
  readonly status: number
  readonly stdout: string
  readonly stderr: string
}

/** Where git runs, and which exit statuses besides 0 the caller expects. */
export interface GitOptions {
  readonly cwd: string
  readonly allowStatus?: readonly number[]
}

const MAX_OUTPUT = 64 * 1024 * 1024
const MAX_MESSAGE_LINES = 20

/** What git said, for an error message: its output lines, at most {@link MAX_MESSAGE_LINES}. */
function gitSaid(stderr: string, stdout: string): string {
  const lines = (stderr.trim() ? stderr : stdout).split('\n').map((line) => line.trimEnd()).filter((line) => line.trim() !== '')
  const shown = lines.slice(0, MAX_MESSAGE_LINES)
  if (lines.length > shown.length) shown.push('...')
  return shown.length <= 1 ? (shown[0] ?? '') : `\n  ${shown.join('\n  ')}`
}

/**
 * Runs the system `git ARGS` in `cwd` through `execFile` (no shell), with the user's environment.
 *
 * MLDoc uses the system `git`, not a JavaScript implementation such as isomorphic-git: it is the
 * implementation users already have and trust, and it reads their configuration (name and e-mail,
 * commit signing, `safe.directory`, line endings) and runs their hooks, so a commit made by MLDoc
 * is the commit they would have made by hand. A second implementation of a security-sensitive
 * tool would bring its own bugs and silently skip the hooks and policies a team relies on.
 *
 * Pathspecs are always literal (`--literal-pathspecs`): a file name with `*` or `:(...)` means
 * that one file. Resolves when the exit status is 0 or in `allowStatus`; otherwise throws an
 * {@link MLDocError} quoting what git said.
 */
export function git(args: readonly string[], options: GitOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const argv = ['--literal-pathspecs', ...args]
    execFile('git', argv, { cwd: options.cwd, encoding: 'utf8', maxBuffer: MAX_OUTPUT, windowsHide: true }, (error, stdout, stderr) => {
      const code = (error as { code?: unknown } | null)?.code
      if (code === 'ENOENT') {
        reject(new MLDocError('file', 'git is not installed or not on the PATH; install git to export to a repository'))
        return
      }
      const status = error === null ? 0 : typeof code === 'number' ? code : -1
      if (status === 0 || options.allowStatus?.includes(status)) {
        resolve({ status, stdout, stderr })
        return
      }
      const said = gitSaid(stderr, stdout) || (error?.message ?? `exit status ${status}`)
      reject(new MLDocError('file', `git ${args[0] ?? ''} failed: ${said}`, options.cwd))
    })
  })
}
