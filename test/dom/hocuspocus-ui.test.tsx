// @vitest-environment jsdom
import { Server, type onAuthenticatePayload } from '@hocuspocus/server'
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket as NodeWebSocket } from 'ws'
import * as Y from 'yjs'
import { DEFAULT_SETTINGS, type Settings } from '../../core/host/api.js'
import { parseInvite } from '../../core/collab/invite.js'
import { folderHost } from '../../node/web/folder-host.js'
import { AppProvider } from '../../renderer/app/settings.js'
import { collabFor, type CollabSession } from '../../renderer/collab/index.js'
import { ShareDialog } from '../../renderer/collab/ShareDialog.js'
import type { Host } from '../../renderer/host/index.js'
import { initI18n } from '../../renderer/i18n/index.js'
import { settle } from './blocks/mount.js'

/**
 * The Share dialog with a real Hocuspocus server (in this process, on 127.0.0.1): choosing the
 * Hocuspocus kind gives a `hocuspocus=` invite, the peers panel names the server and who is
 * there, and a server whose onAuthenticate hook refuses the room is explained in its own words.
 */

// jsdom has no modal dialogs: `showModal` opens the dialog, `close` closes it and says so, as browsers do.
HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
  this.setAttribute('open', '')
}
HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
  this.removeAttribute('open')
  this.dispatchEvent(new Event('close'))
}
window.matchMedia ??= ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} }) as unknown as MediaQueryList)
// The provider reaches the server through the ws package's WebSocket, which has the browser's interface.
globalThis.WebSocket = NodeWebSocket as unknown as typeof WebSocket

let dir: string
let root: Root | undefined
let container: HTMLElement
const cleanup: (() => unknown)[] = []

beforeAll(async () => {
  await initI18n('en')
})

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mldoc-hocuspocus-ui-'))
  container = document.createElement('div')
  document.body.append(container)
})

afterEach(async () => {
  if (root) await act(async () => root!.unmount())
  root = undefined
  for (const step of cleanup.splice(0).reverse()) await step()
  container.remove()
  await rm(dir, { recursive: true, force: true })
})

async function startHocuspocus(onAuthenticate?: (data: onAuthenticatePayload) => Promise<unknown>): Promise<string> {
  const server = new Server({ quiet: true, stopOnSignals: false, ...(onAuthenticate ? { onAuthenticate } : {}) })
  await new Promise<void>((resolve) => server.httpServer.listen({ port: 0, host: '127.0.0.1' }, resolve))
  cleanup.push(() => server.destroy())
  return `ws://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`
}

function session(settings: Settings): CollabSession {
  const ydoc = new Y.Doc()
  const collab = collabFor(ydoc, settings)
  cleanup.push(() => collab.dispose())
  return collab
}

/** Sets a form control's value as the browser does, so React sees it. */
async function setValue(field: HTMLInputElement | HTMLSelectElement, value: string): Promise<void> {
  await act(async () => {
    const proto = field instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(field, value)
    field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }))
  })
}

const byTestId = <T extends Element>(id: string) => container.querySelector<T>(`[data-testid="${id}"]`)

/** Opens the Share dialog and shares through a Hocuspocus server at `url`. */
async function shareThroughHocuspocus(collab: CollabSession, settings: Settings, url: string): Promise<void> {
  const host: Host = { api: folderHost({ dir, settingsFile: join(dir, 'settings.json') }), kind: 'browser', desktop: null }
  root = createRoot(container)
  await act(async () => root!.render(<AppProvider host={host} initial={settings}><ShareDialog collab={collab} onClose={() => {}} /></AppProvider>))
  await settle()
  const kind = byTestId<HTMLSelectElement>('relay-protocol')!
  expect([...kind.options].map((o) => [o.value, o.textContent])).toEqual([['y-websocket', 'y-websocket server'], ['hocuspocus', 'Hocuspocus server']])
  await setValue(kind, 'hocuspocus')
  await setValue(byTestId<HTMLInputElement>('relay-address')!, url)
  await act(async () => byTestId<HTMLButtonElement>('share-via-relay')!.click())
}

describe('sharing through a Hocuspocus server from the Share dialog', () => {
  it('gives a hocuspocus= invite, and the peers panel names the server and the person who joins', async () => {
    const url = await startHocuspocus()
    const settings: Settings = { ...DEFAULT_SETTINGS, userName: 'Aziz' }
    const collab = session(settings)
    await shareThroughHocuspocus(collab, settings, url)
    const invite = byTestId<HTMLTextAreaElement>('invite')!.value
    expect(invite).toMatch(/^mldoc:\/\/join\?room=[\w-]{22}&secret=[\w-]{43}&hocuspocus=ws%3A%2F%2F127\.0\.0\.1%3A\d+%2F$/)

    session({ ...settings, userName: 'Dilnoza', userColor: '#1a7f37' }).connect(parseInvite(invite))
    const panel = byTestId('peers-panel')!
    for (let i = 0; i < 250 && !(panel.textContent!.includes('Dilnoza') && panel.querySelector('[data-relay="reachable"]')); i++) await settle(20)
    expect([...panel.querySelectorAll('[data-peer-link]')].map((li) => [li.getAttribute('data-peer-link'), li.textContent])).toEqual([['relay', 'Dilnozathrough the relay server']])
    expect(panel.querySelector('h4')!.textContent).toBe('Hocuspocus server')
    expect(panel.querySelector('[data-relay]')!.getAttribute('data-relay-protocol')).toBe('hocuspocus')
    expect(panel.querySelector('[data-relay]')!.textContent).toBe(`${url}: reachable`)
    expect(panel.querySelector('[data-note="problem"]')).toBeNull()
  })

  it('says so, in the server’s words, when the server’s onAuthenticate hook refuses the room', async () => {
    const url = await startHocuspocus(async () => {
      throw Object.assign(new Error('refused'), { reason: 'this server only takes rooms of the ML team' })
    })
    const settings: Settings = { ...DEFAULT_SETTINGS, userName: 'Aziz' }
    const collab = session(settings)
    await shareThroughHocuspocus(collab, settings, url)
    const panel = byTestId('peers-panel')!
    for (let i = 0; i < 250 && !panel.querySelector('[data-relay-refused]'); i++) await settle(20)
    expect(panel.querySelector('[data-relay-refused]')!.textContent).toBe('The Hocuspocus server refused this document: “this server only takes rooms of the ML team”. Its authentication hook (onAuthenticate) did not accept the room. Ask whoever runs the server.')
    expect(panel.querySelector('[data-relay]')!.getAttribute('data-relay')).toBe('unreachable')
  })
})
