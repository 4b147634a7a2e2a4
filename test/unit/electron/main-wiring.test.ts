import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { runInThisContext } from 'node:vm'
import type { BrowserWindowConstructorOptions } from 'electron'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HOST_METHODS, hostChannel } from '../../../core/host/api.js'
import { CLOSE_QUERY_CHANNEL, CLOSE_REPLY_CHANNEL, type CloseQuery } from '../../../electron/common/bridge.js'
import { FakeIpcMain, preventableEvent } from './fakes.js'

/**
 * The built main process (dist/electron/main.cjs) started against a stand-in `electron` module:
 * what Electron would be asked to do at start, on a document named on the command line, on an
 * IPC call from its window, and when that window closes. The real runtime is not on this machine;
 * this checks main.ts's wiring, which the module tests cannot reach.
 */

const ROOT = resolve(import.meta.dirname, '../../..')
const MAIN = join(ROOT, 'dist', 'electron', 'main.cjs')
let scratch: string

beforeAll(async () => {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-electron.mjs')], { cwd: ROOT, encoding: 'utf8' })
  expect(build.status, build.stderr).toBe(0)
  scratch = await mkdtemp(join(tmpdir(), 'mldoc-main-'))
}, 120_000)

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

type Handler = (...args: unknown[]) => unknown

/** An event emitter that keeps one list of listeners per name. */
class Emitter {
  readonly listeners = new Map<string, Handler[]>()
  on(name: string, listener: Handler): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener])
    return this
  }
  once(name: string, listener: Handler): this {
    return this.on(name, listener)
  }
  emit(name: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(name) ?? []) listener(...args)
  }
}

/**
 * Starts main.cjs with a stand-in Electron and returns what it did. `prompt` is the button the
 * user picks in the unsaved-changes prompt, `savePath` what they pick in a save dialog.
 */
async function startMain(argv: string[], { prompt = 2, savePath = null as string | null } = {}) {
  const ipcMain = new FakeIpcMain()
  const app = new Emitter()
  const windows: FakeWindow[] = []
  const sent: { windowId: number; channel: string; args: unknown[] }[] = []
  const calls: string[] = []
  const privileged: unknown[] = []
  const protocolHandlers = new Map<string, (request: { url: string }) => Promise<Response>>()
  let menu: unknown = null
  let nextId = 1

  class FakeWindow extends Emitter {
    readonly id = nextId++
    readonly webContents: { id: number; send(channel: string, ...args: unknown[]): void }
    url = ''
    closed = false
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super()
      const id = this.id
      this.webContents = { id: 100 + id, send: (channel, ...args) => sent.push({ windowId: id, channel, args }) }
      windows.push(this)
    }
    static getFocusedWindow() {
      return windows[0] ?? null
    }
    async loadURL(url: string) {
      this.url = url
    }
    isDestroyed() {
      return this.closed
    }
    isMinimized() {
      return false
    }
    getTitle() {
      return 'plan'
    }
    focus() {}
    show() {}
    restore() {}
    /** Closes as Electron does: a 'close' event that listeners may prevent, then 'closed'. */
    close() {
      const event = preventableEvent({})
      this.emit('close', event)
      if (!event.defaultPrevented) {
        this.closed = true
        this.emit('closed')
      }
    }
  }

  const electron = {
    app: Object.assign(app, {
      getAppPath: () => ROOT,
      getPath: (name: string) => join(scratch, name),
      requestSingleInstanceLock: () => true,
      enableSandbox: () => calls.push('enableSandbox'),
      whenReady: () => Promise.resolve(),
      isReady: () => true,
      quit: () => calls.push('quit'),
      addRecentDocument: (path: string) => calls.push(`recent ${path}`),
      setAsDefaultProtocolClient: (scheme: string) => calls.push(`protocol client ${scheme}`),
    }),
    BrowserWindow: FakeWindow,
    ipcMain,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => privileged.push(...schemes),
      handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) => protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: () => calls.push('onHeadersReceived') },
        setPermissionRequestHandler: () => calls.push('setPermissionRequestHandler'),
        setPermissionCheckHandler: () => calls.push('setPermissionCheckHandler'),
      },
    },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: (m: unknown) => (menu = m) },
    dialog: {
      showMessageBox: async () => ({ response: prompt }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => (savePath === null ? { canceled: true } : { canceled: false, filePath: savePath }),
      showErrorBox: (title: string) => calls.push(`error ${title}`),
    },
    shell: { openExternal: async (url: string) => calls.push(`openExternal ${url}`) },
  }

  const nodeRequire = createRequire(MAIN)
  const sandboxRequire = (name: string) => (name === 'electron' ? electron : nodeRequire(name))
  const fakeProcess = Object.create(process, { argv: { value: ['electron', ...argv] }, platform: { value: 'linux' } })
  const module = { exports: {} }
  // Each start evaluates a fresh copy of the bundle in this one process (the app loads it once):
  // clear the mark the previous copy's Yjs left, or the new copy warns about a double import.
  delete (globalThis as Record<string, unknown>)['__ $YJS$ __']
  const wrapper = runInThisContext(`(function (exports, require, module, __filename, __dirname, process) {${readFileSync(MAIN, 'utf8')}\n})`) as Handler
  wrapper(module.exports, sandboxRequire, module, MAIN, join(ROOT, 'dist', 'electron'), fakeProcess)
  // Let whenReady's continuation (reading settings, opening windows) finish.
  for (const until = Date.now() + 10_000; windows.length === 0 && Date.now() < until; ) await new Promise((done) => setTimeout(done, 10))
  return { ipcMain, app, windows, sent, calls, privileged, protocolHandlers, menu: () => menu }
}

/** The IPC event of a call from the top frame of `win`. */
function from(win: { webContents: { id: number }; url: string }) {
  return { sender: { id: win.webContents.id }, senderFrame: { url: win.url, parent: null } }
}

describe('main process wiring (built bundle, stand-in Electron)', () => {
  it('locks the app down before anything loads, then opens one window on the start screen', async () => {
    const main = await startMain(['.'])
    expect(main.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }])
    expect(main.calls).toEqual(expect.arrayContaining(['enableSandbox', 'onHeadersReceived', 'setPermissionRequestHandler', 'setPermissionCheckHandler']))
    expect([...main.ipcMain.handlers.keys()].sort()).toEqual(HOST_METHODS.map(hostChannel).sort())
    expect([...main.ipcMain.listeners.keys()]).toEqual([CLOSE_REPLY_CHANNEL])
    expect(main.menu()).not.toBeNull()
    expect(main.app.listeners.has('web-contents-created')).toBe(true)
    expect(main.windows).toHaveLength(1)
    const [win] = main.windows
    expect(win!.url).toBe('app://mldoc/index.html#/')
    const prefs = win!.options.webPreferences!
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false })
    expect(prefs.preload).toBe(join(ROOT, 'dist', 'electron', 'preload.cjs'))
    expect(existsSync(prefs.preload!)).toBe(true)
    const served = await main.protocolHandlers.get('app')!({ url: 'app://mldoc/../package.json' })
    expect(served.status).toBe(404)
  })

  it('saves a new document where the user chooses, then opens it from the command line in a window that may read it', async () => {
    const path = join(scratch, 'plan.mldoc')
    const first = await startMain(['.'], { savePath: path })
    const created = (await first.ipcMain.invoke('mldoc:newDocument', from(first.windows[0]!), { templateId: 'ml-engineering-document', lang: 'en' })) as { ok: boolean; value: { state: Uint8Array } }
    expect(created.ok).toBe(true)
    const saved = await first.ipcMain.invoke('mldoc:saveDocument', from(first.windows[0]!), { path: null, state: created.value.state, suggestedName: 'plan' })
    expect(saved).toEqual({ ok: true, value: { path } })
    expect(first.calls).toContain(`recent ${path}`)

    const main = await startMain(['.', path])
    const [win] = main.windows
    expect(win!.url).toBe(`app://mldoc/index.html#/open/${encodeURIComponent(path)}`)
    const reply = await main.ipcMain.invoke('mldoc:openDocument', from(win!), { path })
    expect(reply).toMatchObject({ ok: true, value: { path, name: 'plan' } })
    await expect(main.ipcMain.invoke('mldoc:openDocument', { ...from(win!), sender: { id: 999 } }, { path })).rejects.toThrow(/not an MLDoc window/)
  })

  it('asks the window about unsaved changes before it closes, and keeps it open when the user cancels', async () => {
    const main = await startMain(['.'], { prompt: 2 })
    const [win] = main.windows
    const event = from(win!)
    win!.close()
    const query = main.sent.find((s) => s.channel === CLOSE_QUERY_CHANNEL)!.args[0] as CloseQuery
    expect(query.action).toBe('query')
    main.ipcMain.listeners.get(CLOSE_REPLY_CHANNEL)!(event, { id: query.id, unsaved: true })
    await new Promise((done) => setTimeout(done, 20))
    expect(win!.closed).toBe(false)
  })

  it('closes the window once the user chooses not to save', async () => {
    const main = await startMain(['.'], { prompt: 1 })
    const [win] = main.windows
    const event = from(win!)
    win!.close()
    const query = main.sent.find((s) => s.channel === CLOSE_QUERY_CHANNEL)!.args[0] as CloseQuery
    main.ipcMain.listeners.get(CLOSE_REPLY_CHANNEL)!(event, { id: query.id, unsaved: true })
    await new Promise((done) => setTimeout(done, 20))
    expect(win!.closed).toBe(true)
  })
})
