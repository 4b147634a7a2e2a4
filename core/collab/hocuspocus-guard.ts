import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type * as Y from 'yjs'
import type { ReceivePath } from './receive.js'

/**
 * The relay path through a Hocuspocus server. Hocuspocus wraps the y-protocols messages in its
 * own framing: every message starts with the document name, then the message type (sync,
 * awareness, auth, ...). Its provider applies a sync step 2 or an update straight to the live
 * document (`MessageReceiver.applySyncMessage` → `readSyncMessage(…, provider.document, provider)`);
 * the guard puts the receive path in front of that. Written against @hocuspocus/provider 3.4.4
 * (pinned): its websocket hands each message to `provider.onMessage(event)` of the provider
 * attached under the message's document name.
 */

/** The parts of @hocuspocus/provider 3.4's `HocuspocusProvider` the guard replaces or reads. */
export interface GuardedHocuspocusProvider {
  onMessage(event: { data: unknown }): void
  detach(): void
  readonly configuration: { readonly name: string; readonly document: Y.Doc }
}

/** Hocuspocus message types (`MessageType` in @hocuspocus/provider) and y-protocols sync steps. */
const MESSAGE_SYNC = 0
const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2

/** A Hocuspocus sync step 2 carrying an empty update: the provider still counts itself synced. */
function emptyStep2(documentName: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, documentName)
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  encoding.writeVarUint(encoder, SYNC_STEP_2)
  encoding.writeVarUint8Array(encoder, new Uint8Array([0, 0]))
  return encoding.toUint8Array(encoder)
}

/** A message's bytes; `instanceof` would miss an ArrayBuffer made in another realm (a WebSocket's, in a test DOM). */
function bytesOf(data: unknown): Uint8Array {
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  if (Object.prototype.toString.call(data) === '[object ArrayBuffer]') return new Uint8Array(data as ArrayBuffer)
  throw new Error(`a message is ${typeof data === 'string' ? 'text' : typeof data}, not binary`)
}

/** A guarded provider: {@link HocuspocusGuard.destroy} stops watching the document. */
export interface HocuspocusGuard {
  destroy(): void
}

/**
 * Routes the document updates a Hocuspocus provider receives through the receive path, never
 * raw into the live document. The provider's own handler sees a sync step 2 emptied (so it still
 * marks itself synced), a sync step 1 as it is (it answers it with what we have), and every other
 * message (awareness, authentication, sync status) as it is. Call right after
 * `new HocuspocusProvider(...)`, before its connection opens (it opens asynchronously).
 *
 * Fails loudly if the provider's internals change: it throws when the provider lacks the parts it
 * replaces, and if an update ever reaches the live document from the provider without passing
 * through here, it reports that through `onBadMessage` and detaches the provider at once.
 */
export function guardHocuspocusProvider(provider: GuardedHocuspocusProvider, receive: ReceivePath, onBadMessage: (reason: string) => void): HocuspocusGuard {
  const doc = provider.configuration?.document
  if (typeof provider.onMessage !== 'function' || typeof provider.detach !== 'function' || typeof doc?.on !== 'function') {
    throw new Error('@hocuspocus/provider has no onMessage, detach or configuration.document: its internals changed, so MLDoc cannot guard what it receives')
  }
  const original = provider.onMessage.bind(provider)
  let receiving = false
  provider.onMessage = (event) => {
    try {
      const decoder = decoding.createDecoder(bytesOf(event.data))
      const documentName = decoding.readVarString(decoder)
      const step = decoding.readVarUint(decoder) === MESSAGE_SYNC ? decoding.readVarUint(decoder) : null
      if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) {
        original(event)
        return
      }
      const update = decoding.readVarUint8Array(decoder)
      receiving = true
      let accepted: boolean
      try {
        accepted = receive.receive(update, provider)
      } finally {
        receiving = false
      }
      if (accepted && step === SYNC_STEP_2) original({ data: emptyStep2(documentName) })
    } catch (error) {
      onBadMessage(`a message from the Hocuspocus server cannot be decoded (${(error as Error).message})`)
    }
  }
  let tripped = false
  const tripwire = (_update: Uint8Array, origin: unknown): void => {
    if (origin !== provider || receiving || tripped) return
    tripped = true
    onBadMessage('an update from the Hocuspocus server reached the document without being checked: @hocuspocus/provider’s internals changed; the document is disconnected from the server')
    void Promise.resolve().then(() => provider.detach())
  }
  doc.on('update', tripwire)
  return { destroy: () => doc.off('update', tripwire) }
}
