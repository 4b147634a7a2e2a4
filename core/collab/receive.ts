import * as Y from 'yjs'

/** An update from a peer that was not applied, and why. */
export interface DroppedUpdate {
  /** In words: what was wrong with it. */
  readonly reason: string
  /** Its size, for the log. */
  readonly bytes: number
}

/** What the receive path checks each update from a peer against. */
export interface UpdateCheck {
  /**
   * Defines the top-level types the check reads (`getXmlFragment(...)`, `getMap(...)`) on a new
   * scratch copy, before any state reaches it: a top-level type is only typed once asked for.
   */
  prepare(scratch: Y.Doc): void
  /**
   * Looks at what one update changed in the scratch copy and says why it must not reach the live
   * document, or returns null when it may. Runs after the update is applied to the scratch copy.
   */
  check(scratch: Y.Doc, transaction: Y.Transaction): string | null
}

/** Where updates from peers enter the live document. */
export interface ReceivePath {
  /**
   * Applies a peer's update (Yjs V1 encoding) to the live document all or nothing: returns true
   * when it was applied (or changed nothing), false when it was dropped (and reported).
   */
  receive(update: Uint8Array, origin: unknown): boolean
  /** Stops following the live document and frees the scratch copy. */
  destroy(): void
}

/** Marks the transactions in which the scratch copy takes a peer's update. */
const CHECKING = Symbol('mldoc receive path check')

/** A copy of a document, its top-level types defined by `check` first. */
function copyOf(doc: Y.Doc, check: UpdateCheck | undefined): Y.Doc {
  const copy = new Y.Doc({ gc: doc.gc })
  check?.prepare(copy)
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

/**
 * The safe way in for updates from the network. `Y.applyUpdate` may accept part of a damaged
 * update and throw on the rest, leaving a document half-changed; so each update is first applied
 * to a scratch copy that follows the live document, checked there (`check`, e.g. against the
 * MLDoc schema), and only then applied to the live document. An update that fails to decode or
 * fails the check is dropped and reported to `onDrop`; the scratch copy is then rebuilt from the
 * live document, which never saw it.
 */
export function createReceivePath(live: Y.Doc, options: { check?: UpdateCheck; onDrop: (dropped: DroppedUpdate) => void }): ReceivePath {
  let scratch = copyOf(live, options.check)
  let verdict: string | null = null
  const judge = (transaction: Y.Transaction): void => {
    if (transaction.origin === CHECKING && options.check) verdict = options.check.check(scratch, transaction)
  }
  scratch.on('afterTransaction', judge)
  // Every change of the live document, local or remote, reaches the scratch copy; re-applying an
  // update it already has changes nothing.
  const follow = (update: Uint8Array): void => Y.applyUpdate(scratch, update)
  live.on('update', follow)

  const rebuildScratch = (): void => {
    scratch.off('afterTransaction', judge)
    scratch.destroy()
    scratch = copyOf(live, options.check)
    scratch.on('afterTransaction', judge)
  }

  return {
    receive(update, origin) {
      verdict = null
      let failure: string | null = null
      try {
        Y.applyUpdate(scratch, update, CHECKING)
        failure = verdict
      } catch (error) {
        failure = `it cannot be decoded (${(error as Error).message || String(error)})`
      }
      if (failure !== null) {
        rebuildScratch()
        options.onDrop({ reason: failure, bytes: update.byteLength })
        return false
      }
      Y.applyUpdate(live, update, origin)
      return true
    },
    destroy() {
      live.off('update', follow)
      scratch.off('afterTransaction', judge)
      scratch.destroy()
    },
  }
}
