import { MLDocError } from '../errors.js'

/**
 * Where decompressed bytes of a state go: at most `length` of them (the length the file's header
 * gives), so a stream that would expand further is stopped as soon as it does. Both decoders,
 * fflate (`inflateState`) and a platform's own (`inflateStateFrom`), fill one and say what went
 * wrong in the same words.
 */
export class StateBuffer {
  readonly state: Uint8Array
  private written = 0
  /** Set once the output would pass the length: everything after is dropped. */
  overflow = false

  constructor(private readonly length: number, private readonly source: string) {
    this.state = new Uint8Array(length)
  }

  /** Takes the next decompressed bytes; false once they pass the length. */
  take(chunk: Uint8Array): boolean {
    if (this.overflow) return false
    if (this.written + chunk.length > this.length) {
      this.overflow = true
      return false
    }
    this.state.set(chunk, this.written)
    this.written += chunk.length
    return true
  }

  /** The error for a stream the decoder refused. */
  damaged(error: unknown): MLDocError {
    return new MLDocError('file', `the document state cannot be decompressed (${(error as Error).message})`, this.source)
  }

  /** The state once the stream ended, or the error for one too long or too short. */
  finish(): Uint8Array {
    if (this.overflow) {
      throw new MLDocError('file', `the document state decompresses to more than the ${this.length} bytes its header gives (damaged, or a decompression bomb)`, this.source)
    }
    if (this.written !== this.length) {
      throw new MLDocError('file', `the document state decompresses to ${this.written} bytes, but its header gives ${this.length}`, this.source)
    }
    return this.state
  }
}

/**
 * `inflateState` (deflate.ts) with a platform's own raw DEFLATE decoder, which yields the decompressed
 * bytes in `chunks` (in a browser: a `DecompressionStream('deflate-raw')`, native code, where
 * fflate's JavaScript runs cold at every start: 20 to 110 ms for the 1x bench document's state,
 * measured in Chromium on 2026-11-26). Same checks and errors; reading stops (and `chunks` is
 * closed) as soon as the output would pass `length`.
 */
export async function inflateStateFrom(chunks: AsyncIterable<Uint8Array>, length: number, source: string): Promise<Uint8Array> {
  const buffer = new StateBuffer(length, source)
  try {
    for await (const chunk of chunks) if (!buffer.take(chunk)) break
  } catch (error) {
    throw buffer.damaged(error)
  }
  return buffer.finish()
}
