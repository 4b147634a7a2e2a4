import * as Y from 'yjs'
import { MLDocError } from '../errors.js'
import { crc32 } from './crc32.js'

// The `.mldoc` file format, what reading a file's header and applying its state need: no
// compression code, so that the editor, which decompresses with the platform's own decoder, loads
// none as it opens a document.

/** First bytes of every `.mldoc` file: "MLDOC" and a newline. */
export const MAGIC = [0x4d, 0x4c, 0x44, 0x4f, 0x43, 0x0a] as const
/** The `.mldoc` format this build writes; it reads this one and every earlier one. */
export const MLDOC_FORMAT_VERSION = 2
/** Format 1: magic (6) + version (1) + reserved (1) + state length (4) + state CRC-32 (4), then the Yjs state. */
const HEADER_SIZE_V1 = 16
/**
 * Format 2: magic (6) + version (1) + compression method (1) + stored length (4) + CRC-32 of the
 * stored bytes (4) + length of the state once decompressed (4), then the compressed Yjs state.
 */
export const HEADER_SIZE_V2 = 20
/** Compression method 1 of format 2: raw DEFLATE (RFC 1951), the only one there is. */
export const METHOD_DEFLATE = 1
/** Bytes in a mebibyte, as sizes in errors are given. */
export const MIB = 1024 * 1024
/**
 * Largest Yjs state an `.mldoc` file holds, once decompressed: 64 MiB, about 70 times the 1x
 * bench document (100 sections, 496,225 characters, 0.9 MiB of state). A format-2 file whose
 * header gives more is refused before anything is decompressed, and MLDoc never writes one.
 */
export const MAX_STATE_BYTES = 64 * MIB

/** A size in mebibytes, to one decimal, for an error. */
export const mib = (bytes: number) => (bytes / MIB).toFixed(1)

/** The Yjs state of a `.mldoc` file as stored: as it is (format 1), or DEFLATE-compressed to `length` bytes (format 2). */
export type StoredState = { readonly compressed: false; readonly state: Uint8Array } | { readonly compressed: true; readonly stored: Uint8Array; readonly length: number }

/**
 * The stored state inside `.mldoc` bytes, checked: the magic, a known format version, a whole
 * payload whose CRC-32 matches, and (format 2) a known compression method and a state length of
 * at most {@link MAX_STATE_BYTES}. Nothing is decompressed yet.
 */
export function storedStateOf(bytes: Uint8Array, source: string): StoredState {
  if (bytes.length < MAGIC.length || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new MLDocError('file', 'this is not an MLDoc file (it does not start with the MLDOC header)', source)
  }
  if (bytes.length <= MAGIC.length) throw new MLDocError('file', 'the file is truncated: its header is incomplete', source)
  const version = bytes[6]!
  if (version > MLDOC_FORMAT_VERSION) {
    throw new MLDocError('file', `the file uses .mldoc format ${version}, made by a newer MLDoc; this one reads formats 1 to ${MLDOC_FORMAT_VERSION}`, source)
  }
  if (version === 0) throw new MLDocError('file', 'the file header is damaged (format version 0)', source)
  const headerSize = version === 1 ? HEADER_SIZE_V1 : HEADER_SIZE_V2
  if (bytes.length < headerSize) throw new MLDocError('file', 'the file is truncated: its header is incomplete', source)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const length = view.getUint32(8)
  const expected = view.getUint32(12)
  const payload = bytes.subarray(headerSize)
  if (payload.length < length) throw new MLDocError('file', `the file is truncated: ${payload.length} of ${length} bytes of document state are there`, source)
  if (payload.length > length) throw new MLDocError('file', `the file has ${payload.length - length} unexpected bytes after the document state`, source)
  if (crc32(payload) !== expected) throw new MLDocError('file', 'the file is damaged: its checksum does not match its content', source)
  if (version === 1) return { compressed: false, state: payload }
  const method = bytes[7]!
  if (method !== METHOD_DEFLATE) {
    throw new MLDocError('file', `the document state uses compression method ${method}, which this MLDoc does not know (it reads method ${METHOD_DEFLATE}, DEFLATE)`, source)
  }
  const stateLength = view.getUint32(16)
  if (stateLength > MAX_STATE_BYTES) {
    throw new MLDocError('file', `the document state would be ${mib(stateLength)} MiB once decompressed, more than the ${MAX_STATE_BYTES / MIB} MiB MLDoc opens`, source)
  }
  return { compressed: true, stored: payload, length: stateLength }
}

/** A new Y.Doc holding a Yjs state (V2 update encoding); an error names `source` when Yjs cannot decode it. */
export function ydocFromState(state: Uint8Array, source: string): Y.Doc {
  const ydoc = new Y.Doc()
  try {
    Y.applyUpdateV2(ydoc, state)
  } catch (error) {
    throw new MLDocError('file', `the document state cannot be decoded (${(error as Error).message})`, source)
  }
  return ydoc
}
