import type { HostApi } from '../../core/host/api.js'

declare global {
  interface Window {
    /** The host API the Electron preload exposes through `contextBridge`; absent in a browser. */
    readonly mldoc?: HostApi
  }
}

/** The host API of the Electron preload, or null when the renderer runs in a browser. */
export function electronHost(): HostApi | null {
  return window.mldoc ?? null
}
