import type { JSONContent } from '@tiptap/core'
import type { MLDocument } from '../../core/document/model.js'
import { exportMarkdown } from '../../core/markdown/index.js'
import { createYDoc } from '../../core/yjs/doc.js'
import { encodeMLDocFile } from '../../core/yjs/file.js'
import { countNodes, generateDocument } from '../documents/generate.js'
import { peerDocumentJSON } from '../documents/peer.js'
import type { BenchOptions } from './options.js'
import type { ResultRow } from './table.js'

/** A generated document and what the benchmarks derive from it, each made once on first use. */
export interface BenchDocument {
  readonly scale: number
  /** `1x`, `2x`...: the size column of the table. */
  readonly label: string
  readonly doc: MLDocument
  /** Nodes in the body (text nodes included) and characters of text. */
  readonly nodes: number
  readonly textChars: number
  /** The same content as peers get it (structured blocks as plain tables, lists and code). */
  peerJSON(): JSONContent
  /** Our Markdown export of it. */
  markdown(): string
  /** Its `.mldoc` file bytes (a fresh Y.Doc seeded with it). */
  mldocFile(): Uint8Array
}

/** What every benchmark gets: the options, the documents, and a progress log. */
export interface BenchContext {
  readonly options: BenchOptions
  /** The generated document at a scale (1 = base counts). */
  document(scale: number): BenchDocument
  /** A progress line on stderr (the table goes to stdout). */
  log(message: string): void
  /** A measurement two benchmarks share (cold open and heap come from the same sessions), made once. */
  shared<T>(key: string, make: () => Promise<T>): Promise<T>
}

/** One benchmark of the table. */
export interface Benchmark {
  readonly id: string
  /** Runs it and returns its rows; a missing piece gives a `not run` row, never a figure. */
  run(context: BenchContext): Promise<ResultRow[]>
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null
  return () => (made ??= { value: make() }).value
}

/** A context whose documents are generated lazily and cached per scale. */
export function createContext(options: BenchOptions, log: (message: string) => void): BenchContext {
  const documents = new Map<number, BenchDocument>()
  const measurements = new Map<string, Promise<unknown>>()
  return {
    options,
    log,
    shared<T>(key: string, make: () => Promise<T>): Promise<T> {
      let made = measurements.get(key)
      if (!made) measurements.set(key, (made = make()))
      return made as Promise<T>
    },
    document(scale) {
      let entry = documents.get(scale)
      if (!entry) {
        const doc = generateDocument({ scale, sections: options.sections })
        const { nodes, textChars } = countNodes(doc.body)
        entry = {
          scale,
          label: `${scale}x`,
          doc,
          nodes,
          textChars,
          peerJSON: once(() => peerDocumentJSON(doc)),
          markdown: once(() => exportMarkdown(doc)),
          mldocFile: once(() => encodeMLDocFile(createYDoc(doc))),
        }
        documents.set(scale, entry)
      }
      return entry
    },
  }
}
