import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { MLDocument } from '../../core/document/model.js'
import { exportMarkdown } from '../../core/markdown/index.js'
import { exportToRepository } from '../../node/repo/index.js'
import { CHURN_EXAMPLE, docFrom, gitIn, initRepo, readDoc, scratch } from './git-fixture.js'

const DOC_PATH = 'docs/design/churn-prediction-service.md'
let dir: string
let remove: () => void
let repo: string
// Documents are immutable: read each once per file (importing the example takes a moment).
let doc: MLDocument
let edited: MLDocument

beforeAll(() => {
  doc = readDoc(CHURN_EXAMPLE)
  edited = docFrom(exportMarkdown(doc).replace('Nur Telecom loses about 25,000', 'Nur Telecom now loses about 27,000'))
})
beforeEach(() => {
  ;({ dir, remove } = scratch())
  repo = join(dir, 'repo')
  mkdirSync(repo)
  initRepo(repo)
})
afterEach(() => remove())

describe('exportToRepository', () => {
  it('writes the Markdown at docs/design/<slug>.md and shows it as a new file', async () => {
    const result = await exportToRepository({ doc, repo })
    expect(result).toMatchObject({ path: DOC_PATH, changed: true, created: true, initialized: false })
    expect(result.commit).toBeUndefined()
    expect(readFileSync(join(repo, DOC_PATH), 'utf8')).toBe(exportMarkdown(doc))
    expect(result.diff).toMatch(new RegExp(`^diff --git a/${DOC_PATH} b/${DOC_PATH}\nnew file mode`))
    expect(result.diff).toContain(`--- /dev/null\n+++ b/${DOC_PATH}\n`)
    expect(result.diff).toContain('\n+title: Churn prediction service\n')
    expect(gitIn(repo, 'status', '--porcelain')).toBe('?? docs/')
  })

  it('changes nothing when the document is exported again unchanged', async () => {
    await exportToRepository({ doc, repo })
    const before = statSync(join(repo, DOC_PATH))
    const again = await exportToRepository({ doc: docFrom(exportMarkdown(doc)), repo })
    expect(again).toMatchObject({ changed: false, created: false, diff: '' })
    const after = statSync(join(repo, DOC_PATH))
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs])
  })

  it('shows the diff of a changed document and replaces the file', async () => {
    await exportToRepository({ doc, repo })
    const result = await exportToRepository({ doc: edited, repo })
    expect(result).toMatchObject({ changed: true, created: false })
    expect(result.diff).toMatch(new RegExp(`^diff --git a/${DOC_PATH} b/${DOC_PATH}\nindex `))
    expect(result.diff).toContain('\n-Nur Telecom loses about 25,000')
    expect(result.diff).toContain('\n+Nur Telecom now loses about 27,000')
    expect(readFileSync(join(repo, DOC_PATH), 'utf8')).toBe(exportMarkdown(edited))
  })

  it('commits only the design document, and makes no commit when nothing changed', async () => {
    writeFileSync(join(repo, 'other.txt'), 'staged, not committed\n')
    gitIn(repo, 'add', 'other.txt')
    const first = await exportToRepository({ doc, repo, commitMessage: 'Add the churn design document' })
    expect(first.commit).toBe(gitIn(repo, 'rev-parse', 'HEAD'))
    expect(gitIn(repo, 'show', '--name-only', '--format=%s', 'HEAD')).toBe(`Add the churn design document\n\n${DOC_PATH}`)
    expect(gitIn(repo, 'status', '--porcelain')).toBe('A  other.txt')

    const again = await exportToRepository({ doc, repo, commitMessage: 'Nothing new' })
    expect(again.commit).toBeUndefined()
    expect(gitIn(repo, 'rev-list', '--count', 'HEAD')).toBe('1')

    const third = await exportToRepository({ doc: edited, repo, commitMessage: 'Churn is higher now' })
    expect(third.commit).toBe(gitIn(repo, 'rev-parse', 'HEAD'))
    expect(gitIn(repo, 'rev-list', '--count', 'HEAD')).toBe('2')
  })

  it('commits a file written earlier without a commit, even though the export itself changes nothing', async () => {
    await exportToRepository({ doc, repo })
    const result = await exportToRepository({ doc, repo, commitMessage: 'Add it now' })
    expect(result.changed).toBe(false)
    expect(result.commit).toBe(gitIn(repo, 'rev-parse', 'HEAD'))
  })

  it('writes nothing in a dry run, and still shows the diff', async () => {
    const created = await exportToRepository({ doc, repo, dryRun: true, commitMessage: 'not made' })
    expect(created).toMatchObject({ changed: true, created: true })
    expect(created.diff).toContain(`+++ b/${DOC_PATH}`)
    expect(existsSync(join(repo, 'docs'))).toBe(false)

    await exportToRepository({ doc, repo })
    const preview = await exportToRepository({ doc: edited, repo, dryRun: true })
    expect(preview.diff).toContain('\n+Nur Telecom now loses about 27,000')
    expect(readFileSync(join(repo, DOC_PATH), 'utf8')).toBe(exportMarkdown(doc))
    expect(() => gitIn(repo, 'rev-parse', 'HEAD')).toThrow()
  })

  it('writes where --path says, inside the repository', async () => {
    const result = await exportToRepository({ doc, repo, path: './design//churn.md' })
    expect(result.path).toBe('design/churn.md')
    expect(readFileSync(join(repo, 'design/churn.md'), 'utf8')).toBe(exportMarkdown(doc))
  })
})

describe('exportToRepository refuses to write outside the repository', () => {
  async function refusal(options: Partial<Parameters<typeof exportToRepository>[0]>): Promise<string> {
    const error = await exportToRepository({ doc, repo, ...options }).then(() => undefined, (e: unknown) => e as Error)
    expect(error, 'the export should have been refused').toBeInstanceOf(Error)
    return error!.message
  }

  it('refuses ".." and absolute paths', async () => {
    expect(await refusal({ path: '../outside.md' })).toBe('path "../outside.md" goes up with ".."; MLDoc only writes inside the folder')
    expect(await refusal({ path: 'docs/../../outside.md' })).toContain('goes up with ".."')
    expect(await refusal({ path: 'docs\\..\\..\\outside.md' })).toContain('goes up with ".."')
    expect(await refusal({ path: join(dir, 'outside.md') })).toContain('is an absolute path')
    expect(await refusal({ path: 'C:/outside.md' })).toContain('is an absolute path')
    expect(existsSync(join(dir, 'outside.md'))).toBe(false)
  })

  it('refuses anything under .git, however it is spelled', async () => {
    expect(await refusal({ path: '.git/hooks/pre-commit.md' })).toBe('path ".git/hooks/pre-commit.md" is inside .git, git\'s own folder; MLDoc never writes there')
    expect(await refusal({ path: 'docs/.GIT/x.md' })).toContain('is inside .git')
    expect(await refusal({ path: 'sub/.git./x.md' })).toContain('is inside .git')
    expect(existsSync(join(repo, '.git/hooks/pre-commit.md'))).toBe(false)
  })

  it('refuses a path that is not a Markdown file', async () => {
    expect(await refusal({ path: 'docs/design/run.sh' })).toBe('path "docs/design/run.sh" must be a Markdown file (ending in .md)')
  })

  it('refuses a symbolic link to a folder on the way, and writes nothing behind it', async () => {
    const outside = join(dir, 'outside')
    mkdirSync(join(outside, 'design'), { recursive: true })
    symlinkSync(outside, join(repo, 'docs'))
    const message = await refusal({})
    expect(message).toContain('docs is a symbolic link; MLDoc does not follow links')
    expect(existsSync(join(outside, 'design/churn-prediction-service.md'))).toBe(false)
    expect(await refusal({ dryRun: true })).toContain('docs is a symbolic link')
  })

  it('refuses a symbolic link in place of the file, and leaves its target alone', async () => {
    const outside = join(dir, 'secret.md')
    writeFileSync(outside, 'not yours\n')
    mkdirSync(join(repo, 'docs/design'), { recursive: true })
    symlinkSync(outside, join(repo, DOC_PATH))
    expect(await refusal({})).toContain(`${DOC_PATH} is a symbolic link`)
    expect(readFileSync(outside, 'utf8')).toBe('not yours\n')
  })

  it('refuses a file where a folder should be', async () => {
    writeFileSync(join(repo, 'docs'), 'a file\n')
    expect(await refusal({})).toContain('docs is a file, not a folder')
  })

  it('refuses an empty commit message before writing anything', async () => {
    expect(await refusal({ commitMessage: '  ' })).toContain('the commit message is empty')
    expect(existsSync(join(repo, 'docs'))).toBe(false)
  })
})

describe('exportToRepository and the working tree', () => {
  it('refuses a folder that is not a git working tree', async () => {
    const plain = join(dir, 'plain')
    mkdirSync(plain)
    const error = await exportToRepository({ doc, repo: plain }).catch((e: unknown) => e as Error)
    expect((error as Error).message).toBe(`${plain}: is not a git working tree; run git init there, or export with --init`)
    expect(existsSync(join(plain, 'docs'))).toBe(false)
  })

  it('refuses a folder that does not exist, and a .git folder even with init', async () => {
    const missing = join(dir, 'missing')
    await expect(exportToRepository({ doc, repo: missing })).rejects.toThrow(`${missing}: the folder does not exist`)
    await expect(exportToRepository({ doc, repo: join(repo, '.git'), init: true })).rejects.toThrow('is a bare repository or inside a .git folder')
  })

  it('runs git init with init, then writes and commits into the new repository', async () => {
    const fresh = join(dir, 'fresh', 'project')
    const dry = await exportToRepository({ doc, repo: fresh, init: true, dryRun: true })
    expect(dry).toMatchObject({ initialized: true, changed: true })
    expect(existsSync(fresh)).toBe(false)

    const result = await exportToRepository({ doc, repo: fresh, init: true })
    expect(result).toMatchObject({ initialized: true, changed: true })
    expect(gitIn(fresh, 'rev-parse', '--is-inside-work-tree')).toBe('true')
    gitIn(fresh, 'config', 'user.name', 'MLDoc Test')
    gitIn(fresh, 'config', 'user.email', 'test@mldoc.invalid')
    gitIn(fresh, 'config', 'commit.gpgsign', 'false')
    const committed = await exportToRepository({ doc, repo: fresh, init: true, commitMessage: 'First commit' })
    expect(committed).toMatchObject({ initialized: false, changed: false })
    expect(gitIn(fresh, 'log', '--format=%s')).toBe('First commit')
  })

  it('quotes git when a hook refuses the commit, leaving the file written', async () => {
    writeFileSync(join(repo, '.git/hooks/pre-commit'), '#!/bin/sh\necho "design docs need review first" >&2\nexit 1\n', { mode: 0o755 })
    const error = await exportToRepository({ doc, repo, commitMessage: 'Blocked' }).catch((e: unknown) => e as Error)
    expect((error as Error).message).toBe(`${repo}: git commit failed: design docs need review first`)
    expect(readFileSync(join(repo, DOC_PATH), 'utf8')).toBe(exportMarkdown(doc))
  })
})
