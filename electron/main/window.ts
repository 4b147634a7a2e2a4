import type { BrowserWindowConstructorOptions, Session } from 'electron'

/**
 * The app page and the window around it: where the renderer is served from, the Content Security
 * Policy it runs under, and the locked-down options of every document window. Pure values and
 * functions taking the Electron objects they configure, so tests check them without Electron.
 */

/** Scheme the renderer is served from (registered as standard and secure in main). */
export const APP_SCHEME = 'app'
/** Host part of the app page's URL. */
export const APP_HOST = 'mldoc'
/** Origin of the app page: the only origin whose frames may call the host API. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
/** The renderer's entry page. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

const POLICY: readonly string[] = [
  "default-src 'self'",
  "script-src 'self'",
  // Mermaid writes <style> into its SVG and ProseMirror sets style attributes: styles only, never scripts.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // Signaling servers for co-editing are ws:// or wss:// URLs the user configures.
  "connect-src 'self' ws: wss:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
]

/** The Content-Security-Policy header every response in the app's session carries. */
export const CONTENT_SECURITY_POLICY = [...POLICY, "frame-ancestors 'none'"].join('; ')
/** The same policy for a `<meta http-equiv>` tag, which cannot carry `frame-ancestors`. */
export const CONTENT_SECURITY_POLICY_META = POLICY.join('; ')

/** The app page of a window: the start screen, or the route that opens the document at `path`. */
export function appPageUrl(documentPath: string | null): string {
  return documentPath === null ? `${APP_ENTRY_URL}#/` : `${APP_ENTRY_URL}#/open/${encodeURIComponent(documentPath)}`
}

/** Whether `url` is a page of the app (the only pages allowed to call the host API). */
export function isAppPageUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '' && parsed.port === ''
  } catch {
    return false
  }
}

/** What a document window is opened with. */
export interface DocumentWindowOptions {
  /** Absolute path of the bundled preload script. */
  readonly preload: string
  readonly title: string
}

/**
 * Opens a document window with Electron's `BrowserWindow` (passed in, so tests can record the
 * options): the renderer is isolated from the preload, sandboxed, has no Node, keeps web
 * security, cannot embed `<webview>`, and a middle click opens nothing. The options are written
 * out here, where a static scanner (Electronegativity) can read them.
 */
export function createDocumentWindow<W>(BrowserWindow: new (options: BrowserWindowConstructorOptions) => W, { preload, title }: DocumentWindowOptions): W {
  return new BrowserWindow({
    title,
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    show: false,
    webPreferences: {
      preload, // eng-disable PRELOAD_JS_CHECK (reviewed: it exposes only named host methods, tested in test/unit/electron)
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  })
}

/** The part of a session {@link secureSession} configures. */
export type SessionLike = {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>
} & Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>

/** Permissions the app page may use: writing to the clipboard (copying an invite link). */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write'])

/**
 * Puts the app's policy on a session: every response carries {@link CONTENT_SECURITY_POLICY}
 * (replacing any policy it had), and every permission except clipboard writing is refused.
 */
export function secureSession(session: SessionLike): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string | string[]> = {}
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY]
    callback({ responseHeaders: headers })
  })
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)))
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission))
}

/**
 * The page with the policy also in a `<meta http-equiv>` tag, first in `<head>`, so it holds
 * even where a response header is lost. A page without `<head>` is returned with the tag first.
 */
export function withContentSecurityPolicyMeta(html: string): string {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY_META}">`
  const head = /<head(\s[^>]*)?>/i.exec(html)
  if (!head) return tag + html
  const at = head.index + head[0].length
  return html.slice(0, at) + tag + html.slice(at)
}
