import type * as Y from 'yjs'
import { storedStateOf, ydocFromState } from '../../core/yjs/file-format.js'
import { inflateStateFrom } from '../../core/yjs/state-buffer.js'

/** The bytes a raw DEFLATE stream decompresses to, chunk by chunk, from the platform's own decoder. */
async function* nativelyInflated(stored: Uint8Array): AsyncGenerator<Uint8Array> {
  const input = new ReadableStream<BufferSource>({
    start(controller) {
      // A copy on its own ArrayBuffer, as a stream takes it (the bytes may sit in a shared one).
      controller.enqueue(new Uint8Array(stored))
      controller.close()
    },
  })
  const reader = input.pipeThrough(new DecompressionStream('deflate-raw')).getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      yield value
    }
  } finally {
    // Reading stopped early (the output passed the header's length): drop the rest of the stream.
    void reader.cancel().catch(() => undefined)
  }
}

/**
 * Decodes a `.mldoc` file as `decodeMLDocFile` does, with the same checks and errors, but
 * decompresses its state with the browser's own DEFLATE decoder (`DecompressionStream`), native
 * code: fflate's JavaScript runs cold in every new window, 20 to 110 ms of a cold open of the 1x
 * bench document in Chromium, against a few milliseconds.
 */
export async function decodeMLDocFileNatively(bytes: Uint8Array, source: string): Promise<Y.Doc> {
  const stored = storedStateOf(bytes, source)
  const state = stored.compressed ? await inflateStateFrom(nativelyInflated(stored.stored), stored.length, source) : stored.state
  return ydocFromState(state, source)
}
