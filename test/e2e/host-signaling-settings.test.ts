import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type AddressInfo, type Server } from 'node:net'
import { tmpdir, type NetworkInterfaceInfo } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { HOST_METHODS, type Settings } from '../../core/host/api.js'
import { DocumentAccess } from '../../electron/main/access.js'
import { createHostHandlers } from '../../electron/main/handlers.js'
import { HostedSignaling, hostedSettingsHandlers } from '../../electron/main/hosted-signaling.js'
import { registerIpc } from '../../electron/main/ipc.js'
import { UserData } from '../../electron/main/user-data.js'
import { startSignalServer } from '../../node/signal/server.js'
import { FakeIpcMain, ipcEvent } from '../unit/electron/fakes.js'
import { launchChromium, ROOT, startTestHost, type TestHost } from './browser.js'

/**
 * "Host a signaling server on this computer" in the Settings dialog, in real Chromium, used with
 * the keyboard. There is no Electron runtime on these machines, so the desktop app is put
 * together from its parts: the built renderer (served by `mldoc web`) with a `window.mldoc`
 * bridge shaped like the preload's, whose calls go through main's real IPC checks (registerIpc)
 * to main's real handlers and user-data folder and a real hosted signaling server. The server
 * listens on 127.0.0.1 (on a free port for each port asked, or on a port another program holds,
 * to see the refusal) and the network address is a made-up 192.168.1.20, so nothing outside this
 * machine is reached. Browser mode, without the bridge, explains `mldoc signal` instead.
 * Screenshots of the dialog, light and dark, go to test-results/.
 */

const WINDOW = 1
const LAN_ADDRESS = '192.168.1.20'
const SHOTS = join(ROOT, 'test-results')

let browser: Browser
let web: TestHost
let page: Page
let userDataDir: string
let hosted: HostedSignaling
let taken: Server
let takenPort: number
let ipcMain: FakeIpcMain
const errors: string[] = []
/** The real port each asked port got (127.0.0.1): a free one, or the one held by `taken` for port 5000. */
const realPorts = new Map<number, number>()

beforeAll(async () => {
  ;[browser, web] = await Promise.all([launchChromium(), startTestHost()])
  userDataDir = await mkdtemp(join(tmpdir(), 'mldoc-e2e-userdata-'))
  taken = createServer()
  await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done))
  takenPort = (taken.address() as AddressInfo).port

  const lanInterface = { address: LAN_ADDRESS, family: 'IPv4', internal: false, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: null } as NetworkInterfaceInfo
  hosted = new HostedSignaling({
    start: async (options) => {
      const server = await startSignalServer({ ...options, host: '127.0.0.1', port: options.port === 5000 ? takenPort : 0 })
      realPorts.set(options.port!, server.port)
      return server
    },
    interfaces: () => ({ wlan0: [lanInterface] }),
  })
  const handlers = createHostHandlers({
    userData: new UserData(userDataDir),
    access: new DocumentAccess(),
    templatesDir: join(ROOT, 'templates'),
    chooseDocumentToOpen: async () => null,
    chooseSavePath: async () => null,
    chooseFolder: async () => null,
  })
  ipcMain = new FakeIpcMain()
  registerIpc({ ipcMain, windowOf: (id) => (id === 100 ? WINDOW : null), handlers: { ...handlers, ...hostedSettingsHandlers(handlers, hosted) }, onCloseReply: () => {} })

  page = await browser.newPage({ viewport: { width: 900, height: 1100 } })
  page.on('pageerror', (error) => errors.push(error.message))
  await page.exposeFunction('mldocMain', (method: string, request: unknown) => ipcMain.invoke(`mldoc:${method}`, ipcEvent(100), request))
  await page.addInitScript((methods: string[]) => {
    const main = (window as unknown as { mldocMain(method: string, request: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> }).mldocMain
    const bridge: Record<string, unknown> = { onMenu: () => () => {}, onCloseRequest: () => {} }
    for (const method of methods) {
      bridge[method] = async (request: unknown) => {
        const reply = await main(method, request)
        if (!reply.ok) throw new Error(reply.error)
        return reply.value
      }
    }
    Object.defineProperty(window, 'mldoc', { value: Object.freeze(bridge) })
  }, HOST_METHODS as string[])
}, 60_000)

afterAll(async () => {
  await hosted?.close()
  await new Promise((done) => taken?.close(done))
  await browser?.close()
  await web?.dispose()
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true })
})

/** The accessible name of the focused element: its `<label>`, or its text for a button. */
function focused(p: Page = page): Promise<string> {
  return p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el) return ''
    const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null
    return (label?.textContent ?? el.textContent ?? '').trim()
  })
}

/** The settings main keeps in its user-data folder. */
async function stored(): Promise<Settings> {
  return JSON.parse(await readFile(join(userDataDir, 'settings.json'), 'utf8')) as Settings
}

/** Resolves once a WebSocket to `url` opens, rejects when it cannot. */
function connect(url: string): Promise<void> {
  const socket = new WebSocket(url)
  return new Promise((resolve, reject) => {
    socket.once('open', () => (socket.close(), resolve()))
    socket.once('error', reject)
  })
}

const LABEL = 'Host a signaling server on this computer (for a team on one network)'
const PORT_LABEL = 'Port of the signaling server'
const SIGNALING_LABEL = 'Signaling servers, one per line (run one with "mldoc signal")'

describe('hosting a signaling server, in the Settings dialog of the desktop app (real renderer and main handlers, Chromium)', () => {
  it('is a labelled checkbox reached with Tab after the signaling servers, then its port, with help on the firewall', async () => {
    await page.goto(web.host.origin)
    await page.getByRole('button', { name: 'Settings' }).click()
    const checkbox = page.getByRole('checkbox', { name: LABEL })
    expect(await checkbox.isChecked()).toBe(false)
    expect(await checkbox.getAttribute('aria-describedby')).toBeTruthy()
    expect(await page.getByText(/firewall may ask whether MLDoc may accept incoming connections/).isVisible()).toBe(true)
    // (The test's server does not listen on 4444: another server stands in for the default ws://127.0.0.1:4444, which a server on 4444 would replace.)
    await page.getByLabel(SIGNALING_LABEL).focus()
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type('wss://signal.example.org')
    await page.keyboard.press('Tab')
    expect(await focused()).toBe(LABEL)
    await page.keyboard.press('Tab')
    expect(await focused()).toBe(PORT_LABEL)
    expect(await page.getByLabel(PORT_LABEL).inputValue()).toBe('4444')
    await page.keyboard.press('Tab')
    expect(await focused()).toBe('STUN and TURN servers, one per line')
  })

  it('starts the server at once when ticked, says where teammates reach it, and puts that address first among the signaling servers', async () => {
    await page.getByRole('checkbox', { name: LABEL }).focus()
    await page.keyboard.press('Space')
    const url = () => `ws://${LAN_ADDRESS}:${realPorts.get(4444)}`
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^Running\. Teammates on your network connect to ws:\/\/192\.168\.1\.20:\d+; your invites name this address\.$/)
    expect(await page.getByRole('status').textContent()).toContain(url())
    await expect.poll(() => page.getByLabel(SIGNALING_LABEL).inputValue()).toBe(`${url()}\nwss://signal.example.org/`)
    await connect(url().replace(LAN_ADDRESS, '127.0.0.1'))
    expect(await stored()).toMatchObject({ hostSignaling: true, hostSignalingPort: 4444, signalingUrls: ['wss://signal.example.org/'] })
    await page.screenshot({ path: join(SHOTS, 'settings-host-signaling-light.png') })
  })

  it('says in plain words when the port is in use, refuses a port it cannot take, and moves to a free one', async () => {
    const port = page.getByLabel(PORT_LABEL)
    await port.focus()
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type('5000')
    await page.keyboard.press('Tab')
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Not running: port 5000 is already in use on this computer (perhaps by “mldoc signal” or another signaling server). Choose another port, or stop the other program.')
    expect(await stored()).toMatchObject({ hostSignaling: true, hostSignalingPort: 5000 })
    // The list follows the settings one render after the status (it keeps what is being typed).
    await expect.poll(() => page.getByLabel(SIGNALING_LABEL).inputValue()).toBe('wss://signal.example.org/')
    await page.screenshot({ path: join(SHOTS, 'settings-host-signaling-port-in-use.png') })

    await port.focus()
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type('80')
    await page.keyboard.press('Enter')
    expect(await page.getByRole('alert').textContent()).toBe('The port must be a whole number from 1024 to 65535.')
    expect(await port.getAttribute('aria-invalid')).toBe('true')
    expect((await stored()).hostSignalingPort).toBe(5000)

    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type('5001')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^Running\./)
    expect(await page.getByRole('status').textContent()).toBe(`Running. Teammates on your network connect to ws://${LAN_ADDRESS}:${realPorts.get(5001)}; your invites name this address.`)
    expect(await page.getByRole('alert').count()).toBe(0)
    expect((await stored()).hostSignalingPort).toBe(5001)
  })

  it('reads well in the dark theme and in Uzbek', async () => {
    await page.getByLabel('Theme').selectOption('dark')
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await page.screenshot({ path: join(SHOTS, 'settings-host-signaling-dark.png') })
    await page.getByLabel('Interface language').selectOption('uz')
    await expect.poll(() => page.getByRole('checkbox', { name: 'Shu kompyuterda signal serverini ishga tushirish (bitta tarmoqdagi jamoa uchun)' }).count()).toBe(1)
    expect(await page.getByRole('status').textContent()).toBe(`Ishlayapti. Tarmogʻingizdagi hamkasblar ws://${LAN_ADDRESS}:${realPorts.get(5001)} manziliga ulanadi; taklifnomalaringizda shu manzil boʻladi.`)
    await page.getByLabel('Interfeys tili').selectOption('en')
    await page.getByLabel('Theme').selectOption('light')
  })

  it('stops the server when unticked, and the signaling servers are the stored ones again', async () => {
    const url = `ws://127.0.0.1:${realPorts.get(5001)}`
    await page.getByRole('checkbox', { name: LABEL }).focus()
    await page.keyboard.press('Space')
    await expect.poll(() => page.getByRole('status').textContent()).toBe('')
    expect(hosted.running).toBe(false)
    await expect(connect(url)).rejects.toThrow(/ECONNREFUSED/)
    await expect.poll(() => page.getByLabel(SIGNALING_LABEL).inputValue()).toBe('wss://signal.example.org/')
    expect(await stored()).toMatchObject({ hostSignaling: false, hostSignalingPort: 5001, signalingUrls: ['wss://signal.example.org/'] })
  })

  it('shows what another window changed when this one comes to the front', async () => {
    // Another window ticks the box; this one learns of it when it is focused again.
    const reply = (await ipcMain.invoke('mldoc:setSettings', ipcEvent(100), { hostSignaling: true })) as { ok: boolean }
    expect(reply.ok).toBe(true)
    expect(await page.getByRole('checkbox', { name: LABEL }).isChecked()).toBe(false)
    await page.evaluate(() => window.dispatchEvent(new Event('focus')))
    await expect.poll(() => page.getByRole('checkbox', { name: LABEL }).isChecked()).toBe(true)
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^Running\./)
    await expect.poll(() => page.getByLabel(SIGNALING_LABEL).inputValue()).toBe(`ws://${LAN_ADDRESS}:${realPorts.get(5001)}\nwss://signal.example.org/`)
    expect(errors).toEqual([])
  })
})

describe('hosting a signaling server, in browser mode (mldoc web, Chromium)', () => {
  it('is not offered; the dialog says how to run one with mldoc signal', async () => {
    const plain = await browser.newPage()
    try {
      await plain.goto(web.host.url)
      await plain.getByRole('button', { name: 'Settings' }).click()
      expect(await plain.getByRole('checkbox').count()).toBe(0)
      expect(await plain.getByTestId('host-signaling-browser').textContent()).toBe('For a team on one network: run “mldoc signal --host 0.0.0.0” in a terminal on one computer and add ws://ITS-NETWORK-ADDRESS:4444 to the signaling servers above. (The desktop app can run one for you: Settings → Host a signaling server.)')
      await plain.getByLabel(SIGNALING_LABEL).focus()
      await plain.keyboard.press('Tab')
      expect(await focused(plain)).toBe('STUN and TURN servers, one per line')
    } finally {
      await plain.close()
    }
  })
})
