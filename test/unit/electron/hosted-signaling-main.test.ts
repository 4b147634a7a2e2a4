import { spawn, spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { Settings, ShownSettings } from '../../../core/host/api.js'
import { buildMain, from, settle, startMain } from './main-harness.js'

/**
 * The signaling server the built main process (dist/electron/main.cjs, stand-in Electron) runs
 * for the team when started with --host-signaling: it listens on 0.0.0.0:4444, so this runs in
 * a network namespace of its own (scripts/netns-run.sh: loopback and 10.99.0.1/10.99.0.2 only),
 * where that port reaches nothing outside the test and collides with no one. Outside the
 * namespace the test starts itself inside one; it is skipped, saying why, where none can be made.
 */

const ROOT = resolve(import.meta.dirname, '../../..')
const THIS_FILE = 'test/unit/electron/hosted-signaling-main.test.ts'
const inNamespace = process.env.MLDOC_NETNS === '1'

/** Why no network namespace can be made here, or null when one can. */
function cannotRun(): string | null {
  if (inNamespace) return null
  const probe = spawnSync('unshare', ['-n', 'true'], { encoding: 'utf8' })
  if (probe.error) return 'unshare is not installed (util-linux)'
  if (probe.status !== 0) return `cannot create a network namespace here (needs root or CAP_SYS_ADMIN): ${probe.stderr.trim()}`
  if (spawnSync('ip', ['-V']).error) return 'ip is not installed (iproute2)'
  return null
}
const reason = cannotRun()

/** Resolves once a WebSocket to `url` opens, rejects when it cannot. */
function connect(url: string): Promise<WebSocket> {
  const socket = new WebSocket(url)
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket))
    socket.once('error', reject)
  })
}

describe.skipIf(inNamespace)('the hosted signaling server of the desktop app', () => {
  it.skipIf(reason !== null)(`works in a network namespace of its own${reason ? ` — skipped: ${reason}` : ''}`, async () => {
    const child = spawn(join(ROOT, 'scripts/netns-run.sh'), [process.execPath, join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', THIS_FILE], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    const status = await new Promise<number | null>((done) => child.on('close', done))
    expect(status, output).toBe(0)
    // All four ran in the namespace (none skipped there).
    // eslint-disable-next-line no-control-regex
    expect(output.replace(/\u001b\[[0-9;]*m/g, '')).toMatch(/Tests\s+4 passed \| 1 skipped \(5\)/)
  }, 120_000)
})

describe.runIf(inNamespace)('the hosted signaling server of the desktop app (in its network namespace)', () => {
  let scratch: string

  beforeAll(async () => {
    const build = buildMain()
    expect(build.status, build.stderr).toBe(0)
    scratch = await mkdtemp(join(tmpdir(), 'mldoc-hosted-main-'))
  }, 120_000)

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true })
  })

  /** The settings a window of `main` gets from the host. */
  async function windowSettings(main: Awaited<ReturnType<typeof startMain>>): Promise<ShownSettings> {
    const reply = (await main.ipcMain.invoke('mldoc:getSettings', from(main.windows[0]!), {})) as { ok: boolean; value: ShownSettings }
    expect(reply.ok).toBe(true)
    return reply.value
  }

  /** What a window of `main` gets back when it saves a settings change. */
  async function saveSettings(main: Awaited<ReturnType<typeof startMain>>, change: Partial<Settings>): Promise<ShownSettings> {
    const reply = (await main.ipcMain.invoke('mldoc:setSettings', from(main.windows[0]!), change)) as { ok: boolean; value: ShownSettings; error?: string }
    expect(reply.ok, reply.error).toBe(true)
    return reply.value
  }

  /** Quits a started main as Electron would, and waits until its server has stopped listening. */
  async function quit(main: Awaited<ReturnType<typeof startMain>>): Promise<void> {
    main.app.emit('will-quit')
    await stopped()
  }

  /** Resolves once nothing listens on port 4444 any more. */
  async function stopped(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if (await connect('ws://127.0.0.1:4444').then((s) => (s.close(), false), () => true)) return
      await settle()
    }
    throw new Error('the signaling server still listens on port 4444')
  }

  /** This machine's network address in the namespace (the order of its two addresses is the kernel's). */
  const LAN = /^ws:\/\/10\.99\.0\.[12]:4444$/

  it('starts with --host-signaling on 0.0.0.0:4444, its network address first in the windows’ settings, and remembers the choice', async () => {
    const main = await startMain(['--host-signaling'], { userData: scratch })
    try {
      expect(main.messages).toEqual([])
      const [lan, ...rest] = (await windowSettings(main)).signalingUrls
      expect(lan).toMatch(LAN)
      expect(rest).toEqual([])
      // Teammates reach it at that address, and this machine at any of its own.
      const a = await connect(lan!)
      const b = await connect(lan!.endsWith('.1:4444') ? 'ws://10.99.0.2:4444' : 'ws://10.99.0.1:4444')
      const got = new Promise((done) => a.once('message', (data) => done(JSON.parse(String(data)))))
      a.send(JSON.stringify({ type: 'subscribe', topics: ['room'] }))
      b.send(JSON.stringify({ type: 'subscribe', topics: ['room'] }))
      await settle()
      b.send(JSON.stringify({ type: 'publish', topic: 'room', data: 'offer' }))
      expect(await got).toEqual({ type: 'publish', topic: 'room', data: 'offer', clients: 2 })
      a.close()
      b.close()
      expect(JSON.parse(await readFile(join(scratch, 'userData', 'settings.json'), 'utf8'))).toMatchObject({ hostSignaling: true, hostSignalingPort: 4444, signalingUrls: ['ws://127.0.0.1:4444'] })
    } finally {
      // Quitting stops it.
      await quit(main)
    }
  })

  it('starts again at the next launch without the switch, and not after --no-host-signaling', async () => {
    const next = await startMain([], { userData: scratch })
    try {
      expect(next.messages).toEqual([])
      expect((await windowSettings(next)).signalingUrls).toEqual([expect.stringMatching(LAN)])
      // A second instance turns it off.
      next.app.emit('second-instance', {}, ['/opt/MLDoc/mldoc', '--no-host-signaling'], '/')
      await stopped()
    } finally {
      await quit(next)
    }
    const off = await startMain([], { userData: scratch })
    expect((await windowSettings(off)).signalingUrls).toEqual(['ws://127.0.0.1:4444'])
    await quit(off)
  })

  it('starts and stops when a window saves the setting, without a restart', async () => {
    const main = await startMain([], { userData: scratch })
    try {
      expect((await windowSettings(main)).hostedSignaling).toEqual({ state: 'off' })
      const on = await saveSettings(main, { hostSignaling: true })
      expect(on.hostedSignaling).toEqual({ state: 'running', port: 4444, url: expect.stringMatching(LAN) })
      expect(on.signalingUrls).toEqual([expect.stringMatching(LAN)])
      ;(await connect(on.signalingUrls[0]!)).close()
      const off = await saveSettings(main, { hostSignaling: false })
      expect([off.hostedSignaling, off.signalingUrls]).toEqual([{ state: 'off' }, ['ws://127.0.0.1:4444']])
      await stopped()
      // A setting a window may not save is refused, naming it.
      await expect(main.ipcMain.invoke('mldoc:setSettings', from(main.windows[0]!), { hostSignalingPort: 80 })).rejects.toThrow(/^invalid setSettings request: hostSignalingPort: /)
    } finally {
      await quit(main)
    }
  })

  it('says so when port 4444 is taken, and the windows keep the servers in Settings', async () => {
    const taken = createServer()
    await new Promise<void>((done) => taken.listen(4444, '0.0.0.0', done))
    try {
      const main = await startMain(['--host-signaling'], { userData: scratch })
      await settle()
      expect(main.messages.map((m) => [m.type, m.message, m.detail?.split('\n')[0]])).toEqual([
        ['warning', 'MLDoc could not start its signaling server', 'port 4444 is already in use on this computer (is "mldoc signal" or another signaling server running?)'],
      ])
      expect((await windowSettings(main)).signalingUrls).toEqual(['ws://127.0.0.1:4444'])
      expect((await windowSettings(main)).hostedSignaling).toMatchObject({ state: 'failed', port: 4444, problem: 'port-in-use' })
      // A document opened from the system meanwhile does not warn again.
      main.app.emit('second-instance', {}, ['/opt/MLDoc/mldoc', '/tmp/plan.mldoc'], '/')
      await settle()
      expect(main.messages).toHaveLength(1)
      main.app.emit('will-quit')
    } finally {
      await new Promise((done) => taken.close(done))
    }
  })
})
