import { fileURLToPath } from 'node:url'
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { emptyMeta } from '../../../core/document/meta.js'
import type { HostMethod, HostResponse } from '../../../core/host/api.js'
import { mldocSchema } from '../../../core/schema/index.js'
import { createYDoc } from '../../../core/yjs/doc.js'
import { encodeMLDocFile, readMLDocFile } from '../../../core/yjs/file.js'
import { TEMP_SUFFIX } from '../../../node/files.js'
import { DocumentAccess } from '../../../electron/main/access.js'
import { createHostHandlers, displayName, type SaveKind } from '../../../electron/main/handlers.js'
import { registerIpc } from '../../../electron/main/ipc.js'
import { UserData } from '../../../electron/main/user-data.js'
import { FakeIpcMain, ipcEvent } from './fakes.js'

/**
 * The host API on real files, called through the IPC layer as the preload would call it: only the
 * dialogs are stand-ins (they answer with the path a test sets).
 */

const TEMPLATES_DIR = resolve(import.meta.dirname, '../../../templates')
const CONTENTS = 11
const WINDOW = 1
const OTHER_CONTENTS = 12
const OTHER_WINDOW = 2

/** A small document with a heading and a paragraph. */
function sampleBytes(title = 'Churn'): Uint8Array {
  const body = mldocSchema().nodeFromJSON({
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: title }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Predict which customers leave.' }] },
    ],
  })
  return encodeMLDocFile(createYDoc({ meta: { ...emptyMeta('en'), title }, body }))
}

let dir: string
let ipcMain: FakeIpcMain
let access: DocumentAccess
let userData: UserData
let openAnswer: string | null
let saveAnswer: string | null
let saveAsked: { kind: SaveKind; suggestedName: string }[]

type Reply<M extends HostMethod> = { ok: true; value: HostResponse<M> } | { ok: false; error: string }

/** Calls a host method from window 1 (or `contents`) and returns its reply. */
function call<M extends HostMethod>(method: M, request: unknown, contents = CONTENTS): Promise<Reply<M>> {
  return ipcMain.invoke(`mldoc:${method}`, ipcEvent(contents), request) as Promise<Reply<M>>
}

/** The value of a successful reply (fails the test with the error otherwise). */
async function value<M extends HostMethod>(reply: Promise<Reply<M>>): Promise<HostResponse<M>> {
  const result = await reply
  if (!result.ok) throw new Error(`expected success, got: ${result.error}`)
  return result.value
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mldoc-electron-'))
  ipcMain = new FakeIpcMain()
  access = new DocumentAccess()
  userData = new UserData(join(dir, 'user-data'), () => new Date('2026-11-26T10:00:00.000Z'))
  openAnswer = null
  saveAnswer = null
  saveAsked = []
  const handlers = createHostHandlers({
    userData,
    access,
    templatesDir: TEMPLATES_DIR,
    chooseDocumentToOpen: async () => openAnswer,
    chooseSavePath: async (_windowId, kind, suggestedName) => {
      saveAsked.push({ kind, suggestedName })
      return saveAnswer
    },
    chooseFolder: async () => null,
  })
  registerIpc({ ipcMain, windowOf: (id) => ({ [CONTENTS]: WINDOW, [OTHER_CONTENTS]: OTHER_WINDOW })[id] ?? null, handlers, onCloseReply: () => undefined })
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('templates', () => {
  it('lists every template once, in the requested language', async () => {
    const en = await value(call('listTemplates', { lang: 'en' }))
    const uz = await value(call('listTemplates', { lang: 'uz' }))
    expect(en.map((t) => t.id)).toContain('ml-engineering-document')
    expect(new Set(en.map((t) => t.id)).size).toBe(en.length)
    const doc = en.find((t) => t.id === 'ml-engineering-document')!
    expect(doc.langs).toEqual(['en', 'uz'])
    expect(uz.find((t) => t.id === 'ml-engineering-document')!.title).not.toBe(doc.title)
  })

  it('creates a new, unsaved document from a template as .mldoc bytes', async () => {
    const opened = await value(call('newDocument', { templateId: 'ml-engineering-document', lang: 'en' }))
    expect(opened.path).toBeNull()
    expect(opened.name.length).toBeGreaterThan(0)
    const { doc } = readMLDocFile(opened.state, 'new')
    expect(doc.meta.template).toBe('ml-engineering-document')
    expect(doc.body.childCount).toBeGreaterThan(3)
  })

  it('says which template does not exist', async () => {
    const reply = await call('newDocument', { templateId: 'no-such-template', lang: 'en' })
    expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('no template "no-such-template"') })
  })
})

describe('opening', () => {
  it('opens the document the user picks, cleans leftover temp files beside it, and remembers it', async () => {
    const path = join(dir, 'plan.mldoc')
    const bytes = sampleBytes()
    await writeFile(path, bytes)
    const leftover = join(dir, `.plan.mldoc.abc123${TEMP_SUFFIX}`)
    await writeFile(leftover, 'half a save')
    openAnswer = path
    const opened = await value(call('openDocument', {}))
    expect(opened).toMatchObject({ path, name: 'plan' })
    expect(readMLDocFile(opened!.state, path).doc.meta.title).toBe('Churn')
    await expect(stat(leftover)).rejects.toThrow()
    expect(await value(call('recentDocuments', {}))).toEqual([{ path, name: 'plan', openedAt: '2026-11-26T10:00:00.000Z' }])
  })

  it('hands the checked file to the editor as it is on disk, not decoded and encoded again', async () => {
    // A format-1 file: encoding its state again would give format-2 bytes.
    const bytes = await readFile(fileURLToPath(new URL('../fixtures/format-1.mldoc', import.meta.url)))
    const path = join(dir, 'old.mldoc')
    await writeFile(path, bytes)
    openAnswer = path
    const opened = await value(call('openDocument', {}))
    expect(opened!.state).toEqual(new Uint8Array(bytes))
  })

  it('returns null when the user cancels the dialog', async () => {
    expect(await value(call('openDocument', {}))).toBeNull()
  })

  it('refuses a path the window was not given, without reading it', async () => {
    const path = join(dir, 'secret.mldoc')
    await writeFile(path, sampleBytes('Secret'))
    const reply = await call('openDocument', { path })
    expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('was not given that file') })
  })

  it('opens a path from recent documents in any window', async () => {
    const path = join(dir, 'plan.mldoc')
    await writeFile(path, sampleBytes())
    openAnswer = path
    await value(call('openDocument', {}))
    expect((await value(call('openDocument', { path }, OTHER_CONTENTS)))?.path).toBe(path)
  })

  it('refuses a relative path', async () => {
    expect(await call('openDocument', { path: 'plan.mldoc' })).toMatchObject({ ok: false, error: expect.stringContaining('not an absolute path') })
  })

  it.each([
    ['truncated', (b: Uint8Array) => b.subarray(0, b.length - 5)],
    ['bit-flipped', (b: Uint8Array) => b.map((x, i) => (i === 40 ? x ^ 0x10 : x))],
    ['foreign (a PNG)', () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['empty', () => new Uint8Array()],
  ])('says what is wrong with a %s file, names it, and leaves it byte-identical', async (_kind, damage) => {
    const path = join(dir, 'damaged.mldoc')
    const damaged = damage(sampleBytes())
    await writeFile(path, damaged)
    const before = await stat(path)
    openAnswer = path
    const reply = await call('openDocument', {})
    expect(reply.ok).toBe(false)
    expect(!reply.ok && reply.error).toContain(path)
    expect(new Uint8Array(await readFile(path))).toEqual(damaged)
    expect((await stat(path)).mtimeMs).toBe(before.mtimeMs)
    expect(await readdir(dir)).toEqual(['damaged.mldoc'])
  })

  it('imports a Markdown file as a document that has no .mldoc yet, so saving never overwrites the Markdown', async () => {
    const path = join(dir, 'notes.md')
    await writeFile(path, '---\ntitle: Notes\n---\n\n# Notes\n\nSome text.\n')
    openAnswer = path
    const opened = await value(call('openDocument', {}))
    expect(opened).toMatchObject({ path: null, name: 'notes' })
    expect(await call('saveDocument', { path, state: opened!.state, suggestedName: 'notes' })).toMatchObject({ ok: false })
    expect(await readFile(path, 'utf8')).toContain('Some text.')
  })
})

describe('saving', () => {
  it('asks where to save a new document, adds .mldoc, writes it, and lets the window save there again', async () => {
    saveAnswer = join(dir, 'plan')
    const first = await value(call('saveDocument', { path: null, state: sampleBytes('One'), suggestedName: 'Plan' }))
    expect(first.path).toBe(join(dir, 'plan.mldoc'))
    expect(saveAsked).toEqual([{ kind: 'document', suggestedName: 'Plan' }])
    await value(call('saveDocument', { path: first.path, state: sampleBytes('Two'), suggestedName: 'Plan' }))
    expect(readMLDocFile(new Uint8Array(await readFile(first.path!)), 'x').doc.meta.title).toBe('Two')
    expect(await readdir(dir)).toEqual(['plan.mldoc', 'user-data'])
  })

  it('returns a null path when the user cancels Save As', async () => {
    expect(await value(call('saveDocument', { path: null, state: sampleBytes(), suggestedName: 'Plan' }))).toEqual({ path: null })
  })

  it('refuses to write a path the window did not open or save, and leaves that file alone', async () => {
    const path = join(dir, 'someone-else.mldoc')
    await writeFile(path, 'precious')
    const reply = await call('saveDocument', { path, state: sampleBytes(), suggestedName: 'x' })
    expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('Save As') })
    expect(await readFile(path, 'utf8')).toBe('precious')
  })

  it("refuses another window's document", async () => {
    const path = join(dir, 'plan.mldoc')
    await writeFile(path, sampleBytes())
    access.showDocument(WINDOW, path)
    expect(await call('saveDocument', { path, state: sampleBytes('Other'), suggestedName: 'x' }, OTHER_CONTENTS)).toMatchObject({ ok: false })
    expect(readMLDocFile(new Uint8Array(await readFile(path)), path).doc.meta.title).toBe('Churn')
  })

  it('refuses bytes that are not a whole .mldoc file, keeping the file on disk', async () => {
    const path = join(dir, 'plan.mldoc')
    const good = sampleBytes()
    await writeFile(path, good)
    access.showDocument(WINDOW, path)
    const reply = await call('saveDocument', { path, state: good.subarray(0, 20), suggestedName: 'plan' })
    expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('the document to save') })
    expect(new Uint8Array(await readFile(path))).toEqual(good)
  })

  it('fails with an error naming the target when it is a folder, and writes nothing', async () => {
    const target = join(dir, 'folder.mldoc')
    await mkdir(target)
    saveAnswer = target
    const reply = await call('saveDocument', { path: null, state: sampleBytes(), suggestedName: 'x' })
    expect(reply.ok).toBe(false)
    expect(!reply.ok && reply.error).toContain(target)
    expect(await readdir(target)).toEqual([])
    expect((await readdir(dir)).filter((name) => name.endsWith(TEMP_SUFFIX))).toEqual([])
  })

  it('fails with an error naming the missing folder, and creates nothing', async () => {
    const target = join(dir, 'missing', 'plan.mldoc')
    saveAnswer = target
    const reply = await call('saveDocument', { path: null, state: sampleBytes(), suggestedName: 'x' })
    expect(reply.ok).toBe(false)
    expect(!reply.ok && reply.error).toContain(join(dir, 'missing'))
    expect(await readdir(dir)).toEqual([])
  })

  it('exports Markdown where the user chooses, adding .md, and only re-exports to paths it chose', async () => {
    saveAnswer = join(dir, 'plan')
    const exported = await value(call('exportMarkdown', { path: null, markdown: '# Plan\n', suggestedName: 'Plan' }))
    expect(exported.path).toBe(join(dir, 'plan.md'))
    expect(await readFile(exported.path!, 'utf8')).toBe('# Plan\n')
    await value(call('exportMarkdown', { path: exported.path, markdown: '# Plan 2\n', suggestedName: 'Plan' }))
    expect(await readFile(exported.path!, 'utf8')).toBe('# Plan 2\n')
    expect(await call('exportMarkdown', { path: join(dir, 'elsewhere.md'), markdown: 'x', suggestedName: 'x' })).toMatchObject({ ok: false })
    expect(saveAsked).toEqual([{ kind: 'markdown', suggestedName: 'Plan' }])
  })

  it('never exports Markdown over the window\'s .mldoc document', async () => {
    const path = join(dir, 'plan.mldoc')
    await writeFile(path, sampleBytes())
    access.showDocument(WINDOW, path)
    expect(await call('exportMarkdown', { path, markdown: '# Plan\n', suggestedName: 'x' })).toMatchObject({ ok: false })
  })
})

describe('settings and recent documents', () => {
  it('starts from the defaults, keeps an update, and ignores stored values that do not fit', async () => {
    const first = await value(call('getSettings', {}))
    expect(first.uiLang).toBe('en')
    await value(call('setSettings', { uiLang: 'uz', userName: 'Dilnoza' }))
    expect(await value(call('getSettings', {}))).toMatchObject({ uiLang: 'uz', userName: 'Dilnoza' })
    await writeFile(join(dir, 'user-data', 'settings.json'), JSON.stringify({ uiLang: 'fr', userName: 'Aziz', userColor: 'red' }))
    expect(await value(call('getSettings', {}))).toMatchObject({ uiLang: 'en', userName: 'Aziz', userColor: first.userColor })
    await writeFile(join(dir, 'user-data', 'settings.json'), '{ not json')
    expect(await value(call('getSettings', {}))).toEqual(first)
  })

  it('keeps the ten most recent documents, newest first, one entry per path, dropping stored entries that do not fit', async () => {
    for (let i = 0; i < 12; i++) await userData.addRecent(join(dir, `doc${i}.mldoc`), `doc${i}`)
    await userData.addRecent(join(dir, 'doc5.mldoc'), 'doc5')
    const recent = await value(call('recentDocuments', {}))
    expect(recent.map((r) => r.name)).toEqual(['doc5', 'doc11', 'doc10', 'doc9', 'doc8', 'doc7', 'doc6', 'doc4', 'doc3', 'doc2'])
    await writeFile(join(dir, 'user-data', 'recent-documents.json'), JSON.stringify([{ path: 5 }, { path: '/a.mldoc', name: 'a', openedAt: 'x' }]))
    expect(await value(call('recentDocuments', {}))).toEqual([{ path: '/a.mldoc', name: 'a', openedAt: 'x' }])
  })
})

describe('display names', () => {
  it.each([
    ['/a/plan.mldoc', 'plan'],
    ['/a/plan.v2.mldoc', 'plan.v2'],
    ['/a/.hidden', '.hidden'],
    ['/a/README', 'README'],
  ])('%s is shown as %s', (path, name) => {
    expect(displayName(path)).toBe(name)
  })
})
