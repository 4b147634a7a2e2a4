// @vitest-environment jsdom
import Collaboration from '@tiptap/extension-collaboration'
import { Editor } from '@tiptap/core'
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { act, useState } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { WebSocket as NodeWebSocket } from 'ws'
import * as Y from 'yjs'
import { DEFAULT_SETTINGS, type HostApi, type Settings } from '../../core/host/api.js'
import { mldocExtensions } from '../../core/schema/index.js'
import { BODY_FRAGMENT } from '../../core/yjs/doc.js'
import { startSignalServer, type SignalServer } from '../../node/signal/server.js'
import { folderHost } from '../../node/web/folder-host.js'
import { SettingsDialog } from '../../renderer/app/SettingsDialog.js'
import { AppProvider } from '../../renderer/app/settings.js'
import { collabFor, type CollabSession } from '../../renderer/collab/index.js'
import { COLLAB_LABELS } from '../../renderer/collab/labels.js'
import type { Host } from '../../renderer/host/index.js'
import { initI18n } from '../../renderer/i18n/index.js'
import { SidePanel, type PanelTab } from '../../renderer/panel/SidePanel.js'
import { controlByLabel, settle } from './blocks/mount.js'

/**
 * The co-editing parts of the app's own screens: the Settings dialog's co-editing fields (saved
 * through the real browser-mode host into its settings file) and the side panel's Peers tab
 * (a real co-editing session, a real signaling server).
 */

// jsdom has no modal dialogs: `showModal` opens the dialog, `close` closes it and says so, as browsers do.
HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
  this.setAttribute('open', '')
}
HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
  this.removeAttribute('open')
  this.dispatchEvent(new Event('close'))
}

// jsdom has no media queries: the system theme is light.
window.matchMedia ??= ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} }) as unknown as MediaQueryList)

// jsdom's WebSocket hands Node's event target jsdom's events, which it refuses: y-webrtc reaches
// the signaling server through the ws package's WebSocket, which has the browser's interface.
globalThis.WebSocket = NodeWebSocket as unknown as typeof WebSocket

const EN = (key: keyof typeof COLLAB_LABELS) => COLLAB_LABELS[key].en

const ROOT = resolve(import.meta.dirname, '../..')
let dir: string
let settingsFile: string
let host: Host
let root: Root | undefined
let container: HTMLElement

beforeAll(async () => {
  await initI18n('en')
})

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mldoc-collab-ui-'))
  settingsFile = join(dir, 'settings.json')
  const api: HostApi = folderHost({ dir, settingsFile })
  host = { api, kind: 'browser', desktop: null }
  container = document.createElement('div')
  document.body.append(container)
})

afterEach(async () => {
  if (root) await act(async () => root!.unmount())
  root = undefined
  container.remove()
  await rm(dir, { recursive: true, force: true })
})

async function render(element: React.ReactNode, settings: Settings = DEFAULT_SETTINGS): Promise<void> {
  root = createRoot(container)
  await act(async () => root!.render(<AppProvider host={host} initial={settings}>{element}</AppProvider>))
  await settle()
}

/** The settings the host keeps in its file. */
async function stored(): Promise<Partial<Settings>> {
  return JSON.parse(await readFile(settingsFile, 'utf8')) as Partial<Settings>
}

/** Types into a text field as the browser does (so React sees it), then leaves it, which saves it. */
async function typeAndLeave(field: HTMLInputElement | HTMLTextAreaElement, text: string): Promise<void> {
  await act(async () => {
    field.focus()
    const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(field, text)
    field.dispatchEvent(new Event('input', { bubbles: true }))
    field.blur()
  })
  await settle(50)
}

/** The elements the Tab key reaches, in order: enabled form controls and links without a negative tabindex. */
function tabOrder(scope: Element): Element[] {
  return [...scope.querySelectorAll('input, select, textarea, button, a[href], [tabindex]')].filter(
    (el) => !(el as HTMLInputElement).disabled && (el as HTMLElement).tabIndex >= 0 && !el.closest('[hidden], [inert]'),
  )
}

describe('the Settings dialog', () => {
  it('shows name, colour, signaling and STUN/TURN servers as labelled fields the Tab key reaches, before the Close button', async () => {
    await render(<SettingsDialog onClose={() => {}} />)
    const dialog = container.querySelector('dialog')!
    expect(dialog.open).toBe(true)
    const name = controlByLabel<HTMLInputElement>(dialog, 'Your name')
    const color = controlByLabel<HTMLInputElement>(dialog, EN('settingsColor'))
    const signaling = controlByLabel<HTMLTextAreaElement>(dialog, EN('settingsSignaling'))
    const ice = controlByLabel<HTMLTextAreaElement>(dialog, EN('settingsIce'))
    expect(color.type).toBe('color')
    expect(signaling.value).toBe('ws://127.0.0.1:4444')
    // The STUN/TURN hint (the TURN credential format) is read out with the field.
    expect(document.getElementById(ice.getAttribute('aria-describedby')!)!.textContent).toBe(EN('settingsIceHint'))
    const close = [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Close')!
    const order = tabOrder(dialog)
    const positions = [name, color, signaling, ice, close].map((el) => order.indexOf(el))
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    // The fields sit before the dialog's actions.
    expect(close.closest('.dialog__actions')!.compareDocumentPosition(ice) & Node.DOCUMENT_POSITION_PRECEDING).toBeTruthy()
  })

  it('saves name, colour, signaling servers and TURN credentials to the host as each field is left', async () => {
    await render(<SettingsDialog onClose={() => {}} />)
    const dialog = container.querySelector('dialog')!
    await typeAndLeave(controlByLabel(dialog, 'Your name'), 'Dilnoza')
    await typeAndLeave(controlByLabel(dialog, EN('settingsSignaling')), 'ws://10.0.0.5:4444\n\nwss://signal.example.org')
    await typeAndLeave(controlByLabel(dialog, EN('settingsIce')), 'stun:stun.example.org:3478\nturn:turn.example.org:3478 alice s3cret')
    const color = controlByLabel<HTMLInputElement>(dialog, EN('settingsColor'))
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(color, '#d1242f')
      color.dispatchEvent(new Event('input', { bubbles: true }))
    })
    // Each field is saved as it is left, without waiting for the one before: all of them land.
    await vi.waitFor(async () => expect(await stored()).toMatchObject({
      userName: 'Dilnoza',
      userColor: '#d1242f',
      signalingUrls: ['ws://10.0.0.5:4444/', 'wss://signal.example.org/'],
      iceServers: [{ urls: 'stun:stun.example.org:3478' }, { urls: 'turn:turn.example.org:3478', username: 'alice', credential: 's3cret' }],
    }), { timeout: 10_000, interval: 50 })
    expect(dialog.querySelector('[role="alert"]')).toBeNull()
    // What was saved is what a new window shows.
    await act(async () => root!.unmount())
    await render(<SettingsDialog onClose={() => {}} />, await host.api.getSettings({}))
    const again = container.querySelector('dialog')!
    expect(controlByLabel<HTMLTextAreaElement>(again, EN('settingsIce')).value).toBe('stun:stun.example.org:3478\nturn:turn.example.org:3478 alice s3cret')
    expect(controlByLabel<HTMLInputElement>(again, 'Your name').value).toBe('Dilnoza')
  })

  it('refuses a wrong line, saying which, and keeps what was saved', async () => {
    await render(<SettingsDialog onClose={() => {}} />)
    const dialog = container.querySelector('dialog')!
    const ice = controlByLabel<HTMLTextAreaElement>(dialog, EN('settingsIce'))
    await typeAndLeave(ice, 'stun:stun.example.org:3478\nturn:turn.example.org:3478 alice')
    const alert = dialog.querySelector('[role="alert"]')!
    expect(alert.textContent).toMatch(/^ICE servers:2: a TURN server needs a user name and a credential/)
    expect(ice.getAttribute('aria-invalid')).toBe('true')
    const signaling = controlByLabel<HTMLTextAreaElement>(dialog, EN('settingsSignaling'))
    await typeAndLeave(signaling, 'http://signal.example.org')
    expect(dialog.querySelectorAll('[role="alert"]')[0]!.textContent).toMatch(/^signaling servers:1: "http:\/\/signal.example.org" must start with ws:\/\/ or wss:\/\//)
    expect((await host.api.getSettings({})).iceServers).toEqual([])
    expect((await host.api.getSettings({})).signalingUrls).toEqual(DEFAULT_SETTINGS.signalingUrls)
  })
})

/** Starts the y-websocket relay server MLDoc documents (its own process) on a free port of 127.0.0.1. */
async function startRelayServer(): Promise<{ url: string; stop: () => void }> {
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
    probe.once('error', reject)
  })
  const server = spawn(process.execPath, [join(ROOT, 'node_modules/@y/websocket-server/src/server.js')], { env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((resolve, reject) => {
    server.stdout.on('data', (data) => /running/.test(String(data)) && resolve())
    server.once('exit', (code) => reject(new Error(`the relay server exited with ${code}`)))
  })
  return { url: `ws://127.0.0.1:${port}`, stop: () => server.kill() }
}

/** A side panel on a shared-able document, holding its tab as the document view does. */
function Panel({ editor, ydoc, collab, tabs }: { editor: Editor; ydoc: Y.Doc; collab: CollabSession; tabs: PanelTab[] }) {
  const [tab, setTab] = useState<PanelTab>('outline')
  tabs.push(tab)
  return <SidePanel editor={editor} ydoc={ydoc} collab={collab} lang="en" tab={tab} onTab={setTab} />
}

describe('the side panel while the document is shared', () => {
  let server: SignalServer | undefined
  let stopRelay: (() => void) | undefined
  const opened: { editor: Editor; collab: CollabSession }[] = []

  afterEach(async () => {
    for (const { editor, collab } of opened.splice(0)) {
      collab.dispose()
      editor.destroy()
    }
    await server?.close()
    server = undefined
    stopRelay?.()
    stopRelay = undefined
  })

  function openDocument(settings: Settings): { editor: Editor; ydoc: Y.Doc; collab: CollabSession } {
    const ydoc = new Y.Doc()
    const editor = new Editor({ extensions: [...mldocExtensions({ starterKit: { undoRedo: false } }), Collaboration.configure({ document: ydoc, field: BODY_FRAGMENT })] })
    const collab = collabFor(ydoc, settings)
    opened.push({ editor, collab })
    return { editor, ydoc, collab }
  }

  const tabNames = (): (string | null)[] => [...container.querySelectorAll('[role="tab"]')].map((tab) => tab.firstChild!.textContent)
  const peersTab = () => container.querySelector<HTMLElement>('[data-tab="peers"]')

  it('has a Peers tab only while shared: who is there, the signaling server reachable, and back to the outline when sharing stops', async () => {
    server = await startSignalServer()
    const settings: Settings = { ...DEFAULT_SETTINGS, userName: 'Aziz', signalingUrls: [server.url] }
    const { editor, ydoc, collab } = openDocument(settings)
    const tabs: PanelTab[] = []
    await render(<Panel editor={editor} ydoc={ydoc} collab={collab} tabs={tabs} />, settings)
    expect(tabNames()).toEqual(['Outline', 'Findings', 'Readiness', 'Markdown'])

    await act(async () => void collab.share())
    expect(tabNames()).toEqual(['Outline', 'Findings', 'Readiness', 'Markdown', 'Peers'])
    expect(peersTab()!.querySelector('.badge')!.getAttribute('aria-label')).toBe('0 others in the room')

    // Keyboard: End goes to the last tab, Peers, and focuses it; Home back to the first.
    const tablist = container.querySelector('[role="tablist"]')!
    await act(async () => void tablist.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true })))
    expect(peersTab()!.getAttribute('aria-selected')).toBe('true')
    expect(document.activeElement).toBe(peersTab())
    const panel = container.querySelector('[role="tabpanel"]')!
    expect(panel.getAttribute('aria-labelledby')).toBe(peersTab()!.id)
    expect(panel.querySelector('[data-testid="peers-panel"]')!.textContent).toContain('Aziz (you)')

    // The signaling server answers within a moment.
    for (let i = 0; i < 100 && !panel.querySelector('[data-signaling="reachable"]'); i++) await settle(20)
    expect(panel.querySelector('[data-signaling="reachable"]')!.textContent).toBe(`${server.url}/: reachable`)
    expect(panel.querySelector('[data-note="problem"]')).toBeNull()

    await act(async () => collab.leave())
    expect(tabNames()).toEqual(['Outline', 'Findings', 'Readiness', 'Markdown'])
    expect(tabs.at(-1)).toBe('outline')
    expect(container.querySelector('[data-testid="peers-panel"]')).toBeNull()
  })

  it('lists the others in the room with how each is reached (through a relay server)', async () => {
    const relay = await startRelayServer()
    stopRelay = relay.stop
    const settings: Settings = { ...DEFAULT_SETTINGS, userName: 'Aziz' }
    const { editor, ydoc, collab } = openDocument(settings)
    await render(<Panel editor={editor} ydoc={ydoc} collab={collab} tabs={[]} />, settings)
    await act(async () => void collab.shareViaRelay(relay.url))
    await act(async () => peersTab()!.click())
    // A second person opens the invite.
    const other = openDocument({ ...settings, userName: 'Dilnoza', userColor: '#1a7f37' })
    other.collab.connect(collab.getState().invite!)
    const panel = container.querySelector('[data-testid="peers-panel"]')!
    for (let i = 0; i < 250 && !panel.textContent!.includes('Dilnoza'); i++) await settle(20)
    const peer = [...panel.querySelectorAll('[data-peer-link]')]
    expect(peer.map((li) => [li.getAttribute('data-peer-link'), li.textContent])).toEqual([['relay', 'Dilnozathrough the relay server']])
    expect(peer[0]!.querySelector<HTMLElement>('.peers-panel__dot')!.style.background).toBe('rgb(26, 127, 55)')
    expect(peersTab()!.querySelector('.badge')!.textContent).toBe('1')
    expect(panel.querySelector('[data-relay="reachable"]')).not.toBeNull()
    expect(panel.querySelector('[data-note="info"]')!.textContent).toMatch(/^Connected to the relay server ws:\/\/127\.0\.0\.1:\d+; it passes every change on to the others\.$/)
    // They leave: the panel says so at once.
    await act(async () => other.collab.leave())
    for (let i = 0; i < 250 && panel.querySelector('[data-peer-link]'); i++) await settle(20)
    expect(panel.querySelector('[data-peer-link]')).toBeNull()
    expect(peersTab()!.querySelector('.badge')!.textContent).toBe('0')
  })

  it('explains why peers cannot meet when the signaling server cannot be reached', async () => {
    // A port nothing listens on: a server started and stopped.
    const gone = await startSignalServer()
    await gone.close()
    const settings: Settings = { ...DEFAULT_SETTINGS, signalingUrls: [gone.url] }
    const { editor, ydoc, collab } = openDocument(settings)
    await render(<Panel editor={editor} ydoc={ydoc} collab={collab} tabs={[]} />, settings)
    await act(async () => void collab.share())
    await act(async () => peersTab()!.click())
    const panel = container.querySelector('[data-testid="peers-panel"]')!
    await settle(100)
    expect(panel.querySelector('[data-signaling="unreachable"]')!.textContent).toBe(`${gone.url}/: not reachable`)
    const problem = panel.querySelector('[data-note="problem"]')!
    expect(problem.getAttribute('role')).toBe('alert')
    expect(problem.textContent).toMatch(/^Cannot reach the signaling server \(ws:\/\/127\.0\.0\.1:\d+\/\), so peers cannot find each other/)
  })
})
