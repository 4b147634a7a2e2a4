import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, HOST_METHODS, hostChannel, type HostMethod } from '../../../core/host/api.js'
import { CLOSE_REPLY_CHANNEL, type CloseReply } from '../../../electron/common/bridge.js'
import type { Caller, HostHandlers } from '../../../electron/main/handlers.js'
import { registerIpc } from '../../../electron/main/ipc.js'
import { APP_PAGE, FakeIpcMain, ipcEvent } from './fakes.js'
import { REPO_MALFORMED, REPO_RESPONSES, REPO_VALID } from './repo-requests.js'

/** webContents id of the one MLDoc window in these tests, and that window's id. */
const OURS = 7
const WINDOW_ID = 3

const bytes = new Uint8Array([1, 2, 3])

/** A valid request for each method. */
const VALID: Record<HostMethod, unknown> = {
  listTemplates: { lang: 'en' },
  newDocument: { templateId: 'ml-engineering-document', lang: 'uz' },
  openDocument: { path: '/home/a/plan.mldoc' },
  saveDocument: { path: null, state: bytes, suggestedName: 'Plan' },
  exportMarkdown: { path: '/home/a/plan.md', markdown: '# Plan\n', suggestedName: 'Plan' },
  recentDocuments: {},
  getSettings: {},
  setSettings: { uiLang: 'uz' },
  ...REPO_VALID,
}

/** A valid response for each method. */
const RESPONSES: Record<HostMethod, unknown> = {
  listTemplates: [{ id: 'ml-engineering-document', langs: ['en', 'uz'], title: 'ML Engineering Document', description: 'd' }],
  newDocument: { path: null, name: 'Plan', state: bytes },
  openDocument: { path: '/home/a/plan.mldoc', name: 'plan', state: bytes },
  saveDocument: { path: '/home/a/plan.mldoc' },
  exportMarkdown: { path: '/home/a/plan.md' },
  recentDocuments: [{ path: '/home/a/plan.mldoc', name: 'plan', openedAt: '2026-01-01T00:00:00.000Z' }],
  getSettings: DEFAULT_SETTINGS,
  setSettings: { ...DEFAULT_SETTINGS, uiLang: 'uz' },
  ...REPO_RESPONSES,
}

const long = (n: number) => 'x'.repeat(n)

/** Payloads each method must refuse. */
const MALFORMED: Record<HostMethod, unknown[]> = {
  listTemplates: [undefined, null, 'en', [], {}, { lang: 'fr' }, { lang: 1 }],
  newDocument: [{}, { templateId: '', lang: 'en' }, { templateId: long(201), lang: 'en' }, { templateId: 'a', lang: 'de' }, { templateId: 5, lang: 'en' }],
  openDocument: [null, 'plan.mldoc', { path: '' }, { path: 5 }, { path: long(5000) }, { path: null }],
  saveDocument: [
    {},
    { path: '/a.mldoc', state: 'bytes', suggestedName: 'a' },
    { path: '/a.mldoc', state: [1, 2, 3], suggestedName: 'a' },
    { state: bytes, suggestedName: 'a' },
    { path: '', state: bytes, suggestedName: 'a' },
    { path: null, state: bytes, suggestedName: long(256) },
  ],
  exportMarkdown: [
    { path: null, markdown: 5, suggestedName: 'a' },
    { path: null, suggestedName: 'a' },
    { path: '', markdown: '', suggestedName: 'a' },
    { path: null, markdown: '', suggestedName: long(300) },
    { path: ['/a.md'], markdown: '', suggestedName: 'a' },
  ],
  recentDocuments: [null, 'all', 5, []],
  getSettings: [null, [], 7],
  setSettings: [null, { uiLang: 'fr' }, { userColor: 'red' }, { signalingUrls: ['not a url'] }, { theme: 'blue' }, { userName: long(101) }, { iceServers: 'stun:x' }],
  ...REPO_MALFORMED,
}

/** Senders that are not the app page in the top frame of an MLDoc window. */
const FOREIGN = [
  { why: 'a frame that is gone', event: ipcEvent(OURS, null) },
  { why: 'a web page', event: ipcEvent(OURS, 'https://evil.example/index.html') },
  { why: 'a local file', event: ipcEvent(OURS, 'file:///tmp/index.html') },
  { why: 'another app host', event: ipcEvent(OURS, 'app://other/index.html') },
  { why: 'a look-alike host', event: ipcEvent(OURS, 'app://mldoc.evil.example/index.html') },
  { why: 'credentials in the URL', event: ipcEvent(OURS, 'app://user:pw@mldoc/index.html') },
  { why: 'a non-URL', event: ipcEvent(OURS, 'not a url') },
  { why: 'a subframe of our window', event: ipcEvent(OURS, APP_PAGE, { url: APP_PAGE }) },
  { why: 'a webContents that is not our window', event: ipcEvent(99) },
]

let ipcMain: FakeIpcMain
let calls: { method: HostMethod; request: unknown; caller: Caller }[]
let closeReplies: { windowId: number; reply: CloseReply }[]
let respond: (method: HostMethod) => Promise<unknown>

beforeEach(() => {
  ipcMain = new FakeIpcMain()
  calls = []
  closeReplies = []
  respond = async (method) => RESPONSES[method]
  const handlers = Object.fromEntries(
    HOST_METHODS.map((method) => [
      method,
      (request: unknown, caller: Caller) => {
        calls.push({ method, request, caller })
        return respond(method)
      },
    ]),
  ) as unknown as HostHandlers
  registerIpc({
    ipcMain,
    windowOf: (id) => (id === OURS ? WINDOW_ID : null),
    handlers,
    onCloseReply: (windowId, reply) => closeReplies.push({ windowId, reply }),
  })
})

describe('IPC registration', () => {
  it('registers exactly one handler per host method, on mldoc:<method>', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(HOST_METHODS.map(hostChannel).sort())
    expect(HOST_METHODS.map(hostChannel)).toContain('mldoc:saveDocument')
  })

  it.each(HOST_METHODS)('%s: a valid call from our window reaches the implementation and returns its value', async (method) => {
    const reply = await ipcMain.invoke(hostChannel(method), ipcEvent(OURS), VALID[method])
    expect(reply).toEqual({ ok: true, value: RESPONSES[method] })
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({ method, caller: { windowId: WINDOW_ID } })
  })
})

describe('IPC refuses foreign senders without calling the implementation', () => {
  for (const method of HOST_METHODS) {
    it.each(FOREIGN)(`${method}: $why`, async ({ event }) => {
      await expect(ipcMain.invoke(hostChannel(method), event, VALID[method])).rejects.toThrow(/refused/)
      expect(calls).toEqual([])
    })
  }
})

describe('IPC refuses malformed payloads without calling the implementation', () => {
  for (const method of HOST_METHODS) {
    it.each(MALFORMED[method].map((payload) => ({ payload, shown: JSON.stringify(payload)?.slice(0, 60) ?? 'undefined' })))(
      `${method}: $shown`,
      async ({ payload }) => {
        await expect(ipcMain.invoke(hostChannel(method), ipcEvent(OURS), payload)).rejects.toThrow(new RegExp(`invalid ${method} request`))
        expect(calls).toEqual([])
      },
    )

    it(`${method}: no request, or more than one argument`, async () => {
      await expect(ipcMain.invoke(hostChannel(method), ipcEvent(OURS))).rejects.toThrow(/expected one request object/)
      await expect(ipcMain.invoke(hostChannel(method), ipcEvent(OURS), VALID[method], VALID[method])).rejects.toThrow(/expected one request object/)
      expect(calls).toEqual([])
    })
  }
})

describe('IPC replies', () => {
  it('returns an error of the implementation as its message, for the renderer to show', async () => {
    respond = async () => {
      throw new Error('/home/a/plan.mldoc: the file is damaged')
    }
    const reply = await ipcMain.invoke('mldoc:openDocument', ipcEvent(OURS), VALID.openDocument)
    expect(reply).toEqual({ ok: false, error: '/home/a/plan.mldoc: the file is damaged' })
  })

  it('never sends back a response that does not fit the method', async () => {
    respond = async () => ({ path: 42, secret: 'x' })
    const reply = (await ipcMain.invoke('mldoc:saveDocument', ipcEvent(OURS), VALID.saveDocument)) as { ok: boolean }
    expect(reply.ok).toBe(false)
  })
})

describe('close replies', () => {
  const send = (event: ReturnType<typeof ipcEvent>, ...args: unknown[]) => ipcMain.listeners.get(CLOSE_REPLY_CHANNEL)!(event, ...args)

  it('passes on a well-formed answer from our window', () => {
    send(ipcEvent(OURS), { id: 4, unsaved: true })
    expect(closeReplies).toEqual([{ windowId: WINDOW_ID, reply: { id: 4, unsaved: true } }])
  })

  it('ignores answers from foreign senders and malformed answers', () => {
    for (const { event } of FOREIGN) send(event, { id: 4, unsaved: false })
    for (const bad of [null, {}, { id: '4', unsaved: false }, { id: 4, unsaved: 'no' }, { id: 4, unsaved: false, extra: 1 }, { id: 1.5, unsaved: false }]) {
      send(ipcEvent(OURS), bad)
    }
    send(ipcEvent(OURS), { id: 4, unsaved: false }, 'extra')
    expect(closeReplies).toEqual([])
  })
})
