import { request } from 'node:http'
import { mkdirSync, readdirSync, readFileSync, symlinkSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportMarkdown } from '../../core/markdown/index.js'
import { createYDoc } from '../../core/yjs/doc.js'
import { encodeMLDocFile } from '../../core/yjs/file.js'
import { docFrom, gitIn, initRepo } from '../repo/git-fixture.js'
import { startTestHost, type TestHost } from './browser.js'

/**
 * The browser-mode host's repository routes (`exportToRepository`, `scaffoldProject`,
 * `chooseFolder`) over real HTTP, on a real git repository inside the documents folder; a
 * repository anywhere else is refused.
 */

const DOC_PATH = 'docs/design/churn-model.md'
const doc = docFrom('---\ntitle: Churn model\n---\n\n## Problem\n\nCustomers leave.\n')
const state = { $bytes: Buffer.from(encodeMLDocFile(createYDoc(doc))).toString('base64') }

let test: TestHost
let outsideRepo: string

beforeAll(async () => {
  test = await startTestHost()
  mkdirSync(join(test.dir, 'repo'))
  initRepo(join(test.dir, 'repo'))
  outsideRepo = join(test.dir, '..', 'outside-repo')
  mkdirSync(outsideRepo)
  initRepo(outsideRepo)
  symlinkSync(outsideRepo, join(test.dir, 'linked'))
})
afterAll(async () => {
  await test?.dispose()
})

interface Reply {
  status: number
  body: unknown
}

/** An API call as the renderer makes it. */
function api(method: string, payload: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = { Host: `127.0.0.1:${test.host.port}`, 'Content-Type': 'application/json', 'X-MLDoc-Token': test.host.token }
    const req = request({ host: '127.0.0.1', port: test.host.port, method: 'POST', path: `/api/${method}`, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }))
    })
    req.on('error', reject)
    req.end(JSON.stringify(payload))
  })
}

/** The error message of a refused call. */
function error(reply: Reply): string {
  return (reply.body as { error: string }).error
}

describe('export to a repository in browser mode', () => {
  it('shows the diff of a dry run and writes nothing', async () => {
    const reply = await api('exportToRepository', { repo: 'repo', state, dryRun: true })
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({ path: DOC_PATH, changed: true, created: true, commit: null })
    expect((reply.body as { diff: string }).diff).toContain('\n+Customers leave.\n')
    expect(readdirSync(join(test.dir, 'repo'))).toEqual(['.git'])
  })

  it('writes and commits the file, then changes nothing when exported again', async () => {
    const reply = await api('exportToRepository', { repo: 'repo', state, commitMessage: 'Design: churn model', dryRun: false })
    expect(reply.status).toBe(200)
    const { commit } = reply.body as { commit: string }
    expect(commit).toMatch(/^[0-9a-f]{40}$/)
    expect(readFileSync(join(test.dir, 'repo', DOC_PATH), 'utf8')).toBe(exportMarkdown(doc))
    expect(gitIn(join(test.dir, 'repo'), 'log', '--format=%H %s')).toBe(`${commit} Design: churn model`)

    const again = await api('exportToRepository', { repo: 'repo/', state, commitMessage: 'Again', dryRun: false })
    expect(again).toEqual({ status: 200, body: { path: DOC_PATH, changed: false, created: false, diff: '', commit: null } })
    expect(gitIn(join(test.dir, 'repo'), 'rev-list', '--count', 'HEAD')).toBe('1')
  })

  it('refuses a repository outside the documents folder, by any name, and leaves it untouched', async () => {
    for (const repo of ['..', '../outside-repo', outsideRepo, join(test.dir, 'repo'), 'linked', 'repo/../../outside-repo', '.git', 'repo/.git', 'C:/repo', 'repo\\..\\..', '']) {
      const reply = await api('exportToRepository', { repo, state, commitMessage: 'pwned', dryRun: false })
      expect([400, 403], repo).toContain(reply.status)
      if (reply.status === 403) expect(error(reply), repo).toMatch(/inside the documents folder|symbolic link/)
    }
    expect(readdirSync(outsideRepo)).toEqual(['.git'])
    expect(() => gitIn(outsideRepo, 'rev-parse', 'HEAD')).toThrow()
    const message = error(await api('exportToRepository', { repo: '../outside-repo', state, dryRun: true }))
    expect(message).toBe('"../outside-repo" is not a folder inside the documents folder (no "..", hidden or empty parts): in browser mode a folder must be the documents folder itself (.) or a folder inside it, named relative to it')
  })

  it('says what is wrong with a missing folder, a folder that is no repository, and a path that leaves the repository, naming folders as the browser does', async () => {
    const missing = await api('exportToRepository', { repo: 'nowhere', state, dryRun: true })
    expect([missing.status, error(missing)]).toEqual([403, '"nowhere" does not exist in the documents folder'])
    const notRepo = await api('exportToRepository', { repo: '.', state, dryRun: true })
    expect(notRepo.status).toBe(400)
    expect(error(notRepo)).toMatch(/^the documents folder: is not a git working tree/)
    expect(error(notRepo)).not.toContain(test.dir)
    const hostile = await api('exportToRepository', { repo: 'repo', path: '../escape.md', state, dryRun: false })
    expect([hostile.status, error(hostile)]).toEqual([400, 'path "../escape.md" goes up with ".."; MLDoc only writes inside the folder'])
    expect(existsSync(join(test.dir, 'escape.md'))).toBe(false)
  })

  it('has no folder dialog: the folder is typed', async () => {
    const reply = await api('chooseFolder', { purpose: 'repository' })
    expect(reply.status).toBe(403)
    expect(error(reply)).toMatch(/no folder dialog/)
  })
})

describe('project skeleton in browser mode', () => {
  it('creates the project in a new folder inside the documents folder, then skips every file', async () => {
    const first = await api('scaffoldProject', { dir: 'churn-project', state })
    expect(first.status).toBe(200)
    const { created, skipped } = first.body as { created: string[]; skipped: unknown[] }
    expect(created).toEqual(expect.arrayContaining([DOC_PATH, 'params.yaml', 'Dockerfile']))
    expect(skipped).toEqual([])
    expect(readFileSync(join(test.dir, 'churn-project', DOC_PATH), 'utf8')).toBe(exportMarkdown(doc))
    const second = await api('scaffoldProject', { dir: 'churn-project', state })
    expect((second.body as { created: string[] }).created).toEqual([])
    expect((second.body as { skipped: { path: string }[] }).skipped.map((s) => s.path)).toEqual(created)
  })

  it('refuses a folder outside the documents folder', async () => {
    for (const dir of ['../elsewhere', join(test.dir, '..', 'elsewhere'), 'linked', '.hidden']) {
      const reply = await api('scaffoldProject', { dir, state })
      expect(reply.status, dir).toBe(403)
    }
    expect(existsSync(join(test.dir, '..', 'elsewhere'))).toBe(false)
    expect(readdirSync(outsideRepo)).toEqual(['.git'])
  })
})
