import type { CloseAction, CloseQuery, CloseReply } from '../common/bridge.js'

/**
 * Closing a window with unsaved changes: main asks the window whether it has any (a round trip
 * to the renderer, which alone knows), asks the user Save / Don't Save / Cancel, and on Save has
 * the window save before it closes. A window that does not answer counts as having unsaved
 * changes, so nothing is thrown away silently.
 */

/** The user's answer to the unsaved-changes prompt. */
export type CloseChoice = 'save' | 'discard' | 'cancel'

/** What the close guard needs from the app around it. */
export interface CloseGuardDeps {
  /** Sends a query to a window's renderer. */
  send(windowId: number, query: CloseQuery): void
  /** Asks the user what to do with a window's unsaved changes. */
  prompt(windowId: number): Promise<CloseChoice>
  /** How long to wait for the renderer's answer to a query. */
  readonly queryTimeoutMs: number
  /** How long to wait for the renderer to save (a Save As dialog may be open meanwhile). */
  readonly saveTimeoutMs: number
}

interface Pending {
  readonly windowId: number
  resolve(unsaved: boolean): void
}

/** Decides whether windows may close, one round trip at a time. */
export class CloseGuard {
  #nextId = 1
  readonly #pending = new Map<number, Pending>()

  constructor(private readonly deps: CloseGuardDeps) {}

  /** Whether window `windowId` may close now: no unsaved changes, saved them, or the user chose to discard them. */
  async mayClose(windowId: number): Promise<boolean> {
    if (!(await this.#ask(windowId, 'query', this.deps.queryTimeoutMs))) return true
    const choice = await this.deps.prompt(windowId)
    if (choice === 'discard') return true
    if (choice === 'cancel') return false
    return !(await this.#ask(windowId, 'save', this.deps.saveTimeoutMs))
  }

  /** Takes a window's answer; answers from another window or to no open query are ignored. */
  reply(windowId: number, { id, unsaved }: CloseReply): void {
    const pending = this.#pending.get(id)
    if (pending === undefined || pending.windowId !== windowId) return
    this.#pending.delete(id)
    pending.resolve(unsaved)
  }

  /** Sends one query and resolves to whether unsaved changes remain (true when no answer came in time). */
  #ask(windowId: number, action: CloseAction, timeoutMs: number): Promise<boolean> {
    const id = this.#nextId++
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id)
        resolve(true)
      }, timeoutMs)
      this.#pending.set(id, {
        windowId,
        resolve: (unsaved) => {
          clearTimeout(timer)
          resolve(unsaved)
        },
      })
      this.deps.send(windowId, { id, action })
    })
  }
}
