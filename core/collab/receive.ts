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

/** The parts of updates a document holds back until what they build on arrives (Yjs V2 encoding). */
interface Pending {
  readonly structs: Uint8Array | null
  readonly deletes: Uint8Array | null
}

function pendingOf(doc: Y.Doc): Pending {
  return { structs: doc.store.pendingStructs?.update ?? null, deletes: doc.store.pendingDs }
}

/**
 * The safe way in for updates from the network. `Y.applyUpdate` may accept part of a damaged
 * update and throw on the rest, leaving a document half-changed; so each update is first applied
 * to a scratch copy that follows the live document, checked there (`check`, e.g. against the
 * MLDoc schema), and only then does the live document receive what the scratch copy took in.
 * Parts of an update that wait for content not yet received wait in the scratch copy, never in
 * the live document, and are checked when they come in: unchecked content never waits in the
 * live document, where it could later come in unchecked or, forged to clash with what the
 * scratch copy holds, make the live document throw. An update that fails to decode or fails the
 * check is dropped and reported to `onDrop`; the scratch copy is then rebuilt from the live
 * document, which never saw it, with what was waiting before.
 *
 * The scratch copy takes the live document's own changes (one's typing) after the work that made
 * them, in a microtask, and at the latest when the next update arrives: applying each keystroke
 * to it came before the keystroke was sent to the peers (the live document's update listeners
 * run in order, and this one is added first). What the live document took in through this path
 * the scratch copy took in first, so it is not applied to it again.
 */
export function createReceivePath(live: Y.Doc, options: { check?: UpdateCheck; onDrop: (dropped: DroppedUpdate) => void }): ReceivePath {
  let scratch = copyOf(live, options.check)
  let verdict: string | null = null
  /** What the scratch copy took in from the update being checked. */
  let taken: Uint8Array[] = []
  const judge = (transaction: Y.Transaction): void => {
    if (transaction.origin === CHECKING && options.check) verdict = options.check.check(scratch, transaction)
  }
  const collect = (update: Uint8Array, origin: unknown): void => {
    if (origin === CHECKING) taken.push(update)
  }
  const listen = (): void => {
    scratch.on('afterTransaction', judge)
    scratch.on('update', collect)
  }
  listen()
  // Every other change of the live document reaches the scratch copy, soon after it is made.
  let behind: Uint8Array[] = []
  /** Set while the live document takes in what the scratch copy took: its first update event is that. */
  let admitting = false
  const catchUp = (): void => {
    if (behind.length === 0) return
    const updates = behind
    behind = []
    Y.applyUpdate(scratch, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates))
  }
  const follow = (update: Uint8Array): void => {
    if (admitting) {
      // Changes made meanwhile by the live document's observers come after it and are followed.
      admitting = false
      return
    }
    if (behind.length === 0) void Promise.resolve().then(catchUp)
    behind.push(update)
  }
  live.on('update', follow)

  const rebuildScratch = (waiting: Pending): void => {
    scratch.off('afterTransaction', judge)
    scratch.off('update', collect)
    scratch.destroy()
    scratch = copyOf(live, options.check)
    if (waiting.structs) Y.applyUpdateV2(scratch, waiting.structs)
    if (waiting.deletes) Y.applyUpdateV2(scratch, waiting.deletes)
    listen()
  }

  return {
    receive(update, origin) {
      catchUp()
      verdict = null
      taken = []
      const waiting = pendingOf(scratch)
      let failure: string | null = null
      try {
        Y.applyUpdate(scratch, update, CHECKING)
        failure = verdict
      } catch (error) {
        failure = `it cannot be decoded (${(error as Error).message || String(error)})`
      }
      if (failure !== null) {
        rebuildScratch(waiting)
        options.onDrop({ reason: failure, bytes: update.byteLength })
        return false
      }
      if (taken.length > 0) {
        admitting = true
        try {
          Y.applyUpdate(live, taken.length === 1 ? taken[0]! : Y.mergeUpdates(taken), origin)
        } finally {
          admitting = false
        }
      }
      return true
    },
    destroy() {
      live.off('update', follow)
      behind = []
      scratch.off('afterTransaction', judge)
      scratch.off('update', collect)
      scratch.destroy()
    },
  }
}
