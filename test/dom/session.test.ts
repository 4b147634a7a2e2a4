// @vitest-environment jsdom
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { HostApi } from '../../core/host/api.js'
import { META_MAP, readMeta, writeMeta } from '../../core/yjs/doc.js'
import { decodeMLDocFile, encodeMLDocFile, readMLDocFile } from '../../core/yjs/file.js'
import { folderHost } from '../../node/web/folder-host.js'
import { AUTOSAVE_DELAY, DocumentSession } from '../../renderer/document/session.js'

// The session against the real browser-mode host implementation, saving real files.
let dir: string
let host: HostApi

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mldoc-session-'))
  host = folderHost({ dir, settingsFile: join(dir, '.settings.json') })
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function newSession(): Promise<DocumentSession> {
  return DocumentSession.open(host, await host.newDocument({ templateId: 'ml-engineering-document', lang: 'en' }))
}

function retitle(session: DocumentSession, title: string): void {
  writeMeta(session.ydoc, { ...readMeta(session.ydoc), title })
}

describe('a document session', () => {
  it('refuses a file whose header does not read, naming it, and writes nothing', async () => {
    const foreign = new Y.Doc()
    foreign.getMap(META_MAP).set('status', { not: 'a status' })
    const bytes = encodeMLDocFile(foreign)
    await writeFile(join(dir, 'foreign.mldoc'), bytes)
    const opened = (await host.openDocument({ path: 'foreign.mldoc' }))!
    expect(() => new DocumentSession(host, opened, decodeMLDocFile(opened.state, 'foreign.mldoc'))).toThrow(/foreign\.mldoc.*status/s)
    await expect(DocumentSession.open(host, opened)).rejects.toThrow(/foreign\.mldoc.*status/s)
    await wait(AUTOSAVE_DELAY + 300)
    expect(Buffer.from(await readFile(join(dir, 'foreign.mldoc'))).equals(Buffer.from(bytes))).toBe(true)
    expect(await readdir(dir)).toEqual(['foreign.mldoc'])
  })

  it('never autosaves a document that has no file yet; the first save names the file after the title', async () => {
    const session = await newSession()
    expect(session.getState()).toMatchObject({ status: 'unsaved', path: null })
    retitle(session, 'Churn model')
    expect(session.getState().autosaveDue).toBe(false)
    await wait(AUTOSAVE_DELAY + 300)
    expect(session.getState().path).toBeNull()
    expect(await session.save()).toBe(true)
    expect(session.getState()).toMatchObject({ status: 'saved', path: 'churn-model.mldoc' })
    expect(session.dirty).toBe(false)
    expect(readMLDocFile(await readFile(join(dir, 'churn-model.mldoc')), 'saved').doc.meta.title).toBe('Churn model')
    session.dispose()
  })

  it('autosaves a second after the first unsaved edit, once, with everything typed by then', async () => {
    const session = await newSession()
    await session.save()
    const states: string[] = []
    session.subscribe(() => states.push(session.getState().status))
    retitle(session, 'A')
    await wait(AUTOSAVE_DELAY / 2)
    retitle(session, 'AB')
    expect(session.getState()).toMatchObject({ status: 'unsaved', autosaveDue: true })
    // The second edit did not restart the timer: the save comes a second after the first.
    await wait(AUTOSAVE_DELAY / 2 + 300)
    expect(session.getState()).toMatchObject({ status: 'saved', autosaveDue: false })
    expect(states.filter((s) => s === 'saving')).toHaveLength(1)
    expect(readMLDocFile(await readFile(join(dir, session.getState().path!)), 'saved').doc.meta.title).toBe('AB')
    await wait(AUTOSAVE_DELAY + 300)
    expect(states.filter((s) => s === 'saving')).toHaveLength(1)
    session.dispose()
  })

  it('still autosaves pending edits to its file after a Save As dialog is cancelled', async () => {
    let cancel = false
    const asking: HostApi = { ...host, saveDocument: (request) => (cancel && request.path === null ? Promise.resolve({ path: null }) : host.saveDocument(request)) }
    const session = await DocumentSession.open(asking, await host.newDocument({ templateId: 'ml-engineering-document', lang: 'en' }))
    await session.save()
    const path = session.getState().path!
    retitle(session, 'Edited before Save As')
    expect(session.getState()).toMatchObject({ status: 'unsaved', autosaveDue: true })
    cancel = true
    expect(await session.save({ saveAs: true })).toBe(false)
    expect(session.getState()).toMatchObject({ status: 'unsaved', autosaveDue: true, path })
    await wait(AUTOSAVE_DELAY + 300)
    expect(session.getState()).toMatchObject({ status: 'saved', autosaveDue: false, path })
    expect(readMLDocFile(await readFile(join(dir, path)), 'saved').doc.meta.title).toBe('Edited before Save As')
    session.dispose()
  })

  it('says why a save failed and keeps the changes to save again', async () => {
    const session = await newSession()
    await session.save()
    const file = join(dir, session.getState().path!)
    // A folder where the file was: the save cannot replace it, whoever runs the test.
    await rm(file)
    await mkdir(file)
    retitle(session, 'Not yet on disk')
    expect(await session.save()).toBe(false)
    expect(session.getState().status).toBe('failed')
    expect(session.getState().error).toMatch(/it is a folder, not a file/)
    expect(session.dirty).toBe(true)
    await rm(file, { recursive: true })
    expect(await session.save()).toBe(true)
    expect(session.getState()).toMatchObject({ status: 'saved', error: null })
    expect(readMLDocFile(await readFile(file), 'saved').doc.meta.title).toBe('Not yet on disk')
    session.dispose()
  })

  it('exports Markdown to one file, then to the same file again', async () => {
    const session = await newSession()
    retitle(session, 'Fraud rules')
    expect(await session.exportMarkdown('# One\n')).toBe('fraud-rules.md')
    expect(await session.exportMarkdown('# Two\n')).toBe('fraud-rules.md')
    expect(await readFile(join(dir, 'fraud-rules.md'), 'utf8')).toBe('# Two\n')
    session.dispose()
  })
})
