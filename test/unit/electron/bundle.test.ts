import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join, resolve } from 'node:path'
import { runInNewContext } from 'node:vm'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { HOST_METHODS, hostChannel } from '../../../core/host/api.js'
import { CLOSE_QUERY_CHANNEL, CLOSE_REPLY_CHANNEL, MENU_CHANNEL, type MLDocBridge } from '../../../electron/common/bridge.js'

/**
 * The built shell: scripts/build-electron.mjs bundles main and preload, and the preload runs here
 * the way a sandboxed Electron renderer runs it, in a fresh context whose `require` knows only
 * `electron`.
 */

const ROOT = resolve(import.meta.dirname, '../../..')
const OUT = join(ROOT, 'dist', 'electron')

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-electron.mjs')], { cwd: ROOT, encoding: 'utf8' })
  expect(build.status, build.stderr).toBe(0)
}, 120_000)

/** The modules a CommonJS bundle requires. */
function requiredModules(file: string): string[] {
  return [...new Set([...readFileSync(file, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!))].sort()
}

type Listener = (event: unknown, ...args: unknown[]) => void

/** Loads the preload bundle with fake `contextBridge` and `ipcRenderer`, and returns what it exposed. */
function loadPreload() {
  const invoked: { channel: string; args: unknown[] }[] = []
  const sent: { channel: string; args: unknown[] }[] = []
  const listeners = new Map<string, Listener[]>()
  let reply: unknown = { ok: true, value: 'done' }
  const exposed: Record<string, unknown> = {}
  const ipcRenderer = {
    invoke: async (channel: string, ...args: unknown[]) => {
      invoked.push({ channel, args })
      return reply
    },
    send: (channel: string, ...args: unknown[]) => sent.push({ channel, args }),
    on: (channel: string, listener: Listener) => listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
    removeListener: (channel: string, listener: Listener) => listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener)),
  }
  const contextBridge = { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) }
  const required: string[] = []
  const sandboxRequire = (name: string) => {
    required.push(name)
    if (name === 'electron') return { contextBridge, ipcRenderer }
    throw new Error(`a sandboxed preload cannot require ${name}`)
  }
  const module = { exports: {} }
  runInNewContext(readFileSync(join(OUT, 'preload.cjs'), 'utf8'), { require: sandboxRequire, module, exports: module.exports, Promise, queueMicrotask })
  const emit = (channel: string, ...args: unknown[]) => (listeners.get(channel) ?? []).forEach((l) => l({ sender: ipcRenderer, senderId: 0 }, ...args))
  return { exposed, invoked, sent, emit, required, listeners, setReply: (value: unknown) => (reply = value) }
}

describe('preload bundle', () => {
  it('requires only electron, so it runs in a sandboxed renderer', () => {
    expect(requiredModules(join(OUT, 'preload.cjs'))).toEqual(['electron'])
    expect(loadPreload().required).toEqual(['electron'])
  })

  it('exposes window.mldoc with one named function per host method, plus onMenu and onCloseRequest, and nothing else', () => {
    const { exposed } = loadPreload()
    expect(Object.keys(exposed)).toEqual(['mldoc'])
    const api = exposed.mldoc as Record<string, unknown>
    expect(Object.keys(api).sort()).toEqual([...HOST_METHODS, 'onMenu', 'onCloseRequest'].sort())
    for (const value of Object.values(api)) expect(typeof value).toBe('function')
  })

  it.each(HOST_METHODS)('%s invokes mldoc:%s with the request alone and unpacks the reply', async (method) => {
    const { exposed, invoked } = loadPreload()
    const api = exposed.mldoc as Record<string, (request: unknown) => Promise<unknown>>
    const request = { marker: method }
    await expect(api[method]!(request)).resolves.toBe('done')
    expect(invoked).toEqual([{ channel: hostChannel(method), args: [request] }])
  })

  it('rejects with the host error message as it is', async () => {
    const { exposed, setReply } = loadPreload()
    setReply({ ok: false, error: '/a/plan.mldoc: the file is damaged' })
    await expect((exposed.mldoc as MLDocBridge).openDocument({})).rejects.toThrow(/^\/a\/plan.mldoc: the file is damaged$/)
  })

  it('passes menu commands on without the Electron event, drops unknown ones, and can stop', () => {
    const { exposed, emit } = loadPreload()
    const got: unknown[][] = []
    const stop = (exposed.mldoc as MLDocBridge).onMenu((...args: unknown[]) => got.push(args))
    emit(MENU_CHANNEL, 'save')
    emit(MENU_CHANNEL, 'rm -rf')
    emit(MENU_CHANNEL, { command: 'save' })
    stop()
    emit(MENU_CHANNEL, 'undo')
    expect(got).toEqual([['save']])
  })

  it('answers close queries: no handler means nothing unsaved; a handler decides; a failing handler keeps the window', async () => {
    const { exposed, emit, sent } = loadPreload()
    const flush = () => new Promise((done) => setTimeout(done, 0))
    emit(CLOSE_QUERY_CHANNEL, { id: 1, action: 'query' })
    const bridge = exposed.mldoc as MLDocBridge
    const actions: string[] = []
    bridge.onCloseRequest(async (action) => {
      actions.push(action)
      return action === 'query'
    })
    emit(CLOSE_QUERY_CHANNEL, { id: 2, action: 'query' })
    emit(CLOSE_QUERY_CHANNEL, { id: 3, action: 'save' })
    await flush()
    bridge.onCloseRequest(async () => {
      throw new Error('disk full')
    })
    emit(CLOSE_QUERY_CHANNEL, { id: 4, action: 'save' })
    await flush()
    expect(actions).toEqual(['query', 'save'])
    expect(sent).toEqual([
      { channel: CLOSE_REPLY_CHANNEL, args: [{ id: 1, unsaved: false }] },
      { channel: CLOSE_REPLY_CHANNEL, args: [{ id: 2, unsaved: true }] },
      { channel: CLOSE_REPLY_CHANNEL, args: [{ id: 3, unsaved: false }] },
      { channel: CLOSE_REPLY_CHANNEL, args: [{ id: 4, unsaved: true }] },
    ])
  })
})

describe('main bundle', () => {
  it('is what package.json starts, and needs nothing but electron and Node built-ins (the package ships no node_modules)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string }
    expect(pkg.main).toBe('dist/electron/main.cjs')
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)])
    expect(requiredModules(join(OUT, 'main.cjs')).filter((m) => m !== 'electron' && !builtins.has(m))).toEqual([])
  })
})

describe('electron-builder.yml', () => {
  const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
    files: string[]
    fileAssociations: Record<string, string>[]
    linux: { target: string[] }
    mac: { target: string }
    win: { target: string }
  }

  it('packages the bundles, the templates and package.json as MLDoc', () => {
    expect(config.productName).toBe('MLDoc')
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/)
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'templates/**', 'package.json']))
  })

  it('associates .mldoc files with MLDoc as their editor', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'mldoc', name: 'MLDoc document', role: 'Editor', mimeType: 'application/x-mldoc' })])
  })

  it('builds an AppImage and a deb, a dmg and an NSIS installer', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.mac.target).toBe('dmg')
    expect(config.win.target).toBe('nsis')
  })
})
