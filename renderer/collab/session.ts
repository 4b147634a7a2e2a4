import { Awareness, removeAwarenessStates } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { localAwarenessUser, remoteAwarenessUser, type AwarenessUser } from '../../core/collab/awareness.js'
import { mldocUpdateCheck } from '../../core/collab/check.js'
import { selectedPair, type CandidateType } from '../../core/collab/connection.js'
import type { PeerLink, RoomPicture } from '../../core/collab/explain.js'
import { checkInvite, type RelayProtocol, type RoomInvite } from '../../core/collab/invite.js'
import { newRoomId, newRoomSecret } from '../../core/collab/random.js'
import { createReceivePath, type ReceivePath } from '../../core/collab/receive.js'
import type { GuardEvents } from '../../core/collab/webrtc-guard.js'
import type { Settings } from '../../core/host/api.js'
import { whenIdle } from '../app/idle.js'
import type { Transport } from './providers.js'

/** The connection code: y-webrtc, y-websocket and Hocuspocus with what they bring (a sixth of the renderer's code). */
type Providers = typeof import('./providers.js')

let providers: Providers | null = null
let loading: Promise<Providers> | null = null

/**
 * Loads the connection code, once. A document opens without it: it loads when the page is first
 * idle after a session starts, or at once when a document is shared or joined before then.
 */
function loadProviders(): Promise<Providers> {
  loading ??= import('./providers.js').then(
    (module) => (providers = module),
    (error: unknown) => {
      loading = null
      throw error
    },
  )
  return loading
}

/** The connection code, which a transport exists only after. */
function loaded(): Providers {
  if (!providers) throw new Error('MLDoc: the connection code is not loaded yet')
  return providers
}

/** The settings co-editing uses. */
export type CollabSettings = Pick<Settings, 'userName' | 'userColor' | 'signalingUrls' | 'iceServers'>

/** One other person in the room, as the peers panel shows them. */
export interface PeerView {
  /** Stable key for lists. */
  readonly key: string
  readonly user: AwarenessUser | null
  readonly link: PeerLink
  readonly candidates: { local: CandidateType | null; remote: CandidateType | null } | null
  readonly roundTripMs: number | null
}

/** Where the shared document stands; a new object whenever something changes. */
export interface CollabState extends RoomPicture {
  readonly invite: RoomInvite | null
  /** The room this document was last in, after leaving it: rejoining merges what changed meanwhile. */
  readonly previousInvite: RoomInvite | null
  readonly peers: readonly (PeerView & { readonly connectingForMs: number })[]
  /** Why the Hocuspocus server's authentication hook refused the document (its own words), or null. */
  readonly relayRefused: string | null
}

/** How often connection details (signaling state, candidate types) are read again. */
const REFRESH_MS = 1000

/** How long others may stay silent after we announce ourselves before the panel says why they may not answer. */
const UNANSWERED_MS = 5000
/** How long a WebRTC connection may stay `disconnected` (no answers to ICE consent checks) before it counts as gone. */
const DISCONNECTED_MS = 2000

/** Field of our awareness state that carries our y-webrtc peer id, so a closed connection's carets can go at once. */
const PEER_FIELD = 'peer'

const PRIVATE: CollabState = {
  invite: null, previousInvite: null, transport: null, signaling: [], relay: null, peers: [], ice: { stun: false, turn: false },
  wrongSecret: false, unansweredOthers: 0, droppedUpdates: 0, relayRefused: null,
}

function iceKinds(iceServers: Settings['iceServers']): RoomPicture['ice'] {
  const urls = iceServers.flatMap((server) => (Array.isArray(server.urls) ? server.urls : [server.urls]))
  return { stun: urls.some((url) => /^stuns?:/i.test(url)), turn: urls.some((url) => /^turns?:/i.test(url)) }
}

/**
 * Co-editing of one open document: its presence (awareness, created with the document so the
 * editor's remote carets are ready before anyone joins), and, once shared or joined, the room
 * connection with the receive path in front of the Y.Doc. One per Y.Doc: {@link collabFor}.
 */
export class CollabSession {
  readonly awareness: Awareness
  private transport: Transport | null = null
  private receive: ReceivePath | null = null
  private state: CollabState = PRIVATE
  private readonly listeners = new Set<() => void>()
  private readonly firstSeen = new Map<string, number>()
  private readonly candidates = new Map<string, { pair: ReturnType<typeof selectedPair> }>()
  private timer: ReturnType<typeof setInterval> | undefined
  private readonly disconnectedSince = new Map<string, number>()
  private dropped = 0
  private wrongSecret = false
  private roomSize = 0
  private connectedAt = 0
  /** Counts connects and leaves: a transport whose code loads after a later one of them is not opened. */
  private attempts = 0

  constructor(readonly ydoc: Y.Doc, private settings: CollabSettings) {
    this.awareness = new Awareness(ydoc)
    this.publishUser()
    this.awareness.on('change', this.onAwarenessChange)
    whenIdle(() => void loadProviders().catch(() => undefined), 2000)
  }

  /** Subscribes to state changes (for `useSyncExternalStore`). */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The current state (a stable object between changes). */
  readonly getState = (): CollabState => this.state

  /** The user this peer shows to the others. */
  get user(): AwarenessUser {
    return localAwarenessUser(this.settings, this.ydoc.clientID)
  }

  /** New settings (name, colour, servers): the name and colour are shown to the others at once. */
  updateSettings(settings: CollabSettings): void {
    this.settings = settings
    this.publishUser()
  }

  /**
   * Shares the document: a new room with a random id and secret, through the signaling servers
   * in settings (or `signaling` when given). Returns the invite to give to the others; throws,
   * saying what is wrong, when a server address cannot go into an invite.
   */
  share(signaling: readonly string[] = this.settings.signalingUrls): RoomInvite {
    if (signaling.length === 0) throw new Error('No signaling server is set: add one in Settings (run one with "mldoc signal").')
    const invite = checkInvite({ room: newRoomId(), secret: newRoomSecret(), transport: 'webrtc', signaling: [...signaling] })
    this.connect(invite)
    return invite
  }

  /** Shares the document through a relay server at `url` (a y-websocket server, or Hocuspocus). Returns the invite. */
  shareViaRelay(url: string, protocol: RelayProtocol = 'y-websocket'): RoomInvite {
    const invite = checkInvite({ room: newRoomId(), secret: newRoomSecret(), transport: 'relay', relay: url.trim(), relayProtocol: protocol })
    this.connect(invite)
    return invite
  }

  /** Goes back into the room last left; edits made meanwhile merge with the others'. */
  rejoin(): void {
    if (this.state.previousInvite) this.connect(this.state.previousInvite)
  }

  /** Connects to the room of an invite (leaving any other room first). */
  connect(invite: RoomInvite): void {
    this.leave()
    this.dropped = 0
    this.wrongSecret = false
    this.roomSize = 0
    this.connectedAt = Date.now()
    this.receive = createReceivePath(this.ydoc, {
      check: mldocUpdateCheck(),
      onDrop: ({ reason, bytes }) => {
        this.dropped++
        console.warn(`MLDoc: ignored a change of ${bytes} bytes from a peer: ${reason}`)
        this.emit()
      },
    })
    const events = {
      onBadMessage: ({ from, reason }: { from: string; reason: string }) => console.warn(`MLDoc: ignored a message from ${from}: ${reason}`),
      onConnectionRetry: ({ peer, reason }: { peer: string; reason: string }) => console.info(`MLDoc: the connection to peer ${peer} starts again: ${reason}`),
      onWrongSecret: () => {
        if (this.wrongSecret) return
        this.wrongSecret = true
        this.emit()
      },
      onRoomSize: ({ clients }: { clients: number }) => {
        this.roomSize = clients
      },
    }
    window.addEventListener('pagehide', this.onPageHide)
    this.state = { ...PRIVATE, invite, previousInvite: null, transport: invite.transport }
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS)
    this.notify()
    const attempt = ++this.attempts
    if (providers) this.open(providers, invite, events)
    else {
      loadProviders().then(
        (loadedProviders) => {
          if (attempt === this.attempts) this.open(loadedProviders, invite, events)
        },
        (error: unknown) => console.error(`MLDoc: the connection code did not load, so the document cannot be shared: ${(error as Error).message}`),
      )
    }
  }

  /** Opens the transport of an invite, once the connection code is loaded. */
  private open(code: Providers, invite: RoomInvite, events: GuardEvents): void {
    const receive = this.receive!
    if (invite.transport === 'webrtc') {
      const transport = code.connectWebrtc(this.ydoc, this.awareness, invite, this.settings.iceServers, receive, events)
      this.transport = transport
      transport.provider.on('peers', this.onPeers)
      void Promise.resolve(transport.provider.key).then(() => {
        // y-webrtc leaves every room on `beforeunload`, even when the page then stays (the
        // "unsaved changes" prompt was cancelled), and leaves in an order that re-announces the
        // room; the session leaves on `pagehide` instead, when the page really goes.
        const room = transport.provider.room as unknown as { _beforeUnloadHandler?: () => void } | null
        if (room?._beforeUnloadHandler) window.removeEventListener('beforeunload', room._beforeUnloadHandler)
        this.publishUser()
      })
    } else if (invite.relayProtocol === 'hocuspocus') {
      const transport = code.connectHocuspocus(this.ydoc, this.awareness, invite, receive, {
        onBadMessage: (reason) => events.onBadMessage({ from: 'the Hocuspocus server', reason }),
        onRefused: () => this.emit(),
      })
      this.transport = transport
      transport.provider.on('status', () => void this.refresh())
    } else {
      const transport = code.connectRelay(this.ydoc, this.awareness, invite, receive, (reason) => events.onBadMessage({ from: 'the relay server', reason }))
      this.transport = transport
      transport.provider.on('status', () => void this.refresh())
    }
    this.publishUser()
    void this.refresh()
  }

  /** Leaves the room; the document stays open, private again. */
  leave(): void {
    this.attempts++
    clearInterval(this.timer)
    window.removeEventListener('pagehide', this.onPageHide)
    if (this.transport) {
      if (this.transport.kind === 'webrtc') {
        this.transport.provider.off('peers', this.onPeers)
      }
      loaded().closeTransport(this.transport)
      this.transport = null
    }
    this.receive?.destroy()
    this.receive = null
    this.removeRemoteStates([...this.awareness.getStates().keys()].filter((id) => id !== this.ydoc.clientID), 'left the room')
    this.firstSeen.clear()
    this.candidates.clear()
    this.disconnectedSince.clear()
    this.publishUser()
    const previousInvite = this.state.invite ?? this.state.previousInvite
    if (this.state.invite !== null) {
      this.state = { ...PRIVATE, previousInvite }
      this.notify()
    }
  }

  /** Leaves the room and stops presence; call when the document closes. */
  dispose(): void {
    if (sessions.get(this.ydoc) === this) sessions.delete(this.ydoc)
    this.leave()
    this.awareness.off('change', this.onAwarenessChange)
    this.awareness.destroy()
    this.listeners.clear()
  }

  /** The y-webrtc provider, for diagnostics (e.g. `provider.room.webrtcConns.size`), or null. */
  get webrtcProvider(): Extract<Transport, { kind: 'webrtc' }>['provider'] | null {
    return this.transport?.kind === 'webrtc' ? this.transport.provider : null
  }

  private publishUser(): void {
    const room = this.transport ? loaded().webrtcRoom(this.transport) : null
    const current = this.awareness.getLocalState() ?? {}
    this.awareness.setLocalState({ ...current, user: this.user, [PEER_FIELD]: room?.peerId ?? null })
  }

  /** People in the room as the panel shows them: who, their name and colour, their peer id. */
  private peopleSignature = ''

  /**
   * Awareness changes on every caret move; the panel only shows who is there. Re-render its
   * listeners only when people come, go or change name or colour, never per keystroke.
   */
  private readonly onAwarenessChange = (): void => {
    const people = [...this.awareness.getStates()]
      .map(([id, state]) => {
        const record = state as Record<string, unknown>
        return [id, record.user ?? null, record[PEER_FIELD] ?? null]
      })
      .sort((a, b) => (a[0] as number) - (b[0] as number))
    const signature = JSON.stringify(people)
    if (signature === this.peopleSignature) return
    this.peopleSignature = signature
    this.emit()
  }

  private readonly onPageHide = (): void => this.leave()

  /** A WebRTC connection closed: its person's caret goes at once, without waiting for the 30 s timeout. */
  private readonly onPeers = ({ removed }: { removed: string[] }): void => {
    if (removed.length > 0) {
      const gone = [...this.awareness.getStates()].filter(([id, state]) => id !== this.ydoc.clientID && removed.includes((state as Record<string, unknown>)[PEER_FIELD] as string)).map(([id]) => id)
      this.removeRemoteStates(gone, 'peer left')
      for (const peerId of removed) {
        this.firstSeen.delete(peerId)
        this.candidates.delete(peerId)
      }
    }
    const room = this.transport ? loaded().webrtcRoom(this.transport) : null
    if (room && room.webrtcConns.size === 0) {
      this.removeRemoteStates([...this.awareness.getStates().keys()].filter((id) => id !== this.ydoc.clientID), 'no peers left')
    }
    this.emit()
  }

  private removeRemoteStates(ids: number[], origin: string): void {
    if (ids.length > 0) removeAwarenessStates(this.awareness, ids, origin)
  }

  /**
   * Reads connection details again: signaling state and each connection's candidate pair. A
   * connection whose peer stopped answering (a crash, a lost network) is closed after
   * {@link DISCONNECTED_MS} instead of the browser's ICE timeout, so its caret goes within
   * seconds; y-webrtc then announces us again, so a peer that is still there reconnects.
   */
  private async refresh(): Promise<void> {
    const transport = this.transport
    const room = transport ? loaded().webrtcRoom(transport) : null
    if (room) {
      const now = Date.now()
      for (const conn of room.webrtcConns.values()) {
        const ice = conn.peer._pc?.iceConnectionState
        if (ice !== 'disconnected' && ice !== 'failed') {
          this.disconnectedSince.delete(conn.remotePeerId)
          continue
        }
        const since = this.disconnectedSince.get(conn.remotePeerId) ?? now
        this.disconnectedSince.set(conn.remotePeerId, since)
        if (ice === 'failed' || now - since >= DISCONNECTED_MS) conn.peer.destroy()
      }
      await Promise.all([...room.webrtcConns.values()].map(async (conn) => {
        if (!conn.connected || !conn.peer._pc) return
        try {
          const stats = await conn.peer._pc.getStats()
          this.candidates.set(conn.remotePeerId, { pair: selectedPair(stats.values()) })
        } catch {
          this.candidates.delete(conn.remotePeerId)
        }
      }))
    }
    if (transport === this.transport) this.emit()
  }

  /** Rebuilds the state from the transport and awareness, and tells listeners. */
  private emit(): void {
    const transport = this.transport
    if (!transport || !this.state.invite) return
    const now = Date.now()
    const room = loaded().webrtcRoom(transport)
    const peers: (PeerView & { connectingForMs: number })[] = []
    const shown = new Set<string>()
    for (const [clientId, state] of this.awareness.getStates()) {
      if (clientId === this.ydoc.clientID) continue
      const user = remoteAwarenessUser(state, clientId)
      const peerId = (state as Record<string, unknown>)[PEER_FIELD]
      const conn = typeof peerId === 'string' ? room?.webrtcConns.get(peerId) : undefined
      if (typeof peerId === 'string') shown.add(peerId)
      peers.push(this.peerView(`client-${clientId}`, user, transport.kind !== 'webrtc' ? 'relay' : conn?.connected ? 'connected' : 'connecting', typeof peerId === 'string' ? peerId : null, now))
    }
    for (const conn of room?.webrtcConns.values() ?? []) {
      if (shown.has(conn.remotePeerId)) continue
      peers.push(this.peerView(`peer-${conn.remotePeerId}`, null, conn.connected ? 'connected' : 'connecting', conn.remotePeerId, now))
    }
    this.state = {
      invite: this.state.invite,
      previousInvite: null,
      transport: transport.kind === 'webrtc' ? 'webrtc' : 'relay',
      signaling: loaded().signalingStates(transport),
      relay: loaded().relayState(transport),
      peers,
      ice: iceKinds(this.settings.iceServers),
      wrongSecret: this.wrongSecret,
      unansweredOthers: transport.kind === 'webrtc' && (room?.webrtcConns.size ?? 0) === 0 && now - this.connectedAt >= UNANSWERED_MS ? Math.max(0, this.roomSize - 1) : 0,
      droppedUpdates: this.dropped,
      relayRefused: transport.kind === 'hocuspocus' ? transport.refused : null,
    }
    this.notify()
  }

  private peerView(key: string, user: AwarenessUser | null, link: PeerLink, peerId: string | null, now: number): PeerView & { connectingForMs: number } {
    const since = peerId ? (this.firstSeen.get(peerId) ?? now) : now
    if (peerId && !this.firstSeen.has(peerId)) this.firstSeen.set(peerId, now)
    const pair = peerId ? this.candidates.get(peerId)?.pair ?? null : null
    return {
      key,
      user,
      link,
      connectingForMs: link === 'connecting' ? now - since : 0,
      candidates: link === 'connected' && pair ? { local: pair.local, remote: pair.remote } : null,
      roundTripMs: link === 'connected' ? pair?.roundTripMs ?? null : null,
    }
  }

  private notify(): void {
    for (const listener of this.listeners) listener()
  }
}

const sessions = new WeakMap<Y.Doc, CollabSession>()

/**
 * The co-editing session of a document, made on first use. The editor takes its `awareness`
 * (for remote carets); the Share dialog and peers panel take the session.
 */
export function collabFor(ydoc: Y.Doc, settings: CollabSettings): CollabSession {
  let session = sessions.get(ydoc)
  if (!session) {
    session = new CollabSession(ydoc, settings)
    sessions.set(ydoc, session)
    ydoc.once('destroy', () => session!.dispose())
  }
  return session
}
