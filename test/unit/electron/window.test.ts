import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative, resolve } from 'node:path'
import type { BrowserWindowConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_META,
  appPageUrl,
  createDocumentWindow,
  isAppPageUrl,
  secureSession,
  withContentSecurityPolicyMeta,
  type SessionLike,
} from '../../../electron/main/window.js'

const ELECTRON_DIR = resolve(import.meta.dirname, '../../../electron')

/** Records the options a window is created with, as Electron's BrowserWindow would receive them. */
class RecordingWindow {
  static created: BrowserWindowConstructorOptions[] = []
  constructor(readonly options: BrowserWindowConstructorOptions) {
    RecordingWindow.created.push(options)
  }
}

/** The policy's directives, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]))
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [])
}

describe('document windows', () => {
  it('are isolated, sandboxed, without Node, with web security and no <webview>', () => {
    const win = createDocumentWindow(RecordingWindow, { preload: '/app/dist/electron/preload.cjs', title: 'MLDoc' })
    const prefs = win.options.webPreferences!
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    })
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
    expect(prefs).not.toHaveProperty('additionalArguments')
  })

  it('are created only through createDocumentWindow: no other BrowserWindow, BrowserView or webview anywhere in electron/', () => {
    const offenders = sources(ELECTRON_DIR).flatMap((file) => {
      const text = readFileSync(file, 'utf8')
      const hits = [...text.matchAll(/new\s+(BrowserWindow|BrowserView|WebContentsView)\b/g)].map((m) => m[1])
      const allowed = relative(ELECTRON_DIR, file) === join('main', 'window.ts') ? ['BrowserWindow'] : []
      return hits.filter((hit, i) => !(allowed.includes(hit!) && i === 0)).map((hit) => `${relative(ELECTRON_DIR, file)}: new ${hit}`)
    })
    expect(offenders).toEqual([])
    expect(readFileSync(join(ELECTRON_DIR, 'main', 'main.ts'), 'utf8')).toMatch(/createDocumentWindow\(BrowserWindow,/)
  })

  it('open the app page, for the start screen or a document route', () => {
    expect(appPageUrl(null)).toBe(`${APP_ENTRY_URL}#/`)
    expect(appPageUrl('/home/a b/plan#1.mldoc')).toBe('app://mldoc/index.html#/open/%2Fhome%2Fa%20b%2Fplan%231.mldoc')
    expect(isAppPageUrl(appPageUrl('/x.mldoc'))).toBe(true)
  })

  it.each(['https://mldoc/index.html', 'app://mldoc:8080/', 'app://evil/', 'file:///app/index.html', 'javascript:alert(1)', '', 'app:mldoc'])(
    '%s is not the app page',
    (url) => expect(isAppPageUrl(url)).toBe(false),
  )
})

describe('Content Security Policy', () => {
  const policy = directives(CONTENT_SECURITY_POLICY)

  it("defaults to 'self', runs only the app's own scripts, and allows no plugins, base changes, forms or frames", () => {
    expect(policy.get('default-src')).toEqual(["'self'"])
    expect(policy.get('script-src')).toEqual(["'self'"])
    expect(policy.get('object-src')).toEqual(["'none'"])
    expect(policy.get('base-uri')).toEqual(["'none'"])
    expect(policy.get('form-action')).toEqual(["'none'"])
    expect(policy.get('frame-src')).toEqual(["'none'"])
    expect(policy.get('frame-ancestors')).toEqual(["'none'"])
  })

  it('never allows eval, inline scripts or remote script hosts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval')
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval')
    for (const [name, values] of policy) {
      if (name === 'style-src') continue
      expect(values, name).not.toContain("'unsafe-inline'")
      expect(values, name).not.toContain('*')
    }
    expect(policy.get('script-src')!.some((v) => /^(https?:|data:|blob:)/.test(v))).toBe(false)
  })

  it('passes the CSP evaluator Electronegativity uses with no high or medium finding', () => {
    const fromTool = createRequire(createRequire(import.meta.url).resolve('@doyensec/electronegativity/package.json'))
    const csp = fromTool('@doyensec/csp-evaluator') as {
      CspParser: new (policy: string) => { csp: unknown }
      CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): { severity: number; directive: string; description: string }[] }
      Version: { CSP3: unknown }
      severities: Record<string, number>
    }
    const findings = new csp.CspEvaluator(new csp.CspParser(CONTENT_SECURITY_POLICY).csp, csp.Version.CSP3).evaluate()
    const serious = findings.filter((f) => [csp.severities.HIGH, csp.severities.SYNTAX, csp.severities.MEDIUM].includes(f.severity))
    expect(serious).toEqual([])
  })

  it('has a meta-tag form without frame-ancestors (which a meta tag cannot carry)', () => {
    expect(CONTENT_SECURITY_POLICY_META).not.toContain('frame-ancestors')
    expect(CONTENT_SECURITY_POLICY.startsWith(CONTENT_SECURITY_POLICY_META)).toBe(true)
  })

  it('is put first in <head> of the app page', () => {
    const html = withContentSecurityPolicyMeta('<!doctype html><html><head lang="en"><title>MLDoc</title></head><body></body></html>')
    expect(html).toContain(`<head lang="en"><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY_META}"><title>`)
    expect(withContentSecurityPolicyMeta('<p>x</p>')).toMatch(/^<meta http-equiv="Content-Security-Policy"/)
  })

  it('replaces any policy a response carries, in every response of the session', () => {
    let onHeaders: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0] = null
    let requestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null
    let checkHandler: ((contents: unknown, permission: string) => boolean) | null = null
    const session = {
      webRequest: { onHeadersReceived: (listener: typeof onHeaders) => (onHeaders = listener) },
      setPermissionRequestHandler: (handler: typeof requestHandler) => (requestHandler = handler),
      setPermissionCheckHandler: (handler: typeof checkHandler) => (checkHandler = handler),
    } as unknown as SessionLike
    secureSession(session)
    let headers: Record<string, string | string[]> | undefined
    onHeaders!(
      { responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"], 'Content-Type': ['text/html'] } } as never,
      (response) => (headers = response.responseHeaders),
    )
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })

    const granted: Record<string, boolean> = {}
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write']) {
      requestHandler!(null, permission, (ok) => (granted[permission] = ok))
      expect(checkHandler!(null, permission)).toBe(granted[permission])
    }
    expect(granted).toEqual({ media: false, geolocation: false, notifications: false, openExternal: false, 'clipboard-read': false, 'clipboard-sanitized-write': true })
  })
})
