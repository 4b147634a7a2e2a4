import { resolve } from 'node:path'

/**
 * Which files each window may touch. A window reads and writes only paths the user gave it: one
 * picked in a dialog, passed on the command line or by the OS, or chosen from recent documents.
 * So a renderer that went wrong cannot ask main to read or overwrite any other file.
 */

/**
 * What a path was granted for: the window's `.mldoc` document, a Markdown export, or a folder the
 * user chose to export into (a repository) or to create a project skeleton in.
 */
export type GrantKind = 'document' | 'export' | 'folder'

/** Paths granted per window, and the document each window shows. */
export class DocumentAccess {
  readonly #grants = new Map<number, Map<string, GrantKind>>()
  readonly #documents = new Map<number, string>()

  /** Lets window `windowId` use `path` for `kind`. */
  grant(windowId: number, path: string, kind: GrantKind): void {
    const grants = this.#grants.get(windowId) ?? new Map<string, GrantKind>()
    grants.set(resolve(path), kind)
    this.#grants.set(windowId, grants)
  }

  /** Whether window `windowId` was given `path` for `kind`. */
  isGranted(windowId: number, path: string, kind: GrantKind): boolean {
    return this.#grants.get(windowId)?.get(resolve(path)) === kind
  }

  /** Records that window `windowId` now shows the document at `path` (granting it). */
  showDocument(windowId: number, path: string): void {
    this.grant(windowId, path, 'document')
    this.#documents.set(windowId, resolve(path))
  }

  /** The window that shows the document at `path`, or null. */
  windowShowing(path: string): number | null {
    const wanted = resolve(path)
    for (const [windowId, shown] of this.#documents) if (shown === wanted) return windowId
    return null
  }

  /** Drops everything granted to a window that closed. */
  forget(windowId: number): void {
    this.#grants.delete(windowId)
    this.#documents.delete(windowId)
  }
}
