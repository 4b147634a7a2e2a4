import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import type * as Y from 'yjs'
import type { MLDocument } from '../core/document/model.js'
import { MLDocError } from '../core/errors.js'
import { importMarkdown } from '../core/markdown/index.js'
import { createYDoc } from '../core/yjs/doc.js'
import { checkMLDocFile, encodeMLDocFile, readMLDocFile } from '../core/yjs/file.js'
import { describeFileError, writeFileAtomic } from './files.js'

/** A line-numbered note from importing Markdown: something kept as plain content, or dropped. */
export interface ImportWarning {
  line: number
  message: string
}

/** A document read from disk: its Y.Doc, the checked document, and how it was stored. */
export interface DocumentFile {
  ydoc: Y.Doc
  doc: MLDocument
  /** `mldoc` for the CRDT state file, `markdown` for a Markdown file (imported into a new Y.Doc). */
  format: 'mldoc' | 'markdown'
  /** What the Markdown import noticed, with line numbers; always empty for an `.mldoc` file. */
  warnings: ImportWarning[]
}

const MLDOC_MAGIC = new TextEncoder().encode('MLDOC\n')
const MARKDOWN_EXTENSIONS = ['.md', '.markdown']

/** Reads a file's bytes; an error names the file and says what is wrong in plain words. */
async function readBytes(path: string): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return new Uint8Array(await readFile(path))
  } catch (error) {
    throw new MLDocError('file', `cannot read: ${describeFileError(error, path, 'read')}`, path)
  }
}

function startsWithMagic(bytes: Uint8Array): boolean {
  return MLDOC_MAGIC.every((byte, i) => bytes[i] === byte)
}

/**
 * Largest Markdown file MLDoc imports. The Markdown parser needs about 17 s and 1.2 GB per MiB
 * (measured on 2026-11-26; a design document is rarely over 200 KiB), so a bigger file, e.g. a
 * 50 MB log saved as .md, is refused at once instead of running out of time or memory.
 */
export const MAX_MARKDOWN_BYTES = 1024 * 1024

/** Decodes Markdown bytes as UTF-8 (a leading byte-order mark is dropped), refusing anything else or anything too big. */
function decodeMarkdown(bytes: Uint8Array, path: string): string {
  if (bytes.length > MAX_MARKDOWN_BYTES) {
    const size = (bytes.length / (1024 * 1024)).toFixed(1)
    throw new MLDocError('file', `the file is ${size} MiB; MLDoc imports Markdown files of up to ${MAX_MARKDOWN_BYTES / (1024 * 1024)} MiB`, path)
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new MLDocError('file', 'the file is not UTF-8 text (save it as UTF-8 and try again)', path)
  }
}

/**
 * Reads a Markdown file into a document. With `strict`, anything the importer would only warn
 * about is an error. Errors are {@link MLDocError}s naming the file (and the line, for Markdown).
 */
export async function readMarkdownFile(path: string, options: { strict?: boolean } = {}): Promise<{ doc: MLDocument; warnings: ImportWarning[] }> {
  const bytes = await readBytes(path)
  if (startsWithMagic(bytes)) throw new MLDocError('file', 'this is an .mldoc file, not Markdown', path)
  return importMarkdown(decodeMarkdown(bytes, path), { source: path, strict: options.strict ?? false })
}

/**
 * Reads a document from disk: an `.mldoc` file as its CRDT state, a `.md`/`.markdown` file by
 * importing it into a new Y.Doc. A file with any other extension is an `.mldoc` file when it starts
 * with the MLDoc header, and Markdown otherwise. Errors are {@link MLDocError}s naming the file.
 */
export async function readDocumentFile(path: string): Promise<DocumentFile> {
  const bytes = await readBytes(path)
  if (isMLDocFile(path, bytes)) return { ...readMLDocFile(bytes, path), format: 'mldoc', warnings: [] }
  const { doc, warnings } = importMarkdown(decodeMarkdown(bytes, path), { source: path })
  return { ydoc: createYDoc(doc), doc, format: 'markdown', warnings }
}

function isMLDocFile(path: string, bytes: Uint8Array): boolean {
  const extension = extname(path).toLowerCase()
  return extension === '.mldoc' || (!MARKDOWN_EXTENSIONS.includes(extension) && startsWithMagic(bytes))
}

/** A document as a host hands it to the editor: `.mldoc` file bytes, and where they came from. */
export interface EditorFile {
  /** `mldoc` for an `.mldoc` file (sent as it is on disk), `markdown` for an imported Markdown file. */
  format: 'mldoc' | 'markdown'
  /** `.mldoc` file bytes. */
  bytes: Uint8Array<ArrayBuffer>
}

/**
 * Reads a document for the editor. An `.mldoc` file goes as it is on disk once it is checked to
 * be whole and undamaged ({@link checkMLDocFile}); its document is decoded and checked once, by
 * the editor that opens it, not here as well (that took most of a cold open's time). A Markdown
 * file is imported and encoded as a new `.mldoc` state. Errors are {@link MLDocError}s naming the file.
 */
export async function readDocumentForEditor(path: string): Promise<EditorFile> {
  const bytes = await readBytes(path)
  if (isMLDocFile(path, bytes)) {
    checkMLDocFile(bytes, path)
    return { format: 'mldoc', bytes }
  }
  const { doc } = importMarkdown(decodeMarkdown(bytes, path), { source: path })
  return { format: 'markdown', bytes: encodeMLDocFile(createYDoc(doc)) }
}

/** Saves a Y.Doc as an `.mldoc` file, atomically (see {@link writeFileAtomic}). */
export async function writeMLDocFile(path: string, ydoc: Y.Doc): Promise<void> {
  await writeFileAtomic(path, encodeMLDocFile(ydoc))
}
