import type * as Y from 'yjs'
import type { HostApi, OpenedDocument } from '../../core/host/api.js'
import { readMeta } from '../../core/yjs/doc.js'
import { decodeMLDocFileNatively } from './decode.js'
import { DocumentReplica } from './replica.js'

/** What an error about an opened document names: its file, else its name. */
function sourceOf(opened: OpenedDocument): string {
  return opened.path ?? opened.name
}

/** How the document stands against its file. */
export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'failed'

/** What the title bar shows about the document; a new object whenever something changes. */
export interface SessionState {
  readonly status: SaveStatus
  /** Whether an autosave is scheduled: edits not on disk yet will be written within {@link AUTOSAVE_DELAY}. */
  readonly autosaveDue: boolean
  /** Where the host keeps the file; null until the first save. */
  readonly path: string | null
  readonly name: string
  /** Why the last save failed. */
  readonly error: string | null
  /** Where the last export went. */
  readonly exportPath: string | null
}

/**
 * Milliseconds from the first unsaved edit to its autosave: while someone types without a pause,
 * the document is still saved about once a second, so a crash loses at most about this much.
 */
export const AUTOSAVE_DELAY = 1000

/**
 * One open document: its Y.Doc (the single source of truth, bound to the editor), where its
 * file lives and whether what is on disk matches. Saves go through the host as `.mldoc` bytes;
 * once the document has a file, an edit is saved at most a second after it was made (the timer
 * starts at the first unsaved edit and is not restarted by the ones after it).
 */
export class DocumentSession {
  readonly ydoc: Y.Doc
  /** How errors about this document name it: its file's path, or its name before it has one. */
  readonly source: string
  private state: SessionState
  private readonly listeners = new Set<() => void>()
  private edits = 0
  private savedEdits = 0
  private timer: ReturnType<typeof setTimeout> | undefined
  private running: Promise<boolean> | null = null
  /** Encodes each save off the main thread (see DocumentReplica). */
  private readonly replica: DocumentReplica

  /**
   * A session on a document the host opened, given `ydoc`, its file decoded
   * ({@link DocumentSession.open} does that). Its header is checked here, and its body when the
   * editor builds it (`openDocumentEditor`), before anything binds to it: a file that decodes but
   * does not fit (a newer MLDoc's block, a damaged state) is refused with an MLDocError naming it,
   * never shown with parts dropped and then saved over. Hosts check only that the file is whole.
   * Nothing is saved before an edit.
   */
  constructor(private readonly host: HostApi, opened: OpenedDocument, ydoc: Y.Doc) {
    this.source = sourceOf(opened)
    this.ydoc = ydoc
    readMeta(this.ydoc, this.source)
    this.replica = DocumentReplica.use(this.ydoc, opened.state)
    this.state = { status: opened.path ? 'saved' : 'unsaved', autosaveDue: false, path: opened.path, name: opened.name, error: null, exportPath: null }
    this.ydoc.on('update', this.onUpdate)
  }

  /** Opens a session on a document the host opened, its file decompressed natively (see `decodeMLDocFileNatively`). */
  static async open(host: HostApi, opened: OpenedDocument): Promise<DocumentSession> {
    return new DocumentSession(host, opened, await decodeMLDocFileNatively(opened.state, sourceOf(opened)))
  }

  private readonly onUpdate = () => {
    this.edits++
    if (this.state.path !== null) this.scheduleAutosave()
    this.set(this.state.status === 'saving' ? {} : { status: 'unsaved' })
  }

  /** Starts the autosave timer unless one is running: later edits ride on the save it makes. */
  private scheduleAutosave(): void {
    if (this.timer !== undefined) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.save()
    }, AUTOSAVE_DELAY)
  }

  private cancelAutosave(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }

  /**
   * Applies a change, with `autosaveDue` as the timer now stands (so schedule or cancel it
   * first); listeners hear only of real changes (typing must not re-render the title bar).
   */
  private set(change: Partial<Omit<SessionState, 'autosaveDue'>>): void {
    const next: SessionState = { ...this.state, ...change, autosaveDue: this.timer !== undefined }
    if ((Object.keys(next) as (keyof SessionState)[]).every((key) => next[key] === this.state[key])) return
    this.state = next
    for (const listener of this.listeners) listener()
  }

  /** Subscribes to state changes (for `useSyncExternalStore`). */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The current state (a stable object between changes). */
  readonly getState = (): SessionState => this.state

  /** Whether edits are not on disk yet. */
  get dirty(): boolean {
    return this.edits !== this.savedEdits || this.state.path === null
  }

  /** The name to suggest for a file: the document's title, else its name. */
  suggestedName(): string {
    try {
      return readMeta(this.ydoc).title || this.state.name
    } catch {
      return this.state.name
    }
  }

  /**
   * Saves the document through the host (asking where the first time, or with `saveAs`, in
   * Electron). Resolves to whether it is on disk now; a failure keeps the document open with its
   * changes and says why; a cancelled dialog changes nothing (edits not on disk yet are still
   * autosaved to the document's file).
   */
  save(options: { saveAs?: boolean } = {}): Promise<boolean> {
    // While a save is in flight, an edit made meanwhile keeps its timer: the save it starts
    // waits for this one and then writes everything.
    if (this.running) return this.running.then(() => (this.dirty || options.saveAs ? this.save(options) : true))
    this.cancelAutosave()
    const edits = this.edits
    const before = this.state.status
    this.set({ status: 'saving', error: null })
    const path = options.saveAs ? null : this.state.path
    this.running = this.replica
      .encodeFile()
      .then((state) => this.host.saveDocument({ path, state: new Uint8Array(state), suggestedName: this.suggestedName() }))
      .then(
        ({ path }) => {
          if (path === null) {
            // Edits the cancelled save would have written are still saved where the file is.
            if (this.state.path !== null && this.dirty) this.scheduleAutosave()
            this.set({ status: before === 'saving' ? 'unsaved' : before })
            return false
          }
          this.savedEdits = edits
          if (this.edits !== edits) this.scheduleAutosave()
          this.set({ path, status: this.edits === edits ? 'saved' : 'unsaved' })
          return true
        },
        (error: unknown) => {
          this.set({ status: 'failed', error: (error as Error).message })
          return false
        },
      )
      .finally(() => {
        this.running = null
      })
    return this.running
  }

  /** Writes the Markdown export through the host, to the same file as the last export. Resolves to where it went. */
  async exportMarkdown(markdown: string): Promise<string | null> {
    const { path } = await this.host.exportMarkdown({ path: this.state.exportPath, markdown, suggestedName: this.suggestedName() })
    if (path !== null) this.set({ exportPath: path })
    return path
  }

  /** Stops autosaving and listening; the Y.Doc is destroyed with the editor. */
  dispose(): void {
    this.cancelAutosave()
    this.ydoc.off('update', this.onUpdate)
    this.replica.release()
    this.listeners.clear()
  }
}
