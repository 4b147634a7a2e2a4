import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ensureFreshBundle, mldoc, STACK_TRACE } from '../cli/mldoc.js'
import { gitIn, initRepo, scratch } from './git-fixture.js'

const DOC_PATH = 'docs/design/small-plan.md'
let dir: string
let remove: () => void
let repo: string
/** A small document, quick to read, for the runs that are not about the content. */
let small: string

beforeAll(ensureFreshBundle)
beforeEach(() => {
  ;({ dir, remove } = scratch())
  repo = join(dir, 'repo')
  mkdirSync(repo)
  initRepo(repo)
  small = join(dir, 'small.md')
  writeFileSync(small, '---\ntitle: Small plan\n---\n\n## Problem framing\n\nCalls go to the wrong customers.\n')
})
afterEach(() => remove())

describe('mldoc export FILE --repo DIR', () => {
  it('prints the diff in a dry run and writes nothing', () => {
    const run = mldoc(['export', small, '--repo', repo, '--dry-run'], dir)
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^diff --git a\/docs\/design\/small-plan.md b\/docs\/design\/small-plan.md\nnew file mode/)
    expect(run.stdout).toContain('\n+Calls go to the wrong customers.\n')
    expect(run.stderr).toBe(`${DOC_PATH}: would be created (dry run: nothing written)\n`)
    expect(existsSync(join(repo, 'docs'))).toBe(false)
  })

  it('writes and commits the file, then finds it unchanged and commits nothing', () => {
    const first = mldoc(['export', small, '--repo', 'repo', '--commit', '-m', 'Add the design document'], dir)
    expect(first.status).toBe(0)
    const head = gitIn(repo, 'rev-parse', 'HEAD')
    expect(first.stderr).toBe(`${DOC_PATH}: created\n${DOC_PATH}: committed ${head.slice(0, 12)}\n`)
    expect(first.stdout).toContain(`+++ b/${DOC_PATH}\n`)
    const exported = mldoc(['export', small], dir).stdout
    expect(readFileSync(join(repo, DOC_PATH), 'utf8')).toBe(exported)

    const again = mldoc(['export', small, '--repo', 'repo', '--commit', '-m', 'Again'], dir)
    expect(again).toMatchObject({ status: 0, stdout: '' })
    expect(again.stderr).toBe(`${DOC_PATH}: unchanged\n${DOC_PATH}: nothing to commit, it matches the last commit\n`)
    expect(gitIn(repo, 'rev-parse', 'HEAD')).toBe(head)
  })

  it('refuses hostile paths and a folder that is not a repository, in one line, with exit status 2', () => {
    const up = mldoc(['export', small, '--repo', repo, '--path', '../escape.md'], dir)
    expect(up).toMatchObject({ status: 2, stdout: '', stderr: 'mldoc: path "../escape.md" goes up with ".."; MLDoc only writes inside the folder\n' })
    const git = mldoc(['export', small, '--repo', repo, '--path', '.git/config.md'], dir)
    expect(git.status).toBe(2)
    expect(git.stderr).toContain('is inside .git')
    const plain = join(dir, 'plain')
    mkdirSync(plain)
    const notRepo = mldoc(['export', small, '--repo', plain], dir)
    expect(notRepo).toMatchObject({ status: 2, stderr: `mldoc: ${plain}: is not a git working tree; run git init there, or export with --init\n` })
    for (const run of [up, git, notRepo]) expect(run.stderr).not.toMatch(STACK_TRACE)
    expect(existsSync(join(dir, 'escape.md'))).toBe(false)
  })

  it('initialises a repository with --init', () => {
    const plain = join(dir, 'new-project')
    const run = mldoc(['export', small, '--repo', plain, '--init'], dir)
    expect(run.status).toBe(0)
    expect(run.stderr).toBe(`${plain}: initialised a new git repository\n${DOC_PATH}: created\n`)
    expect(gitIn(plain, 'rev-parse', '--is-inside-work-tree')).toBe('true')
    expect(existsSync(join(plain, DOC_PATH))).toBe(true)
  })

  it('checks its options: --commit needs -m, -m needs --commit', () => {
    const noMessage = mldoc(['export', small, '--repo', repo, '--commit'], dir)
    expect(noMessage).toMatchObject({ status: 2, stderr: 'mldoc: export: --commit needs a message: add -m "what changed and why" (see mldoc export --help)\n' })
    const noCommit = mldoc(['export', small, '--repo', repo, '-m', 'x'], dir)
    expect(noCommit.status).toBe(2)
    expect(noCommit.stderr).toContain('-m is the commit message: add --commit to commit')
    expect(mldoc(['export', '--repo', repo, '--help'], dir).stdout).toMatch(/^Usage: mldoc export FILE --repo DIR/)
  })
})
