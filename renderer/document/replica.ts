import * as Y from 'yjs'
import type { Lang } from '../../core/i18n.js'
import { whenIdle } from '../app/idle.js'
import type { Analysis } from '../panel/analysis.js'

/** What the renderer sends a replica's worker. */
export type ReplicaMessage =
  /** The document's `.mldoc` bytes as opened: where the replica starts. */
  | { readonly kind: 'file'; readonly file: Uint8Array }
  /** A Yjs update of the document (V1 encoding), as the Y.Doc emitted it. */
  | { readonly kind: 'update'; readonly update: Uint8Array }
  | { readonly kind: 'analyse'; readonly id: number; readonly lang: Lang }
  /** The `.mldoc` bytes of the document as it now stands, for a save. */
  | { readonly kind: 'encode'; readonly id: number }

/** A replica worker's answer to a request. */
export type ReplicaReply = { readonly id: number; readonly analysis: Analysis } | { readonly id: number; readonly file: Uint8Array }

const replicas = new WeakMap<Y.Doc, DocumentReplica>()

/**
 * The document-wide work on an open document, done off the thread that handles keys: a Web
 * Worker holds a replica of its Y.Doc (the file's bytes once, then each update as the Y.Doc
 * emits it: a few bytes per keystroke) and analyses it for the side panel and encodes it for
 * saves. The linter (tens of milliseconds on a long document) and a save's encoding (the whole
 * state, compressed, about once a second while someone types) then never delay a keystroke.
 * Requests are answered in order, each from the document as it stood when it was made.
 * The worker starts when the page is first idle (or at the first request), not while the editor
 * opens. Where there are no workers (tests in jsdom or Node), or the worker fails, the same work
 * runs on the main thread (analysis in an idle callback). One replica per Y.Doc, shared by who uses it.
 */
export class DocumentReplica {
  private worker: Worker | null = null
  private users = 0
  private next = 0
  private readonly waiting = new Map<number, { run: () => unknown; resolve: (value: never) => void; reject: (error: unknown) => void }>()

  /** Where the worker starts (until it has started): the file's bytes or the Y.Doc's state, and the updates since. */
  private pending: ReplicaMessage[] | null = null

  private constructor(private readonly ydoc: Y.Doc, file: Uint8Array | null) {
    if (typeof Worker !== 'function') return
    this.pending = [file ? { kind: 'file', file } : { kind: 'update', update: Y.encodeStateAsUpdate(ydoc) }]
    this.ydoc.on('update', this.forward)
    // The worker loads and decodes the whole document: on a machine with few cores that competes
    // with opening the editor, so it starts once the page is idle, or at the first request.
    whenIdle(() => this.start())
  }

  private start(): void {
    const pending = this.pending
    if (!pending) return
    this.pending = null
    try {
      this.worker = new Worker(new URL('./replica.worker.ts', import.meta.url), { type: 'module', name: 'mldoc-document' })
    } catch {
      this.ydoc.off('update', this.forward)
      return
    }
    this.worker.onmessage = (event: MessageEvent<ReplicaReply>) => {
      const request = this.waiting.get(event.data.id)
      this.waiting.delete(event.data.id)
      request?.resolve(('analysis' in event.data ? event.data.analysis : event.data.file) as never)
    }
    this.worker.onerror = () => this.fallBack()
    for (const message of pending) this.post(message)
  }

  /**
   * The replica of a Y.Doc, made on first use: from `file` (the bytes the document was opened
   * from, which the Y.Doc holds unchanged) when given, else from the Y.Doc's state. Each use
   * ends with {@link release}.
   */
  static use(ydoc: Y.Doc, file: Uint8Array | null = null): DocumentReplica {
    let replica = replicas.get(ydoc)
    if (!replica) replicas.set(ydoc, (replica = new DocumentReplica(ydoc, file)))
    replica.users++
    return replica
  }

  /** Ends one use; the last one stops the worker. */
  release(): void {
    if (--this.users > 0) return
    replicas.delete(this.ydoc)
    this.stopWorker()
    this.waiting.clear()
  }

  private readonly forward = (update: Uint8Array) => this.post({ kind: 'update', update })

  private post(message: ReplicaMessage): void {
    if (this.pending) this.pending.push(message)
    else this.worker?.postMessage(message)
  }

  /**
   * Asks the worker, or answers `here` on this thread when there is none (its answer may be a
   * promise: the code for it loads when first needed, not as the editor opens).
   */
  private request<T>(message: (id: number) => ReplicaMessage, here: () => T | Promise<T>, inIdleTime: boolean): Promise<T> {
    this.start()
    return new Promise<T>((resolve, reject) => {
      const answer = () => {
        try {
          resolve(here())
        } catch (error) {
          reject(error)
        }
      }
      if (!this.worker) {
        if (inIdleTime) whenIdle(answer)
        else answer()
        return
      }
      const id = ++this.next
      this.waiting.set(id, { run: here, resolve: resolve as (value: never) => void, reject })
      this.post(message(id))
    })
  }

  /** The side panel's analysis of the document as it now stands (no Markdown preview). */
  analyse(lang: Lang): Promise<Analysis> {
    return this.request((id) => ({ kind: 'analyse', id, lang }), () => import('../panel/analyse-document.js').then(({ analyseDocument }) => analyseDocument(this.ydoc, lang)), true)
  }

  /** The `.mldoc` bytes of the document as it now stands. */
  encodeFile(): Promise<Uint8Array> {
    return this.request((id) => ({ kind: 'encode', id }), () => {
      // The state as it stands now; compressing it waits for the file code to load.
      const state = Y.encodeStateAsUpdateV2(this.ydoc)
      return import('../../core/yjs/file.js').then(({ encodeMLDocState }) => encodeMLDocState(state))
    }, false)
  }

  /** The worker failed (it could not load, or threw): what it held is answered here, as everything later. */
  private fallBack(): void {
    this.stopWorker()
    for (const request of this.waiting.values()) {
      try {
        request.resolve(request.run() as never)
      } catch (error) {
        request.reject(error)
      }
    }
    this.waiting.clear()
  }

  private stopWorker(): void {
    this.pending = null
    this.ydoc.off('update', this.forward)
    this.worker?.terminate()
    this.worker = null
  }
}
