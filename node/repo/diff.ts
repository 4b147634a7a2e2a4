import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { git } from './git.js'

/**
 * A unified diff (`git diff` format, no colour) from `before` to `after` for the file at `path`
 * (a `/`-separated path inside the repository), or '' when they are the same. `before` null means
 * the file is new. Both versions are written to a temporary folder outside the repository and
 * compared there with `git diff --no-index`, so the repository is never touched and the diff shows
 * exactly the bytes compared. Headers read `a/<path>` and `b/<path>`.
 */
export async function unifiedDiff(before: Uint8Array | null, after: Uint8Array, path: string): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'mldoc-diff-'))
  try {
    const write = async (side: string, data: Uint8Array) => {
      const file = join(scratch, side, ...path.split('/'))
      await mkdir(dirname(file), { recursive: true })
      await writeFile(file, data)
      return `${side}/${path}`
    }
    const from = before === null ? '/dev/null' : await write('a', before)
    const to = await write('b', after)
    const { stdout } = await git(
      ['diff', '--no-index', '--no-color', '--no-ext-diff', '--no-textconv', '--no-prefix', '--', from, to],
      { cwd: scratch, allowStatus: [1] },
    )
    // A new file's header names the path on both sides, as `git diff` in a repository does.
    return before === null ? stdout.replace(`diff --git ${to} ${to}\n`, `diff --git a/${path} ${to}\n`) : stdout
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}
