import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { MessageBoxOptions } from 'electron'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { formatInvite, parseInvite, type RoomInvite } from '../../../core/collab/invite.js'
import { newRoomId, newRoomSecret } from '../../../core/collab/random.js'
import type { Lang } from '../../../core/i18n.js'
import { INVITE_SCHEME, InviteLinks, inviteLinksFromArgv, joinPageUrl, registerInviteScheme, type InviteApp } from '../../../electron/main/invite-link.js'
import { isAppPageUrl } from '../../../electron/main/window.js'
import { preventableEvent } from './fakes.js'

const ROOT = resolve(import.meta.dirname, '../../..')

const invite: RoomInvite = { room: newRoomId(), secret: newRoomSecret(), transport: 'webrtc', signaling: ['ws://192.168.1.20:4444', 'wss://signal.example.org'] }
const LINK = formatInvite(invite)

/** Electron's `app` as far as invite links use it: events, readiness, and what was registered. */
class FakeApp implements InviteApp {
  readonly listeners = new Map<string, ((event: { preventDefault(): void }, url: string) => void)[]>()
  readonly registered: unknown[][] = []
  ready = false
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  isReady(): boolean {
    return this.ready
  }
  setAsDefaultProtocolClient(...args: [string, string?, string[]?]): boolean {
    this.registered.push(args.filter((a) => a !== undefined))
    return true
  }
  /** macOS opening a link: returns the event, to see whether its default was prevented. */
  openUrl(url: string) {
    const event = preventableEvent({})
    for (const listener of this.listeners.get('open-url') ?? []) listener(event, url)
    return event
  }
}

/** Invite links wired to recorders: the pages opened and the messages shown. */
function links(lang: Lang = 'en') {
  const pages: string[] = []
  const told: MessageBoxOptions[] = []
  const inbox = new InviteLinks({ openPage: (url) => pages.push(url), tell: (options) => told.push(options), lang: () => lang })
  return { inbox, pages, told }
}

describe('the join page of an invite link', () => {
  it('is the app page on the join route, holding the same invite', () => {
    const page = joinPageUrl(LINK)
    expect(page.startsWith('app://mldoc/index.html#/join?room=')).toBe(true)
    expect(isAppPageUrl(page)).toBe(true)
    expect(parseInvite(page)).toEqual({ ...invite, signaling: ['ws://192.168.1.20:4444/', 'wss://signal.example.org/'] })
  })

  it('is written out again from the checked invite, so nothing else in the link reaches the page', () => {
    const page = joinPageUrl(` ${LINK.replace('mldoc://join?', 'MLDOC://JOIN/?')} `)
    expect(page).toBe(joinPageUrl(LINK))
  })

  it('refuses what is not an invite, saying what is wrong', () => {
    expect(() => joinPageUrl('mldoc://open?file=/etc/passwd')).toThrow('invite: "mldoc://open?file=/etc/passwd" is not an MLDoc invite (an invite starts with mldoc://join?)')
    // A join route hidden after another address is not an invite link either.
    expect(() => joinPageUrl(`mldoc://evil/#/join?${LINK.split('?')[1]}`)).toThrow(/is not an MLDoc invite/)
    expect(() => joinPageUrl(`mldoc://${'x'.repeat(500)}`)).toThrow(/"mldoc:\/\/x+…" is not an MLDoc invite/)
    expect(() => joinPageUrl(LINK.replace(/secret=[^&]+/, 'secret=short1234'))).toThrow('invite: the secret is too short (9 characters, at least 16): the invite was probably cut off')
    expect(() => joinPageUrl(LINK.replace(/signal=[^&]+/, 'signal=http%3A%2F%2Fevil.example'))).toThrow('invite: the signaling server "http://evil.example" must start with ws:// or wss://, not http://')
    expect(() => joinPageUrl(`${LINK}&open=/etc/passwd`)).toThrow('invite: it has unknown parts: open')
  })
})

describe('invite links on a command line', () => {
  it('are the arguments with the mldoc scheme, whatever its case', () => {
    expect(inviteLinksFromArgv(['.', '--inspect', 'plan.mldoc', LINK, 'MLDoc://join?room=x', 'https://mldoc.example', 'mldoc'])).toEqual([LINK, 'MLDoc://join?room=x'])
    expect(inviteLinksFromArgv(['.'])).toEqual([])
  })

  it('open a window per good link and a message per bad one, in the UI language, and say how many windows opened', () => {
    const { inbox, pages, told } = links('uz')
    expect(inbox.openFromArgv(['C:\\Program Files\\MLDoc\\MLDoc.exe', LINK, 'mldoc://join?room=abc'])).toBe(1)
    expect(pages).toEqual([joinPageUrl(LINK)])
    expect(told).toEqual([{ type: 'error', message: 'Bu taklifnomadan foydalanib bo‘lmaydi', detail: 'invite: the room id is too short (3 characters, at least 8): the invite was probably cut off\n\nTaklifnomani qayta so‘rang va uni to‘liq oching.' }])
  })
})

describe('invite links from the system', () => {
  it('register the mldoc scheme for the packaged app, and for Electron with the app folder in development', () => {
    const packaged = new FakeApp()
    expect(registerInviteScheme(packaged, { execPath: '/opt/MLDoc/mldoc', argv: ['/opt/MLDoc/mldoc'] })).toBe(true)
    expect(packaged.registered).toEqual([[INVITE_SCHEME]])
    const dev = new FakeApp()
    registerInviteScheme(dev, { defaultApp: true, execPath: '/repo/node_modules/electron/dist/electron', argv: ['/repo/node_modules/electron/dist/electron', '.'] })
    expect(dev.registered).toEqual([[INVITE_SCHEME, '/repo/node_modules/electron/dist/electron', [resolve('.')]]])
    const bare = new FakeApp()
    expect(registerInviteScheme(bare, { defaultApp: true, execPath: '/electron', argv: ['/electron'] })).toBe(false)
    expect(bare.registered).toEqual([])
  })

  it('on macOS: a link that launched the app waits until it is ready; later ones open at once; the default action is always prevented', () => {
    const app = new FakeApp()
    const { inbox, pages, told } = links()
    inbox.listen(app, { execPath: '/Applications/MLDoc.app/Contents/MacOS/MLDoc', argv: [] })
    expect(app.registered).toEqual([[INVITE_SCHEME]])
    expect(app.openUrl(LINK).defaultPrevented).toBe(true)
    expect(pages).toEqual([])
    app.ready = true
    expect(inbox.ready()).toBe(1)
    expect(pages).toEqual([joinPageUrl(LINK)])
    expect(inbox.ready()).toBe(0)
    expect(pages).toHaveLength(1)
    expect(app.openUrl('mldoc://join?room=').defaultPrevented).toBe(true)
    expect(told.map((t) => t.detail)).toEqual(['invite: the room id is missing\n\nAsk for the invite again, and open it whole.'])
    app.openUrl(LINK)
    expect(pages).toEqual([joinPageUrl(LINK), joinPageUrl(LINK)])
  })
})

describe('electron-builder.yml', () => {
  it('declares the mldoc scheme, so installers register it with the system', () => {
    const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { protocols?: { name: string; schemes: string[] }[] }
    expect(config.protocols).toEqual([expect.objectContaining({ name: 'MLDoc invite', schemes: [INVITE_SCHEME] })])
  })
})
