import type { HostApi } from '../../core/host/api.js'
import { desktopBridge, type DesktopBridge } from './electron.js'
import { httpHost } from './http.js'

/** The host the renderer talks to and how: the Electron preload, or the local browser-mode host. */
export interface Host {
  readonly api: HostApi
  readonly kind: 'electron' | 'browser'
  /** The desktop app's menu and close events; null in a browser. */
  readonly desktop: DesktopBridge | null
}

const TOKEN_KEY = 'mldoc.token'

/**
 * Reads the browser-mode session token from the address (`#token=...`, or `&token=...` after a
 * route) and keeps it for the tab, so routes can change without carrying it.
 */
function sessionToken(): string {
  const match = /[#?&]token=([A-Za-z0-9_-]+)/.exec(window.location.hash)
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1])
    const route = window.location.hash.replace(/([?&])token=[A-Za-z0-9_-]+&?/, '$1').replace(/[?&]$/, '').replace(/^#token=.*$/, '')
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}${route === '#' ? '' : route}`)
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

/** Connects to the host: the Electron preload when present, otherwise the browser-mode host over HTTP. */
export function connectHost(): Host {
  const desktop = desktopBridge()
  if (desktop) return { api: desktop, kind: 'electron', desktop }
  return { api: httpHost(sessionToken()), kind: 'browser', desktop: null }
}
