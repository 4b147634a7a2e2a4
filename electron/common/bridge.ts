import type { HostApi } from '../../core/host/api.js'

/**
 * What main and the preload agree on beyond the host API itself: the menu event channel, the
 * close round trip, and how a host call's result travels back. Types and constants only, so the
 * sandboxed preload bundles no validation library.
 */

/** Channel on which main tells a window that one of its menu items was chosen. */
export const MENU_CHANNEL = 'mldoc:menu'

/** Menu items that the renderer carries out (New and Open are main's: they open windows). */
export const MENU_COMMANDS = ['save', 'save-as', 'export-markdown', 'export-repository', 'create-project', 'undo', 'redo', 'find'] as const
/** A menu item the renderer carries out. */
export type MenuCommand = (typeof MENU_COMMANDS)[number]

/** Channel on which main asks a window about its unsaved changes before closing it. */
export const CLOSE_QUERY_CHANNEL = 'mldoc:close-query'
/** Channel on which the window answers a {@link CloseQuery}. */
export const CLOSE_REPLY_CHANNEL = 'mldoc:close-reply'

/** `query`: are there unsaved changes? `save`: save them now, then say whether any are left. */
export type CloseAction = 'query' | 'save'
/** Main to renderer: one step of closing a window. */
export interface CloseQuery {
  readonly id: number
  readonly action: CloseAction
}
/** Renderer to main: the answer to the {@link CloseQuery} with the same id. */
export interface CloseReply {
  readonly id: number
  readonly unsaved: boolean
}

/**
 * How a host call's result travels over IPC. Errors of the call itself (a damaged file, a failed
 * save) come back as `error` so the renderer shows the message as it is; refusals (a foreign
 * sender, a malformed payload) are thrown by main and never reach the implementation.
 */
export type HostReply<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string }

/** The object the preload exposes to the renderer as `window.mldoc`. */
export interface MLDocBridge extends HostApi {
  /** Calls `listener` with each menu command; returns a function that stops listening. */
  onMenu(listener: (command: MenuCommand) => void): () => void
  /**
   * Sets who answers main when the window is about to close: `query` asks whether there are
   * unsaved changes, `save` asks to save them; either way the handler resolves to whether unsaved
   * changes remain. Without a handler the window closes without asking.
   */
  onCloseRequest(handler: (action: CloseAction) => Promise<boolean>): void
}
