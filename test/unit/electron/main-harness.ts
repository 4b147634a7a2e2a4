import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { runInThisContext } from 'node:vm'
import type { MessageBoxOptions } from 'electron'
import { FakeIpcMain } from './fakes.js'

/**
 * The built main process (dist/electron/main.cjs) run against a stand-in `electron` module, for
 * tests of what main does when links, command lines and IPC calls reach it.
 */

const ROOT = resolve(import.meta.dirname, '../../..')
const MAIN = join(ROOT, 'dist', 'electron', 'main.cjs')

/** The app page of the start screen. */
export const START_PAGE = 'app://mldoc/index.html#/'

/** Builds dist/electron/main.cjs; returns the build's error output when it fails. */
export function buildMain(): { status: number | null; stderr: string } {
  return spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-electron.mjs')], { cwd: ROOT, encoding: 'utf8' })
}

type Handler = (...args: unknown[]) => unknown

/** An event emitter that keeps one list of listeners per name. */
export class Emitter {
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

/** Lets main's asynchronous work (message boxes, IPC replies) finish. */
export const settle = () => new Promise((done) => setTimeout(done, 30))

/**
 * Starts main.cjs with a stand-in Electron on `platform`, its `app.getPath(name)` folders inside
 * `userData`. `beforeReady` runs after main has loaded and before the app is ready (where macOS
 * delivers the link that launched the app). Returns what main did: its windows, the message
 * boxes it showed, the schemes it registered.
 */
export async function startMain(argv: string[], { userData, platform = 'linux', beforeReady = (_app: Emitter) => {} }: { userData: string; platform?: string; beforeReady?: (app: Emitter) => void }) {
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
      getPath: (name: string) => join(userData, name),
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

/** An IPC event from the top frame of `win`, as Electron reports it. */
export function from(win: { webContents: { id: number }; url: string }) {
  return { sender: { id: win.webContents.id }, senderFrame: { url: win.url, parent: null } }
}
