/** What bench/remote.ts asks the runner (run inside a network namespace) to measure. */
export interface RemoteJob {
  /** The documents folder, holding each document's `.mldoc` file. */
  readonly docsDir: string
  readonly documents: readonly RemoteDocument[]
  /** The bundled bare pages (bare-collab). */
  readonly pagesDir: string
  /** The built renderer, or null when it is not built (then only the bare pair runs). */
  readonly rendererDir: string | null
  readonly keystrokes: number
  readonly settleMs: number
  /** Where the runner writes its {@link RemoteResult} as JSON. */
  readonly resultFile: string
}

/** One document to type into. */
export interface RemoteDocument {
  /** `small`, `1x`. */
  readonly label: string
  readonly file: string
  readonly topLevelNodes: number
  /** Top-level index of the paragraph typed into. */
  readonly paragraph: number
}

/** One pair of browsers typing in A and watching B. */
export interface PairMeasurement {
  /** Key event in A to the text showing in B's DOM, per keystroke, ms. */
  readonly remoteMs: number[]
  /** Key event in A to A's own DOM updated (the typing probe's `dom`), per keystroke, ms. */
  readonly localMs: number[]
  /** Bytes A sent on its data channels while typing: Yjs sync messages and awareness messages. */
  readonly syncBytes: number
  readonly awarenessBytes: number
  /** Estimated clock offsets of A and B against the runner (ms), for the record. */
  readonly clockOffsets: readonly [number, number]
}

/** Per document label, per side (`ours`, `bare`): a measurement or why there is none. */
export type RemoteResult = Record<string, Record<string, PairMeasurement | { readonly notRun: string }>>
