import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportMarkdown } from '../../core/markdown/index.js'
import { createYDoc } from '../../core/yjs/doc.js'
import { encodeMLDocFile } from '../../core/yjs/file.js'
import { docFrom, gitIn, initRepo } from '../repo/git-fixture.js'
import { launchChromium, routeUrl, startTestHost, type TestHost } from './browser.js'

// Export to repository in browser mode, as a person does it: a document in the documents folder,
// a git repository inside that folder, the diff before writing, a commit, and nothing left to do
// after; then the project skeleton from the same document.

const DOC_PATH = 'docs/design/churn-model.md'
const doc = docFrom('---\ntitle: Churn model\n---\n\n## Problem\n\nCustomers leave without warning.\n\n## Data\n\nBilling and support tickets.\n')

let browser: Browser
let test: TestHost
let page: Page
let repo: string
const errors: string[] = []

beforeAll(async () => {
  ;[browser, test] = await Promise.all([launchChromium(), startTestHost()])
  repo = join(test.dir, 'repo')
  mkdirSync(repo)
  initRepo(repo)
  writeFileSync(join(test.dir, 'churn.mldoc'), encodeMLDocFile(createYDoc(doc)))
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  page.on('pageerror', (error) => errors.push(error.message))
})

afterAll(async () => {
  await browser?.close()
  await test?.dispose()
})

const dialog = () => page.getByTestId('repo-export-dialog')

async function openDialog(): Promise<void> {
  await page.getByRole('button', { name: 'Export to repository…' }).click()
  await dialog().waitFor()
}

describe('Export to repository (browser mode, Chromium)', () => {
  it('says where the repository may be, and refuses a folder outside the documents folder in words', async () => {
    await page.goto(routeUrl(test.host, '/open/churn.mldoc'))
    await page.locator('.ProseMirror').waitFor()
    await openDialog()
    await expect.poll(() => dialog().textContent()).toContain('the repository must be the documents folder itself (type .) or a folder inside it')
    expect(await page.getByTestId('repo-export').isDisabled()).toBe(true)
    await dialog().getByLabel('Repository folder').fill('../elsewhere')
    await dialog().getByRole('button', { name: 'Show changes' }).click()
    await expect.poll(() => page.getByTestId('repo-error').textContent()).toMatch(/^Could not export: "\.\.\/elsewhere" is not a folder inside the documents folder/)
    expect(await page.getByTestId('repo-export').isDisabled()).toBe(true)
  })

  it('shows the diff of the new file before writing anything', async () => {
    await dialog().getByLabel('Repository folder').fill('repo')
    await dialog().getByLabel('Repository folder').press('Enter')
    const diff = page.getByTestId('repo-diff')
    await diff.waitFor()
    expect(await dialog().getByLabel('File in the repository').inputValue()).toBe(DOC_PATH)
    expect(await diff.locator('figcaption').textContent()).toContain(`New file ${DOC_PATH}`)
    const added = await diff.locator('ins').allTextContents()
    expect(added).toContain('+Customers leave without warning.')
    expect(added).toContain('+title: Churn model')
    expect(await diff.locator('del').count()).toBe(0)
    expect(await page.getByTestId('repo-diff-counts').textContent()).toBe(`${added.length} lines added, 0 removed`)
    expect(gitIn(repo, 'status', '--porcelain')).toBe('')
  })

  it('writes the file and commits it with the message given', async () => {
    await dialog().getByLabel('Commit the file').check()
    await dialog().getByLabel('Commit message').fill('Design: churn model, first draft')
    await page.getByRole('button', { name: 'Export and commit' }).click()
    await expect.poll(() => page.getByTestId('repo-outcome').textContent()).toMatch(new RegExp(`^Exported ${DOC_PATH} and committed it \\([0-9a-f]{12}\\)\\.$`))
    expect(readFileSync(join(repo, DOC_PATH), 'utf8')).toBe(exportMarkdown(doc))
    expect(gitIn(repo, 'log', '--format=%s')).toBe('Design: churn model, first draft')
    expect(gitIn(repo, 'show', '--name-only', '--format=', 'HEAD')).toBe(DOC_PATH)
    expect(gitIn(repo, 'status', '--porcelain')).toBe('')
  })

  it('has nothing to export the second time: same bytes, no commit', async () => {
    const before = statSync(join(repo, DOC_PATH))
    await dialog().getByRole('button', { name: 'Close' }).click()
    await dialog().waitFor({ state: 'detached' })
    await openDialog()
    // The repository used last is remembered, and compared at once.
    expect(await dialog().getByLabel('Repository folder').inputValue()).toBe('repo')
    await expect.poll(() => page.getByTestId('repo-unchanged').textContent()).toBe('Nothing to export: the file in the repository is already up to date')
    expect(await page.getByTestId('repo-diff').count()).toBe(0)
    expect(await page.getByTestId('repo-export').isDisabled()).toBe(true)
    await dialog().getByLabel('Commit the file').check()
    await page.getByRole('button', { name: 'Export and commit' }).click()
    await expect.poll(() => page.getByTestId('repo-outcome').textContent()).toBe('Nothing to export: the file in the repository is already up to date, and it matches the last commit.')
    const after = statSync(join(repo, DOC_PATH))
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs])
    expect(gitIn(repo, 'rev-list', '--count', 'HEAD')).toBe('1')
  })

  it('creates the project skeleton in a folder inside the documents folder, and lists what it created', async () => {
    await dialog().getByRole('button', { name: 'Close' }).click()
    await page.getByRole('button', { name: 'Create project skeleton…' }).click()
    const project = page.getByTestId('project-dialog')
    await project.getByLabel('Project folder').fill('churn-project')
    await project.getByRole('button', { name: 'Create' }).click()
    await expect.poll(() => page.getByTestId('project-result').getByRole('status').textContent()).toMatch(/^\d+ created, 0 skipped$/)
    const listed = await page.getByTestId('project-result').locator('code').allTextContents()
    expect(listed).toEqual(expect.arrayContaining([DOC_PATH, 'params.yaml', 'src/api/app.py']))
    expect(readFileSync(join(test.dir, 'churn-project', DOC_PATH), 'utf8')).toBe(exportMarkdown(doc))
    expect(errors).toEqual([])
  })
})
