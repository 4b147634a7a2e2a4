import * as Y from 'yjs'
import type { MLDocument } from '../document/model.js'
import { MLDocError } from '../errors.js'
import { crc32 } from './crc32.js'
import { deflateState, inflateState } from './deflate.js'
import { readYDoc } from './doc.js'
import { HEADER_SIZE_V2, MAGIC, MAX_STATE_BYTES, METHOD_DEFLATE, MIB, mib, MLDOC_FORMAT_VERSION, storedStateOf, ydocFromState } from './file-format.js'

/**
 * Encodes a Y.Doc as a `.mldoc` file (format 2): a 20-byte header (magic, format version,
 * compression method, stored length, CRC-32, state length) and the Yjs state in the V2 update
 * encoding, compressed with DEFLATE. Offline copies of one document merge, because the whole CRDT
 * state travels with the file. The same state always gives the same bytes. A state over
 * {@link MAX_STATE_BYTES} is refused with an MLDocError rather than written unreadable.
 */
export function encodeMLDocFile(ydoc: Y.Doc): Uint8Array<ArrayBuffer> {
  return encodeMLDocState(Y.encodeStateAsUpdateV2(ydoc))
}

/** {@link encodeMLDocFile} of a Y.Doc's state (`Y.encodeStateAsUpdateV2`), taken before. */
export function encodeMLDocState(state: Uint8Array): Uint8Array<ArrayBuffer> {
  if (state.length > MAX_STATE_BYTES) {
    throw new MLDocError('document', `the document is too big to save: its state is ${mib(state.length)} MiB, more than the ${MAX_STATE_BYTES / MIB} MiB an .mldoc file holds`)
  }
  const stored = deflateState(state)
  const out = new Uint8Array(HEADER_SIZE_V2 + stored.length)
  out.set(MAGIC, 0)
  out[6] = MLDOC_FORMAT_VERSION
  out[7] = METHOD_DEFLATE
  const view = new DataView(out.buffer)
  view.setUint32(8, stored.length)
  view.setUint32(12, crc32(stored))
  view.setUint32(16, state.length)
  out.set(stored, HEADER_SIZE_V2)
  return out
}

/** The Yjs state inside `.mldoc` bytes: {@link storedStateOf}, decompressed to exactly the length the header gives. */
function stateOf(bytes: Uint8Array, source: string): Uint8Array {
  const stored = storedStateOf(bytes, source)
  return stored.compressed ? inflateState(stored.stored, stored.length, source) : stored.state
}

/**
 * Checks that bytes are a whole, undamaged `.mldoc` file (header, format, checksum of the stored
 * state) without decompressing or decoding it: what a host checks before it hands a file to the
 * editor, which decompresses it (checking its length) and checks the document itself (its header
 * as it opens a session on it, its body as the editor builds it: `bindableBody`), so that work is
 * done once. Throws an MLDocError naming `source` and
 * saying what is wrong.
 */
export function checkMLDocFile(bytes: Uint8Array, source: string): void {
  storedStateOf(bytes, source)
}

/**
 * Decodes a `.mldoc` file (format 1 or 2) into a new Y.Doc, refusing anything that is not a
 * whole, undamaged MLDoc file. Errors name the file and say what is wrong.
 */
export function decodeMLDocFile(bytes: Uint8Array, source: string): Y.Doc {
  return ydocFromState(stateOf(bytes, source), source)
}

/** Reads a `.mldoc` file into a checked document and its Y.Doc. */
export function readMLDocFile(bytes: Uint8Array, source: string): { ydoc: Y.Doc; doc: MLDocument } {
  const ydoc = decodeMLDocFile(bytes, source)
  return { ydoc, doc: readYDoc(ydoc, source) }
}
