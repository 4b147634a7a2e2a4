import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { runInThisContext } from 'node:vm'
import type { MessageBoxOptions } from 'electron'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatInvite } from '../../../core/collab/invite.js'
import { newRoomId, newRoomSecret } from '../../../core/collab/random.js'
import { joinPageUrl } from '../../../electron/main/invite-link.js'
import { FakeIpcMain, preventableEvent } from './fakes.js'

/**
 * Invite links reaching the built main process (dist/electron/main.cjs) the ways the systems
 * deliver them, against a stand-in `electron` module: on the command line at launch (Windows,
 * Linux), from a second instance, and as macOS's `open-url`, before and after the app is ready.
 */

const ROOT = resolve(import.meta.dirname, '../../..')
const MAIN = join(ROOT, 'dist', 'electron', 'main.cjs')
const LINK = formatInvite({ room: newRoomId(), secret: newRoomSecret(), transport: 'webrtc', signaling: ['ws://192.168.1.20:4444'] })
const START_PAGE = 'app://mldoc/index.html#/'
let scratch: string

beforeAll(async () => {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-electron.mjs')], { cwd: ROOT, encoding: 'utf8' })
  expect(build.status, build.stderr).toBe(0)
  scratch = await mkdtemp(join(tmpdir(), 'mldoc-main-invites-'))
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

const settle = () => new Promise((done) => setTimeout(done, 30))

/**
 * Starts main.cjs with a stand-in Electron on `platform`. `beforeReady` runs after main has
 * loaded and before the app is ready (where macOS delivers the link that launched the app).
 */
async function startMain(argv: string[], { platform = 'linux', beforeReady = (_app: Emitter) => {} } = {}) {
  const ipcMain = new FakeIpcMain()
  const app = new Emitter()
  const windows: FakeWindow[] = []
  const messages: MessageBoxOptions[] = []
  const schemes: unknown[][] = []
  let ready = false
  let nextId = 1

  class FakeWindow extends Emitter {
    readonly id = nextId++
    readonly webContents = { id: 100 + this.id, send() {} }
    url = ''
    focused = 0
    constructor() {
      super()
      windows.push(this)
    }
    static getFocusedWindow() {
      return null
    }
    async loadURL(url: string) {
      this.url = url
    }
    isDestroyed() {
      return false
    }
    isMinimized() {
      return false
    }
    focus() {
      this.focused++
    }
    show() {}
    restore() {}
  }

  const electron = {
    app: Object.assign(app, {
      getAppPath: () => ROOT,
      getPath: (name: string) => join(scratch, name),
      requestSingleInstanceLock: () => true,
      enableSandbox: () => {},
      whenReady: () => new Promise<void>((done) => setTimeout(done, 10)).then(() => void (ready = true)),
      isReady: () => ready,
      quit: () => {},
      addRecentDocument: () => {},
      setAsDefaultProtocolClient: (...args: unknown[]) => schemes.push(args) > 0,
    }),
    BrowserWindow: FakeWindow,
    ipcMain,
    protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
    session: { defaultSession: { webRequest: { onHeadersReceived: () => {} }, setPermissionRequestHandler: () => {}, setPermissionCheckHandler: () => {} } },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: () => {} },
    dialog: {
      showMessageBox: async (...args: unknown[]) => {
        messages.push(args.at(-1) as MessageBoxOptions)
        return { response: 0 }
      },
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
      showErrorBox: () => {},
    },
    shell: { openExternal: async () => {} },
  }

  const nodeRequire = createRequire(MAIN)
  const sandboxRequire = (name: string) => (name === 'electron' ? electron : nodeRequire(name))
  const fakeProcess = Object.create(process, { argv: { value: ['/opt/MLDoc/mldoc', ...argv] }, platform: { value: platform }, defaultApp: { value: undefined } })
  const module = { exports: {} }
  delete (globalThis as Record<string, unknown>)['__ $YJS$ __']
  const wrapper = runInThisContext(`(function (exports, require, module, __filename, __dirname, process) {${readFileSync(MAIN, 'utf8')}\n})`) as Handler
  wrapper(module.exports, sandboxRequire, module, MAIN, join(ROOT, 'dist', 'electron'), fakeProcess)
  beforeReady(app)
  for (const until = Date.now() + 10_000; windows.length === 0 && Date.now() < until; ) await new Promise((done) => setTimeout(done, 10))
  await settle()
  return { app, ipcMain, windows, messages, schemes }
}

describe('invite links reaching the desktop app', () => {
  it('registers the mldoc scheme with the system at start', async () => {
    const main = await startMain([])
    expect(main.schemes).toEqual([['mldoc']])
  })

  it('opens a window on the join screen for a link on the command line, and no start screen', async () => {
    const main = await startMain([LINK])
    expect(main.windows.map((w) => w.url)).toEqual([joinPageUrl(LINK)])
    // The join window is an app page: it may call the host.
    const win = main.windows[0]!
    const reply = await main.ipcMain.invoke('mldoc:getSettings', { sender: { id: win.webContents.id }, senderFrame: { url: win.url, parent: null } }, {})
    expect(reply).toMatchObject({ ok: true })
  })

  it('refuses a malformed link with a message saying what is wrong, and opens the start screen', async () => {
    const main = await startMain(['mldoc://join?room=abc'])
    expect(main.windows.map((w) => w.url)).toEqual([START_PAGE])
    expect(main.messages).toEqual([{ type: 'error', message: 'This invite cannot be used', detail: 'invite: the room id is too short (3 characters, at least 8): the invite was probably cut off\n\nAsk for the invite again, and open it whole.' }])
  })

  it('opens a link passed on by a second instance in a new window; a malformed one only gets the message', async () => {
    const main = await startMain([])
    expect(main.windows.map((w) => w.url)).toEqual([START_PAGE])
    main.app.emit('second-instance', preventableEvent({}), ['/opt/MLDoc/mldoc', LINK], '/home/aziz')
    expect(main.windows.map((w) => w.url)).toEqual([START_PAGE, joinPageUrl(LINK)])
    main.app.emit('second-instance', preventableEvent({}), ['/opt/MLDoc/mldoc', 'mldoc://join?room=abcdefgh&secret=s'], '/home/aziz')
    await settle()
    expect(main.windows).toHaveLength(2)
    expect(main.messages.map((m) => m.detail?.split('\n')[0])).toEqual(['invite: the secret is too short (1 characters, at least 16): the invite was probably cut off'])
  })

  it('on macOS, opens the link that launched the app once it is ready, instead of the start screen', async () => {
    const events: ReturnType<typeof preventableEvent>[] = []
    const main = await startMain([], {
      platform: 'darwin',
      beforeReady: (app) => {
        const event = preventableEvent({})
        events.push(event)
        app.emit('open-url', event, LINK)
      },
    })
    expect(events[0]!.defaultPrevented).toBe(true)
    expect(main.windows.map((w) => w.url)).toEqual([joinPageUrl(LINK)])
    // A link opened later opens at once.
    main.app.emit('open-url', preventableEvent({}), LINK)
    expect(main.windows).toHaveLength(2)
  })
})
