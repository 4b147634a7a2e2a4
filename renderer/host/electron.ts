import type { HostApi } from '../../core/host/api.js'

/** A command from the desktop app's menu that the window carries out. */
export type DesktopMenuCommand = 'save' | 'save-as' | 'export-markdown' | 'export-repository' | 'create-project' | 'undo' | 'redo' | 'find'

/**
 * What the Electron preload exposes as `window.mldoc`: the host API, plus the native menu's
 * commands and the question main asks before it closes a window (are there unsaved changes?
 * save them). Described here by shape: the renderer never imports the Electron layer.
 */
export interface DesktopBridge extends HostApi {
  onMenu(listener: (command: DesktopMenuCommand) => void): () => void
  onCloseRequest(handler: (action: 'query' | 'save') => Promise<boolean>): void
}

declare global {
  interface Window {
    /** The bridge the Electron preload exposes through `contextBridge`; absent in a browser. */
    readonly mldoc?: DesktopBridge
  }
}

/** The desktop bridge, or null when the renderer runs in a browser. */
export function desktopBridge(): DesktopBridge | null {
  return window.mldoc ?? null
}
