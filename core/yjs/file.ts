import * as Y from 'yjs'
import type { MLDocument } from '../document/model.js'
import { MLDocError } from '../errors.js'
import { crc32 } from './crc32.js'
import { readYDoc } from './doc.js'

/** First bytes of every `.mldoc` file: "MLDOC" and a newline. */
const MAGIC = [0x4d, 0x4c, 0x44, 0x4f, 0x43, 0x0a] as const
/** The `.mldoc` format this build writes and reads. */
export const MLDOC_FORMAT_VERSION = 1
/** magic (6) + format version (1) + reserved (1) + payload length (4) + payload CRC-32 (4). */
const HEADER_SIZE = 16

/**
 * Encodes a Y.Doc as a `.mldoc` file: a 16-byte header (magic, format version, payload length,
 * CRC-32) and the Yjs state in the V2 update encoding. Offline copies of one document merge,
 * because the whole CRDT state travels with the file.
 */
export function encodeMLDocFile(ydoc: Y.Doc): Uint8Array {
  const payload = Y.encodeStateAsUpdateV2(ydoc)
  const out = new Uint8Array(HEADER_SIZE + payload.length)
  out.set(MAGIC, 0)
  out[6] = MLDOC_FORMAT_VERSION
  out[7] = 0
  const view = new DataView(out.buffer)
  view.setUint32(8, payload.length)
  view.setUint32(12, crc32(payload))
  out.set(payload, HEADER_SIZE)
  return out
}

/**
 * Decodes a `.mldoc` file into a new Y.Doc, refusing anything that is not a whole, undamaged
 * MLDoc file whose body fits the schema. Errors name the file and say what is wrong.
 */
export function decodeMLDocFile(bytes: Uint8Array, source: string): Y.Doc {
  if (bytes.length < MAGIC.length || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new MLDocError('file', 'this is not an MLDoc file (it does not start with the MLDOC header)', source)
  }
  if (bytes.length < HEADER_SIZE) throw new MLDocError('file', 'the file is truncated: its header is incomplete', source)
  const version = bytes[6]!
  if (version > MLDOC_FORMAT_VERSION) {
    throw new MLDocError('file', `the file uses .mldoc format ${version}, made by a newer MLDoc; this one reads format ${MLDOC_FORMAT_VERSION}`, source)
  }
  if (version === 0) throw new MLDocError('file', 'the file header is damaged (format version 0)', source)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const length = view.getUint32(8)
  const expected = view.getUint32(12)
  const payload = bytes.subarray(HEADER_SIZE)
  if (payload.length < length) throw new MLDocError('file', `the file is truncated: ${payload.length} of ${length} bytes of document state are there`, source)
  if (payload.length > length) throw new MLDocError('file', `the file has ${payload.length - length} unexpected bytes after the document state`, source)
  if (crc32(payload) !== expected) throw new MLDocError('file', 'the file is damaged: its checksum does not match its content', source)
  const ydoc = new Y.Doc()
  try {
    Y.applyUpdateV2(ydoc, payload)
  } catch (error) {
    throw new MLDocError('file', `the document state cannot be decoded (${(error as Error).message})`, source)
  }
  return ydoc
}

/** Reads a `.mldoc` file into a checked document and its Y.Doc. */
export function readMLDocFile(bytes: Uint8Array, source: string): { ydoc: Y.Doc; doc: MLDocument } {
  const ydoc = decodeMLDocFile(bytes, source)
  return { ydoc, doc: readYDoc(ydoc, source) }
}
