import { WebSocket as NodeWebSocket } from 'ws'
import { WebrtcProvider } from 'y-webrtc'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import nodeDataChannel from 'node-datachannel/polyfill'
import { localAwarenessUser, type AwarenessUser } from '../../core/collab/awareness.js'
import { mldocUpdateCheck } from '../../core/collab/check.js'
import { parseInvite, type RoomInvite } from '../../core/collab/invite.js'
import { createReceivePath } from '../../core/collab/receive.js'
import { MLDocError } from '../../core/errors.js'
import { guardRelayProvider, relayDocumentName } from '../../core/collab/relay-guard.js'
import { guardWebrtcProvider, type GuardedProvider } from '../../core/collab/webrtc-guard.js'

/**
 * A Node.js Yjs peer: joins a room from an invite like the app does, over WebRTC
 * (y-webrtc with node-datachannel) or through a relay server (y-websocket), with the same
 * receive path. Used by tests and scripts; any Yjs peer can take part the same way.
 */

/** What a Node peer reports: dropped updates, a wrong secret, connection changes. */
export type PeerLog = (line: string) => void

/** Options of {@link joinRoom}. */
export interface NodePeerOptions {
  /** The document to share; a new empty one (to be filled by the room) by default. */
  readonly ydoc?: Y.Doc
  /** Name and colour shown to the others. */
  readonly user?: AwarenessUser
  /** STUN and TURN servers; none by default (peers on one network need none). */
  readonly iceServers?: readonly { urls: string | string[]; username?: string; credential?: string }[]
  readonly log?: PeerLog
  /**
   * Told when a WebRTC connection to a peer stalled or failed before it connected and is started
   * again (not a problem in itself, so not on `log`; for tracing).
   */
  readonly onConnectionRetry?: PeerLog
  /** How long a WebRTC connection may take to connect before it is started again (by default the guard's CONNECT_TIMEOUT_MS, 10 s). */
  readonly connectTimeoutMs?: number
}

/** A peer in a room. */
export interface NodePeer {
  readonly ydoc: Y.Doc
  readonly awareness: Awareness
  readonly invite: RoomInvite
  /** Peers connected right now: WebRTC data channels, or 1 while the relay server is connected. */
  connections(): number
  /** Messages in this room that could not be decrypted: someone uses another secret. */
  wrongSecretSeen(): boolean
  /** Resolves once the room's content has arrived from at least one other peer (or the relay). */
  synced(timeoutMs: number): Promise<void>
  /** The underlying y-webrtc provider, or null on the relay path. */
  readonly webrtc: WebrtcProvider | null
  /** Leaves the room. */
  close(): void
}

/**
 * node-datachannel's RTCPeerConnection makes a description's `sdp` read-only; simple-peer writes
 * to it (to filter the SDP), so offers and answers are handed out as plain objects.
 */
type PlainDescription = { type: 'offer' | 'answer' | 'pranswer' | 'rollback'; sdp: string }

class PlainDescriptionPeerConnection extends nodeDataChannel.RTCPeerConnection {
  override async createOffer(): Promise<PlainDescription> {
    const offer = await super.createOffer()
    return { type: offer.type, sdp: offer.sdp ?? '' }
  }

  override async createAnswer(): Promise<PlainDescription> {
    const answer = await super.createAnswer()
    return { type: answer.type, sdp: answer.sdp ?? '' }
  }
}

/** The WebRTC implementation simple-peer uses in Node (its `wrtc` option). */
const wrtc = {
  RTCPeerConnection: PlainDescriptionPeerConnection,
  RTCSessionDescription: nodeDataChannel.RTCSessionDescription,
  RTCIceCandidate: nodeDataChannel.RTCIceCandidate,
}

/** y-webrtc's signaling client (lib0) uses the global WebSocket, which Node 20 lacks. */
function provideWebSocket(): void {
  const scope = globalThis as { WebSocket?: unknown }
  scope.WebSocket ??= NodeWebSocket
}

/** Joins the room of an invite (the link text or a parsed invite). */
export function joinRoom(invitation: string | RoomInvite, options: NodePeerOptions = {}): NodePeer {
  const invite = typeof invitation === 'string' ? parseInvite(invitation) : invitation
  if (invite.transport === 'relay' && invite.relayProtocol === 'hocuspocus') {
    throw new MLDocError('argument', 'the Node peer joins rooms over WebRTC or through a y-websocket relay server; this invite names a Hocuspocus server (hocuspocus=), which it does not speak', 'invite')
  }
  const log = options.log ?? (() => {})
  const ydoc = options.ydoc ?? new Y.Doc()
  const receive = createReceivePath(ydoc, {
    check: mldocUpdateCheck(),
    onDrop: ({ reason, bytes }) => log(`dropped an update of ${bytes} bytes from a peer: ${reason}`),
  })
  let wrongSecret = false
  let syncedOnce = false
  const syncedWaiters = new Set<() => void>()
  const markSynced = (): void => {
    if (syncedOnce) return
    syncedOnce = true
    for (const waiter of syncedWaiters) waiter()
  }

  let webrtc: WebrtcProvider | null = null
  let relay: WebsocketProvider | null = null
  let stopGuard = (): void => {}
  if (invite.transport === 'webrtc') {
    provideWebSocket()
    webrtc = new WebrtcProvider(invite.room, ydoc, {
      signaling: [...invite.signaling],
      password: invite.secret,
      peerOpts: { wrtc, config: { iceServers: options.iceServers ?? [] } },
    })
    const guard = guardWebrtcProvider(webrtc as unknown as GuardedProvider, receive, {
      onBadMessage: ({ from, reason }) => log(`dropped a message from ${from}: ${reason}`),
      onWrongSecret: ({ signaling }) => {
        if (!wrongSecret) log(`messages in this room through ${signaling} are encrypted with a different secret: check the invite`)
        wrongSecret = true
      },
      onConnectionRetry: ({ peer, reason }) => options.onConnectionRetry?.(`connection to peer ${peer} started again: ${reason}`),
      // Not y-webrtc's `synced` event: after a first connection attempt failed, y-webrtc had
      // marked the room synced (no connection left unsynced) and never reported the sync that followed.
      onPeerSynced: markSynced,
    }, options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs })
    stopGuard = () => guard.destroy()
  } else {
    relay = new WebsocketProvider(invite.relay, relayDocumentName(invite), ydoc, { WebSocketPolyfill: NodeWebSocket as unknown as typeof WebSocket, disableBc: true })
    guardRelayProvider(relay as unknown as Parameters<typeof guardRelayProvider>[0], receive, (reason) => log(reason))
    relay.on('sync', (isSynced: boolean) => {
      if (isSynced) markSynced()
    })
  }
  const awareness = (webrtc ?? relay)!.awareness
  awareness.setLocalStateField('user', options.user ?? localAwarenessUser({ userName: '', userColor: '' }, ydoc.clientID))

  return {
    ydoc,
    awareness,
    invite,
    webrtc,
    connections: () => (webrtc ? (webrtc.room?.webrtcConns.size ?? 0) : relay?.wsconnected ? 1 : 0),
    wrongSecretSeen: () => wrongSecret,
    synced: (timeoutMs) =>
      syncedOnce
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => {
              syncedWaiters.delete(done)
              reject(new Error(`no peer sent the room's content within ${timeoutMs} ms`))
            }, timeoutMs)
            const done = (): void => {
              clearTimeout(timer)
              syncedWaiters.delete(done)
              resolve()
            }
            syncedWaiters.add(done)
          }),
    close() {
      stopGuard()
      // Disconnect first: destroy() alone leaves the signaling connection open and lets closing
      // peer connections re-announce the room (see renderer/collab/providers.ts).
      webrtc?.disconnect()
      webrtc?.destroy()
      relay?.destroy()
      receive.destroy()
    },
  }
}
