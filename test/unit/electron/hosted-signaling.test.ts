import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type AddressInfo, type Server } from 'node:net'
import { tmpdir, type NetworkInterfaceInfo } from 'node:os'
import { join } from 'node:path'
import type { MessageBoxOptions } from 'electron'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { formatInvite } from '../../../core/collab/invite.js'
import { newRoomId, newRoomSecret } from '../../../core/collab/random.js'
import type { Settings } from '../../../core/host/api.js'
import type { Lang } from '../../../core/i18n.js'
import {
  applyHostSignalingOption,
  HOSTED_SIGNALING_HOST,
  HOSTED_SIGNALING_PORT,
  HostedSignaling,
  hostSignalingSwitch,
  hostedSettingsHandlers,
  hostingFailedOptions,
  lanAddress,
  type Interfaces,
} from '../../../electron/main/hosted-signaling.js'
import { UserData } from '../../../electron/main/user-data.js'
import { startSignalServer, type SignalServerOptions } from '../../../node/signal/server.js'

/**
 * The signaling server the desktop app runs for a team: started with real servers (asked for
 * 0.0.0.0:4444, given 127.0.0.1 and a free port here, so the test reaches nothing outside this
 * machine and collides with no one), and the settings the windows see, kept in real files.
 */

/** One address of a network interface, as `os.networkInterfaces()` lists it. */
const iface = (address: string, internal = false, family: 'IPv4' | 'IPv6' = 'IPv4'): NetworkInterfaceInfo =>
  ({ address, family, internal, netmask: family === 'IPv4' ? '255.255.255.0' : 'ffff:ffff:ffff:ffff::', mac: '00:00:00:00:00:00', cidr: null, scopeid: 0 }) as NetworkInterfaceInfo

/** A laptop on a home network: loopback, a link-local leftover, IPv6, then its network address. */
const LAPTOP: Interfaces = {
  lo: [iface('127.0.0.1', true), iface('::1', true, 'IPv6')],
  eth1: [iface('169.254.10.3')],
  wlan0: [iface('fe80::1', false, 'IPv6'), iface('192.168.1.20')],
  docker0: [iface('172.17.0.1')],
}

let dir: string
const cleanup: (() => Promise<void> | void)[] = []

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mldoc-hosted-'))
})
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo()
  await rm(dir, { recursive: true, force: true })
})

/**
 * A hosted server whose starts are recorded and which really listens, on 127.0.0.1 and on the port
 * `ports` maps the asked one to (`port` for any other; 0: a free one).
 */
function hosted(interfaces: Interfaces = LAPTOP, port = 0, ports: ReadonlyMap<number, number> = new Map()) {
  const asked: SignalServerOptions[] = []
  const signaling = new HostedSignaling({
    start: async (options) => {
      asked.push(options)
      return startSignalServer({ ...options, host: '127.0.0.1', port: ports.get(options.port!) ?? port })
    },
    interfaces: () => interfaces,
  })
  cleanup.push(() => signaling.close())
  return { signaling, asked }
}

/** The port the running server listens on. */
function portOf(signaling: HostedSignaling): number {
  return Number(new URL(signaling.lanUrl()!).port)
}

/** Connects to a signaling server, subscribes to `room` and resolves with the first message published there. */
function subscriber(url: string, room: string): Promise<{ socket: WebSocket; first: Promise<unknown> }> {
  const socket = new WebSocket(url)
  cleanup.push(() => socket.terminate())
  const first = new Promise<unknown>((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))))
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      socket.send(JSON.stringify({ type: 'subscribe', topics: [room] }))
      resolve({ socket, first })
    })
    socket.once('error', reject)
  })
}

describe("this machine's network address", () => {
  it('is the first IPv4 address that is neither loopback nor link-local', () => {
    expect(lanAddress(LAPTOP)).toBe('192.168.1.20')
    expect(lanAddress({ lo: [iface('127.0.0.1', true)], eth0: [iface('169.254.1.1')] })).toBeNull()
    expect(lanAddress({})).toBeNull()
  })
})

describe('the hosted signaling server', () => {
  it('is asked for port 4444 on every IPv4 interface, starts once, and hands out the network address it is reached at', async () => {
    const { signaling, asked } = hosted({ lo: [iface('127.0.0.1', true)], eth0: [iface('127.0.0.1')] })
    expect(signaling.lanUrl()).toBeNull()
    await signaling.set(true)
    await signaling.set(true)
    expect(asked).toEqual([{ port: HOSTED_SIGNALING_PORT, host: HOSTED_SIGNALING_HOST }])
    expect([HOSTED_SIGNALING_PORT, HOSTED_SIGNALING_HOST]).toEqual([4444, '0.0.0.0'])
    expect(signaling.running).toBe(true)
    // Two teammates reach each other through the address it hands out.
    const url = signaling.lanUrl()!
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/)
    const room = newRoomId()
    const a = await subscriber(url, room)
    const b = await subscriber(url, room)
    b.socket.send(JSON.stringify({ type: 'publish', topic: room, data: 'hello' }))
    expect(await a.first).toEqual({ type: 'publish', topic: room, data: 'hello', clients: 2 })
    // Stopped: nothing listens there any more, and no address is handed out.
    await signaling.set(false)
    expect(signaling.running).toBe(false)
    expect(signaling.lanUrl()).toBeNull()
    await expect(subscriber(url, room)).rejects.toThrow(/ECONNREFUSED/)
  })

  it('says why it cannot start when the port is taken, and hands out nothing', async () => {
    const taken: Server = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    cleanup.push(() => new Promise<void>((resolve) => taken.close(() => resolve())))
    const { signaling } = hosted(LAPTOP, (taken.address() as AddressInfo).port)
    await expect(signaling.set(true)).rejects.toThrow('port 4444 is already in use on this computer (is "mldoc signal" or another signaling server running?)')
    expect(signaling.running).toBe(false)
    const settings = { signalingUrls: ['ws://127.0.0.1:4444'] } as Settings
    expect(signaling.served(settings)).toBe(settings)
  })

  it('tells the user in the UI language what went wrong and how to try again', () => {
    expect(hostingFailedOptions('en', 'port 4444 is already in use on this computer')).toEqual({
      type: 'warning',
      message: 'MLDoc could not start its signaling server',
      detail: 'port 4444 is already in use on this computer\n\nInvites from this computer name only the other signaling servers in Settings until it runs. In Settings, choose another port or turn hosting off.',
    })
    expect(hostingFailedOptions('uz', 'x').message).toBe('MLDoc signal serverini ishga tushira olmadi')
  })
})

describe('the settings windows see while the server runs', () => {
  /** The settings calls as main serves them: real user data, seen through the hosted server. */
  async function settingsCalls(signaling: HostedSignaling) {
    const userData = new UserData(join(dir, 'user-data'))
    const caller = { windowId: 1 }
    const calls = hostedSettingsHandlers({ getSettings: () => userData.settings(), setSettings: (change) => userData.updateSettings(change) }, signaling)
    return {
      userData,
      get: () => calls.getSettings({}, caller),
      set: (change: Partial<Settings>) => calls.setSettings(change, caller),
    }
  }

  it('put the network address first, in place of the addresses that name this server from this machine, and every invite carries it', async () => {
    const { signaling } = hosted()
    await signaling.set(true)
    const port = portOf(signaling)
    const calls = await settingsCalls(signaling)
    await calls.userData.updateSettings({ signalingUrls: [`ws://127.0.0.1:${port}/`, 'wss://signal.example.org/', `ws://localhost:${port}`, 'ws://127.0.0.1:5000/'] })
    const seen = await calls.get()
    expect(seen.signalingUrls).toEqual([`ws://192.168.1.20:${port}`, 'wss://signal.example.org/', 'ws://127.0.0.1:5000/'])
    const invite = formatInvite({ room: newRoomId(), secret: newRoomSecret(), transport: 'webrtc', signaling: seen.signalingUrls })
    expect(invite).toContain(`&signal=ws%3A%2F%2F192.168.1.20%3A${port}%2F&signal=wss%3A%2F%2Fsignal.example.org%2F`)
  })

  it('never store the network address, and keep what the window did not see', async () => {
    const { signaling } = hosted()
    await signaling.set(true)
    const port = portOf(signaling)
    const calls = await settingsCalls(signaling)
    await calls.userData.updateSettings({ signalingUrls: [`ws://127.0.0.1:${port}/`, 'wss://signal.example.org/'] })
    // The window saves the list it saw, with one server added.
    const seen = await calls.set({ signalingUrls: [`ws://192.168.1.20:${port}/`, 'wss://signal.example.org/', 'wss://two.example.org/'] })
    expect(seen.signalingUrls).toEqual([`ws://192.168.1.20:${port}`, 'wss://signal.example.org/', 'wss://two.example.org/'])
    expect((await calls.userData.settings()).signalingUrls).toEqual(['wss://signal.example.org/', 'wss://two.example.org/', `ws://127.0.0.1:${port}/`])
    // Other settings pass through as they are.
    expect((await calls.set({ userName: 'Dilnoza' })).userName).toBe('Dilnoza')
    expect((await calls.userData.settings()).signalingUrls).toEqual(['wss://signal.example.org/', 'wss://two.example.org/', `ws://127.0.0.1:${port}/`])
    // At most ten servers, the network address first.
    const many = Array.from({ length: 10 }, (_, i) => `wss://s${i}.example.org/`)
    await calls.userData.updateSettings({ signalingUrls: many })
    expect((await calls.get()).signalingUrls).toEqual([`ws://192.168.1.20:${port}`, ...many.slice(0, 9)])
    expect((await calls.set({ signalingUrls: (await calls.get()).signalingUrls })).signalingUrls).toHaveLength(10)
    expect((await calls.userData.settings()).signalingUrls).toEqual(many)
    // Stopped: the windows see what is stored.
    await signaling.set(false)
    expect((await calls.get()).signalingUrls).toEqual(many)
  })

  it('are the stored ones when this machine has no network address', async () => {
    const { signaling } = hosted({ lo: [iface('127.0.0.1', true)] })
    await signaling.set(true)
    const calls = await settingsCalls(signaling)
    expect((await calls.get()).signalingUrls).toEqual(['ws://127.0.0.1:4444'])
    expect((await calls.set({ signalingUrls: ['wss://a.example.org/'] })).signalingUrls).toEqual(['wss://a.example.org/'])
  })
})

/** A port another program holds on 127.0.0.1, released after the test. */
async function takenPort(): Promise<number> {
  const taken: Server = createServer()
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
  cleanup.push(() => new Promise<void>((resolve) => taken.close(() => resolve())))
  return (taken.address() as AddressInfo).port
}

describe('what the hosted server is doing', () => {
  it('is off, running with the address teammates reach, moved to another port, failed with the problem, and off again', async () => {
    const blocked = await takenPort()
    const { signaling, asked } = hosted(LAPTOP, 0, new Map([[6000, blocked]]))
    expect(signaling.state()).toEqual({ state: 'off' })
    await signaling.set(true, 5000)
    const first = signaling.lanUrl()!
    expect(signaling.state()).toEqual({ state: 'running', port: 5000, url: first })
    expect(first).toMatch(/^ws:\/\/192\.168\.1\.20:\d+$/)
    // The same port again: nothing restarts.
    await signaling.set(true, 5000)
    expect(asked).toEqual([{ port: 5000, host: '0.0.0.0' }])
    // Another port: the old server stops listening, the new one starts.
    await signaling.set(true, 5001)
    expect(asked.map((a) => a.port)).toEqual([5000, 5001])
    expect(signaling.state()).toMatchObject({ state: 'running', port: 5001 })
    const local = (url: string) => url.replace('192.168.1.20', '127.0.0.1')
    await expect(subscriber(local(first), 'room')).rejects.toThrow(/ECONNREFUSED/)
    await subscriber(local(signaling.lanUrl()!), 'room')
    // A port in use: the server that ran is stopped, and the state says why none runs.
    await expect(signaling.set(true, 6000)).rejects.toThrow('port 6000 is already in use on this computer (is "mldoc signal" or another signaling server running?)')
    expect(signaling.state()).toEqual({ state: 'failed', port: 6000, problem: 'port-in-use', message: 'port 6000 is already in use on this computer (is "mldoc signal" or another signaling server running?)' })
    expect(signaling.running).toBe(false)
    await signaling.set(false, 6000)
    expect(signaling.state()).toEqual({ state: 'off' })
  })

  it('is running without an address when this machine has no network one', async () => {
    const { signaling } = hosted({ lo: [iface('127.0.0.1', true)] })
    await signaling.set(true)
    expect(signaling.state()).toEqual({ state: 'running', port: 4444, url: null })
  })
})

describe('the hosting settings saved from the Settings dialog', () => {
  async function settingsCalls(signaling: HostedSignaling) {
    const userData = new UserData(join(dir, 'user-data'))
    const caller = { windowId: 1 }
    const calls = hostedSettingsHandlers({ getSettings: () => userData.settings(), setSettings: (change) => userData.updateSettings(change) }, signaling)
    return { userData, get: () => calls.getSettings({}, caller), set: (change: Partial<Settings>) => calls.setSettings(change, caller) }
  }

  it('start the server at once, and the invites of shares started afterwards name it; turned off, it stops and they do not', async () => {
    const { signaling } = hosted()
    const calls = await settingsCalls(signaling)
    expect(await calls.get()).toMatchObject({ hostSignaling: false, hostSignalingPort: 4444, signalingUrls: ['ws://127.0.0.1:4444'], hostedSignaling: { state: 'off' } })
    // (The test's server listens on a free port, not on 4444: another server stands in for the default address.)
    await calls.set({ signalingUrls: ['wss://signal.example.org/'] })

    const on = await calls.set({ hostSignaling: true })
    expect(signaling.running).toBe(true)
    const lan = signaling.lanUrl()!
    expect(on).toMatchObject({ hostSignaling: true, signalingUrls: [lan, 'wss://signal.example.org/'], hostedSignaling: { state: 'running', port: 4444, url: lan } })
    const invite = formatInvite({ room: newRoomId(), secret: newRoomSecret(), transport: 'webrtc', signaling: on.signalingUrls })
    expect(invite).toContain(`&signal=${encodeURIComponent(lan)}`)
    // Kept for later launches; the network address is not stored.
    const stored = JSON.parse(await readFile(join(dir, 'user-data', 'settings.json'), 'utf8')) as Settings
    expect([stored.hostSignaling, stored.hostSignalingPort, stored.signalingUrls]).toEqual([true, 4444, ['wss://signal.example.org/']])
    // Every window asking afterwards sees it too.
    expect((await calls.get()).signalingUrls).toEqual([lan, 'wss://signal.example.org/'])

    const off = await calls.set({ hostSignaling: false })
    expect(signaling.running).toBe(false)
    expect(off).toMatchObject({ hostSignaling: false, signalingUrls: ['wss://signal.example.org/'], hostedSignaling: { state: 'off' } })
    await expect(subscriber(lan.replace('192.168.1.20', '127.0.0.1'), 'room')).rejects.toThrow(/ECONNREFUSED/)
  })

  it('move the server to a new port, keep a port in use with the reason, and leave the server alone when other settings change', async () => {
    const blocked = await takenPort()
    const { signaling, asked } = hosted(LAPTOP, 0, new Map([[5000, blocked]]))
    const calls = await settingsCalls(signaling)
    await calls.set({ hostSignaling: true })
    await calls.set({ userName: 'Dilnoza', theme: 'dark' })
    expect(asked.map((a) => a.port)).toEqual([4444])

    const failed = await calls.set({ hostSignalingPort: 5000 })
    expect(failed.hostedSignaling).toEqual({ state: 'failed', port: 5000, problem: 'port-in-use', message: 'port 5000 is already in use on this computer (is "mldoc signal" or another signaling server running?)' })
    expect(failed.signalingUrls).toEqual(['ws://127.0.0.1:4444'])
    expect((await calls.userData.settings()).hostSignalingPort).toBe(5000)
    // The state stays until the next change.
    expect((await calls.get()).hostedSignaling).toMatchObject({ state: 'failed', port: 5000 })

    const moved = await calls.set({ hostSignalingPort: 5001 })
    expect(moved.hostedSignaling).toEqual({ state: 'running', port: 5001, url: signaling.lanUrl() })
    expect(asked.map((a) => a.port)).toEqual([4444, 5000, 5001])
  })
})

describe('hosting at launch and from the command line', () => {
  it('starts the server when Settings say so, keeps a command-line switch in Settings, and tells the user when the server cannot start', async () => {
    const userData = new UserData(join(dir, 'user-data'))
    const told: MessageBoxOptions[] = []
    const { signaling, asked } = hosted()
    const control = { settings: userData, hosted: signaling, tell: (options: MessageBoxOptions) => told.push(options), lang: (): Lang => 'en' }
    await applyHostSignalingOption(['.'], control)
    expect(signaling.running).toBe(false)
    await applyHostSignalingOption(['.', '--host-signaling'], control)
    expect(signaling.running).toBe(true)
    expect((await userData.settings()).hostSignaling).toBe(true)
    // The next launch (here: a second instance) starts nothing new while it runs.
    await applyHostSignalingOption(['.'], control)
    expect(asked).toHaveLength(1)
    await applyHostSignalingOption(['--no-host-signaling'], control)
    expect([signaling.running, (await userData.settings()).hostSignaling]).toEqual([false, false])
    // The port comes from Settings.
    await userData.updateSettings({ hostSignaling: true, hostSignalingPort: 5005 })
    await applyHostSignalingOption([], control)
    expect(asked.at(-1)).toEqual({ port: 5005, host: '0.0.0.0' })
    expect(told).toEqual([])

    const blocked = hosted(LAPTOP, await takenPort())
    await applyHostSignalingOption(['--host-signaling'], { ...control, hosted: blocked.signaling })
    expect(blocked.signaling.running).toBe(false)
    expect(told.map((t) => [t.message, t.detail?.split('\n')[0]])).toEqual([['MLDoc could not start its signaling server', 'port 5005 is already in use on this computer (is "mldoc signal" or another signaling server running?)']])
  })

  it('is switched on and off from the command line, the last switch winning', () => {
    expect(hostSignalingSwitch(['.', '--host-signaling'])).toBe(true)
    expect(hostSignalingSwitch(['--host-signaling', 'plan.mldoc', '--no-host-signaling'])).toBe(false)
    expect(hostSignalingSwitch(['.', 'plan.mldoc', '--host-signaling=yes'])).toBeNull()
  })
})
