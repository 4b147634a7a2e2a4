import * as decoding from 'lib0/decoding'
import type { RoomInvite } from './invite.js'
import type { ReceivePath } from './receive.js'

/**
 * The relay path: instead of peer-to-peer WebRTC, every peer connects to one Yjs WebSocket server
 * (the y-websocket protocol, e.g. `npx y-websocket` from @y/websocket-server), which keeps the
 * document and passes updates on. Written against y-websocket 3.1 (pinned). Hocuspocus speaks a
 * protocol of its own: its provider is guarded by hocuspocus-guard.ts.
 */

/** y-websocket's handler of one message type. */
type MessageHandler = (encoder: unknown, decoder: decoding.Decoder, provider: unknown, emitSynced: boolean, messageType: number) => void

/** The part of y-websocket's `WebsocketProvider` the guard replaces. */
export interface GuardedRelayProvider {
  messageHandlers: MessageHandler[]
}

const MESSAGE_SYNC = 0
const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2

/**
 * The document name on the relay server (y-websocket or Hocuspocus). It carries the secret, so
 * someone who knows only the room id cannot open the document; the relay server itself sees the
 * document (use `wss://`).
 */
export function relayDocumentName(invite: Pick<RoomInvite, 'room' | 'secret'>): string {
  return `${invite.room}.${invite.secret}`
}

/** The rest of a sync step 2 message carrying an empty update (step 2, then the empty Yjs V1 update as a byte array). */
const EMPTY_STEP_2_REST = new Uint8Array([SYNC_STEP_2, 2, 0, 0])

/**
 * Routes the document updates a relay provider receives through the receive path, never raw into
 * y-websocket (which would apply them to the live document unchecked). y-websocket's own handler
 * sees a sync step 2 emptied (so it still marks the provider synced) and a sync step 1 as it is
 * (it answers it). Call right after `new WebsocketProvider(...)`, created with `disableBc: true`
 * so that every update comes through the server connection.
 */
export function guardRelayProvider(provider: GuardedRelayProvider, receive: ReceivePath, onBadMessage: (reason: string) => void): void {
  const original = provider.messageHandlers[MESSAGE_SYNC]
  if (!original) throw new Error('y-websocket has no sync message handler: its internals changed')
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, messageType) => {
    const rest = decoding.readTailAsUint8Array(decoder)
    try {
      const peek = decoding.createDecoder(rest)
      const step = decoding.readVarUint(peek)
      if (step === SYNC_STEP_2 || step === SYNC_UPDATE) {
        const accepted = receive.receive(decoding.readVarUint8Array(peek), p)
        if (accepted && step === SYNC_STEP_2) original(encoder, decoding.createDecoder(EMPTY_STEP_2_REST), p, emitSynced, messageType)
        return
      }
      original(encoder, decoding.createDecoder(rest), p, emitSynced, messageType)
    } catch (error) {
      onBadMessage(`a message from the relay server cannot be decoded (${(error as Error).message})`)
    }
  }
}
