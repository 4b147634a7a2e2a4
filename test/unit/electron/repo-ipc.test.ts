import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FolderPurpose, HostMethod, HostResponse } from '../../../core/host/api.js'
import { exportMarkdown } from '../../../core/markdown/index.js'
import { createYDoc } from '../../../core/yjs/doc.js'
import { encodeMLDocFile } from '../../../core/yjs/file.js'
import { DocumentAccess } from '../../../electron/main/access.js'
import { createHostHandlers } from '../../../electron/main/handlers.js'
import { registerIpc } from '../../../electron/main/ipc.js'
import { UserData } from '../../../electron/main/user-data.js'
import { docFrom, gitIn, initRepo, scratch } from '../../repo/git-fixture.js'
import { APP_PAGE, FakeIpcMain, ipcEvent } from './fakes.js'
import { REPO_MALFORMED, REPO_VALID, type RepoMethod } from './repo-requests.js'

/**
 * Export to a repository and the project skeleton in the desktop app: the real handlers on a real
 * git repository, called through the IPC layer as the preload calls them. Only the folder dialog
 * is a stand-in (it answers with the folder a test sets).
 */

const CONTENTS = 21
const WINDOW = 1
const OTHER_CONTENTS = 22
const OTHER_WINDOW = 2
const REPO_METHODS: RepoMethod[] = ['chooseFolder', 'exportToRepository', 'scaffoldProject']
const DOC_PATH = 'docs/design/churn-model.md'

const doc = docFrom('---\ntitle: Churn model\n---\n\n## Problem\n\nCustomers leave.\n')
const edited = docFrom('---\ntitle: Churn model\n---\n\n## Problem\n\nCustomers leave without warning.\n')
const stateOf = (d: typeof doc) => encodeMLDocFile(createYDoc(d))

let dir: string
let remove: () => void
let repo: string
let ipcMain: FakeIpcMain
let folderAnswer: string | null
let folderAsked: { windowId: number; purpose: FolderPurpose }[]

type Reply<M extends HostMethod> = { ok: true; value: HostResponse<M> } | { ok: false; error: string }

function call<M extends HostMethod>(method: M, request: unknown, contents = CONTENTS): Promise<Reply<M>> {
  return ipcMain.invoke(`mldoc:${method}`, ipcEvent(contents), request) as Promise<Reply<M>>
}

async function value<M extends HostMethod>(reply: Promise<Reply<M>>): Promise<HostResponse<M>> {
  const result = await reply
  if (!result.ok) throw new Error(`expected success, got: ${result.error}`)
  return result.value
}

/** Picks `folder` in the folder dialog of window 1 (or `contents`'s window). */
async function choose(folder: string, purpose: FolderPurpose = 'repository', contents = CONTENTS): Promise<string> {
  folderAnswer = folder
  const { path } = await value(call('chooseFolder', { purpose }, contents))
  expect(path).toBe(folder)
  return folder
}

beforeEach(() => {
  ;({ dir, remove } = scratch())
  repo = join(dir, 'repo')
  mkdirSync(repo)
  initRepo(repo)
  ipcMain = new FakeIpcMain()
  folderAnswer = null
  folderAsked = []
  const handlers = createHostHandlers({
    userData: new UserData(join(dir, 'user-data')),
    access: new DocumentAccess(),
    templatesDir: join(dir, 'no-templates'),
    chooseDocumentToOpen: async () => null,
    chooseSavePath: async () => null,
    chooseFolder: async (windowId, purpose) => {
      folderAsked.push({ windowId, purpose })
      return folderAnswer
    },
  })
  registerIpc({ ipcMain, windowOf: (id) => ({ [CONTENTS]: WINDOW, [OTHER_CONTENTS]: OTHER_WINDOW })[id] ?? null, handlers, onCloseReply: () => undefined })
})
afterEach(() => remove())

describe('repository calls from a foreign sender or with a malformed payload', () => {
  const foreign = [
    { why: 'a web page', event: ipcEvent(CONTENTS, 'https://evil.example/index.html') },
    { why: 'a subframe of our window', event: ipcEvent(CONTENTS, APP_PAGE, { url: APP_PAGE }) },
    { why: 'a webContents that is not our window', event: ipcEvent(99) },
  ]

  it.each(REPO_METHODS.flatMap((method) => foreign.map((sender) => ({ method, ...sender }))))('$method from $why is refused before anything runs', async ({ method, event }) => {
    await choose(repo)
    folderAsked = []
    const request = { ...(REPO_VALID[method] as object), repo, dir: repo, dryRun: false }
    await expect(ipcMain.invoke(`mldoc:${method}`, event, request)).rejects.toThrow(/refused/)
    expect(folderAsked).toEqual([])
    expect(readdirSync(repo)).toEqual(['.git'])
  })

  it.each(REPO_METHODS.flatMap((method) => REPO_MALFORMED[method].map((payload) => ({ method, payload, shown: JSON.stringify(payload)?.slice(0, 50) ?? 'undefined' }))))(
    '$method refuses $shown before anything runs',
    async ({ method, payload }) => {
      await expect(ipcMain.invoke(`mldoc:${method}`, ipcEvent(CONTENTS), payload)).rejects.toThrow(new RegExp(`invalid ${method} request`))
      expect(folderAsked).toEqual([])
      expect(readdirSync(repo)).toEqual(['.git'])
    },
  )
})

describe('choosing a folder', () => {
  it('asks with the purpose, attached to the calling window, and says when the user cancelled', async () => {
    folderAnswer = null
    expect(await value(call('chooseFolder', { purpose: 'project' }))).toEqual({ path: null })
    expect(folderAsked).toEqual([{ windowId: WINDOW, purpose: 'project' }])
  })

  it('lets only the window that chose a folder export into it or scaffold there', async () => {
    const unchosen = await call('exportToRepository', { repo, state: stateOf(doc), dryRun: true })
    expect(unchosen).toEqual({ ok: false, error: `${repo}: this window was not given that folder; pick it with Choose…` })
    await choose(repo)
    const other = await call('exportToRepository', { repo, state: stateOf(doc), dryRun: true }, OTHER_CONTENTS)
    expect(other).toMatchObject({ ok: false, error: expect.stringContaining('this window was not given that folder') })
    const scaffold = await call('scaffoldProject', { dir: join(dir, 'elsewhere'), state: stateOf(doc) })
    expect(scaffold).toMatchObject({ ok: false, error: expect.stringContaining('this window was not given that folder') })
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false)
    expect(await call('exportToRepository', { repo: 'repo', state: stateOf(doc), dryRun: true })).toEqual({ ok: false, error: '"repo" is not an absolute path' })
  })
})

describe('export to a repository', () => {
  it('shows the diff first and writes nothing, then writes and commits the file, then changes nothing', async () => {
    await choose(repo)
    const preview = await value(call('exportToRepository', { repo, state: stateOf(doc), dryRun: true }))
    expect(preview).toMatchObject({ path: DOC_PATH, changed: true, created: true, commit: null })
    expect(preview.diff).toContain(`+++ b/${DOC_PATH}\n`)
    expect(preview.diff).toContain('\n+Customers leave.\n')
    expect(readdirSync(repo)).toEqual(['.git'])

    const written = await value(call('exportToRepository', { repo, state: stateOf(doc), commitMessage: 'Design: churn model', dryRun: false }))
    expect(written).toMatchObject({ path: DOC_PATH, changed: true, created: true, diff: preview.diff })
    expect(written.commit).toMatch(/^[0-9a-f]{40}$/)
    expect(readFileSync(join(repo, DOC_PATH), 'utf8')).toBe(exportMarkdown(doc))
    expect(gitIn(repo, 'log', '--format=%H %s')).toBe(`${written.commit} Design: churn model`)

    const again = await value(call('exportToRepository', { repo, state: stateOf(doc), commitMessage: 'Again', dryRun: false }))
    expect(again).toEqual({ path: DOC_PATH, changed: false, created: false, diff: '', commit: null })
    expect(gitIn(repo, 'rev-list', '--count', 'HEAD')).toBe('1')

    const change = await value(call('exportToRepository', { repo, state: stateOf(edited), dryRun: true }))
    expect(change).toMatchObject({ changed: true, created: false })
    expect(change.diff).toContain('\n-Customers leave.\n+Customers leave without warning.\n')
  })

  it('writes to the path asked for, and refuses paths that leave the repository or reach into .git', async () => {
    await choose(repo)
    const custom = await value(call('exportToRepository', { repo, path: 'design/churn.md', state: stateOf(doc), dryRun: false }))
    expect(custom).toMatchObject({ path: 'design/churn.md', commit: null })
    expect(existsSync(join(repo, 'design/churn.md'))).toBe(true)
    for (const path of ['../outside.md', '/etc/churn.md', '.git/hooks/churn.md']) {
      const reply = await call('exportToRepository', { repo, path, state: stateOf(doc), dryRun: true })
      expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/absolute path|goes up with "\.\."|inside \.git/) })
    }
    expect(existsSync(join(dir, 'outside.md'))).toBe(false)
  })

  it('says so when the folder is not a git working tree, and when the document bytes are damaged', async () => {
    const plain = join(dir, 'plain')
    mkdirSync(plain)
    await choose(plain)
    const notRepo = await call('exportToRepository', { repo: plain, state: stateOf(doc), dryRun: true })
    expect(notRepo).toMatchObject({ ok: false, error: expect.stringContaining('is not a git working tree') })
    await choose(repo)
    const damaged = await call('exportToRepository', { repo, state: new Uint8Array([1, 2, 3]), dryRun: true })
    expect(damaged).toMatchObject({ ok: false, error: expect.stringContaining('the document to export') })
  })
})

describe('project skeleton', () => {
  it('creates the project in the chosen folder, then skips every file the second time', async () => {
    const project = await choose(join(dir, 'project'), 'project')
    const first = await value(call('scaffoldProject', { dir: project, state: stateOf(doc) }))
    expect(first.created).toEqual(expect.arrayContaining([DOC_PATH, 'params.yaml', 'src/api/app.py', 'Makefile']))
    expect(first.skipped).toEqual([])
    expect(readFileSync(join(project, DOC_PATH), 'utf8')).toBe(exportMarkdown(doc))
    const second = await value(call('scaffoldProject', { dir: project, state: stateOf(edited) }))
    expect(second.created).toEqual([])
    expect(second.skipped.map((s) => s.path)).toEqual(first.created)
    expect(new Set(second.skipped.map((s) => s.reason))).toEqual(new Set(['already exists']))
    expect(readFileSync(join(project, DOC_PATH), 'utf8')).toBe(exportMarkdown(doc))
  })
})
