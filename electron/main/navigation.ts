import type { WebContents } from 'electron'

/**
 * The app page never leaves the app: navigations and new windows are denied. A link to a web
 * page (http or https, as parsed by `URL`) opens in the user's browser instead; nothing else
 * (file:, javascript:, custom schemes) is handed to the system.
 */

/** The URL to hand to the system browser for a link, or null when the link is not a web page. */
export function externalLinkTarget(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null
  if (parsed.hostname === '') return null
  return parsed.href
}

/** The part of a webContents {@link guardNavigation} configures. */
export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>

/**
 * Denies every navigation, redirect, `<webview>` and `window.open` of `contents`; web links go to
 * `openExternal` (Electron's `shell.openExternal`) after {@link externalLinkTarget} accepts them.
 */
export function guardNavigation(contents: GuardedContents, openExternal: (url: string) => Promise<void>): void {
  const openOutside = (url: string): void => {
    const target = externalLinkTarget(url)
    if (target !== null) openExternal(target).catch(() => undefined)
  }
  contents.on('will-navigate', (event) => {
    event.preventDefault()
    openOutside(event.url)
  })
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url)
    return { action: 'deny' }
  })
}
