// The guard reaches into y-webrtc 10.3 (pinned): these tests fail if the internals it relies on
// change, and check its BroadcastChannel path in Node (the WebRTC path is covered by the
// scenarios in webrtc.test.ts). A hostile "tab" posts encrypted messages on the room's channel.
import { EventEmitter } from 'node:events'
import * as buffer from 'lib0/buffer'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WebrtcConn, WebrtcProvider } from 'y-webrtc'
import * as Y from 'yjs'
import { mldocUpdateCheck } from '../../core/collab/check.js'
import { formatInvite } from '../../core/collab/invite.js'
import { newRoomId, newRoomSecret } from '../../core/collab/random.js'
import { createReceivePath } from '../../core/collab/receive.js'
import { GAVE_UP_MESSAGE, guardWebrtcProvider, offersTo, type GuardedProvider } from '../../core/collab/webrtc-guard.js'
import { joinRoom } from '../../node/peer/peer.js'
import { startSignalServer, type SignalServer } from '../../node/signal/server.js'
import { firstParagraphText, seededPeers } from './fixtures.js'

let signal: SignalServer
beforeAll(async () => {
  ;(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket
  signal = await startSignalServer()
})
afterAll(() => signal.close())

/** y-webrtc's room key: PBKDF2 (100k, SHA-256, salt = room name) to AES-GCM 256. */
async function roomKey(secret: string, room: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret).slice().buffer, 'PBKDF2', false, ['deriveKey'])
  return crypto.subtle.deriveKey({ name: 'PBKDF2', salt: new TextEncoder().encode(room), iterations: 100000, hash: 'SHA-256' }, material, { name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt'])
}

/** y-webrtc's encrypted framing of a BroadcastChannel message. */
async function encrypted(message: Uint8Array, key: CryptoKey): Promise<ArrayBuffer> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, message.slice().buffer))
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, 'AES-GCM')
  encoding.writeVarUint8Array(encoder, iv)
  encoding.writeVarUint8Array(encoder, cipher)
  return encoding.toUint8Array(encoder).slice().buffer
}

/** y-webrtc's encrypted JSON (lib0 `writeAny`) of a signaling message, and back. */
async function encryptedJson(data: unknown, key: CryptoKey): Promise<string> {
  const encoder = encoding.createEncoder()
  encoding.writeAny(encoder, data as Parameters<typeof encoding.writeAny>[1])
  return buffer.toBase64(new Uint8Array(await encrypted(encoding.toUint8Array(encoder), key)))
}

async function decryptedJson(data: string, key: CryptoKey): Promise<Record<string, unknown>> {
  const decoder = decoding.createDecoder(buffer.fromBase64(data))
  decoding.readVarString(decoder)
  const iv = decoding.readVarUint8Array(decoder)
  const cipher = decoding.readVarUint8Array(decoder)
  const plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv.slice() }, key, cipher.slice()))
  return decoding.readAny(decoding.createDecoder(plain)) as Record<string, unknown>
}

function syncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, 2)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

const until = async (condition: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('y-webrtc guard', () => {
  it('finds the y-webrtc internals it relies on', async () => {
    const provider = new WebrtcProvider('mldoc-guard-internals', new Y.Doc(), { signaling: [signal.url], password: 'a-secret-of-enough-length' })
    try {
      await provider.key
      const room = provider.room as unknown as Record<string, unknown>
      expect(room.webrtcConns).toBeInstanceOf(Map)
      expect(typeof room._bcSubscriber).toBe('function')
      expect(typeof room.bcconnected).toBe('boolean')
      expect(typeof room.peerId).toBe('string')
      expect(room.bcConns).toBeInstanceOf(Set)
      expect(typeof provider.maxConns).toBe('number')
      const conn = (provider.signalingConns as unknown as { _observers: Map<string, Set<unknown>>; url: string; connected: unknown; send: unknown }[])[0]!
      expect(conn.url).toBe(signal.url)
      expect(typeof conn.connected).toBe('boolean')
      expect(typeof conn.send).toBe('function')
      expect(conn._observers.get('message')?.size).toBe(1)
    } finally {
      provider.disconnect()
      provider.destroy()
    }
  })

  it('puts updates from another tab through the receive path and reports another tab’s wrong secret', async () => {
    const [doc, peer, goodPeer] = seededPeers(3)
    const roomName = 'mldoc-guard-broadcast'
    const secret = 'the-right-secret-0123456789'
    const provider = new WebrtcProvider(roomName, doc!, { signaling: [signal.url], password: secret })
    const dropped: string[] = []
    const wrong: string[] = []
    const receive = createReceivePath(doc!, { check: mldocUpdateCheck(), onDrop: (d) => dropped.push(d.reason) })
    const guard = guardWebrtcProvider(provider as unknown as GuardedProvider, receive, {
      onBadMessage: ({ reason }) => dropped.push(reason),
      onWrongSecret: ({ signaling }) => wrong.push(signaling),
    })
    const tab = new BroadcastChannel(roomName)
    try {
      await provider.key
      await new Promise((r) => setTimeout(r, 50))
      const key = await roomKey(secret, roomName)
      const before = JSON.stringify(doc!.getXmlFragment('default').toJSON())

      // A tab of the same browser sends an update the MLDoc schema cannot hold: dropped.
      const sv = Y.encodeStateVector(peer!)
      peer!.getXmlFragment('default').insert(0, [new Y.XmlElement('script')])
      tab.postMessage(await encrypted(syncUpdate(Y.encodeStateAsUpdate(peer!, sv)), key))
      await until(() => dropped.length > 0)
      expect(dropped[0]).toMatch(/cannot hold a "script"/)
      expect(JSON.stringify(doc!.getXmlFragment('default').toJSON())).toBe(before)

      // A good update gets in (from another peer: the hostile one's next changes build on the dropped one).
      const sv2 = Y.encodeStateVector(goodPeer!)
      firstParagraphText(goodPeer!).insert(0, 'From the other tab: ')
      tab.postMessage(await encrypted(syncUpdate(Y.encodeStateAsUpdate(goodPeer!, sv2)), key))
      await until(() => firstParagraphText(doc!).toString().startsWith('From the other tab: '))

      // A tab with another secret: reported, no unhandled rejection.
      const rejections: unknown[] = []
      const onRejection = (reason: unknown) => rejections.push(reason)
      process.on('unhandledRejection', onRejection)
      tab.postMessage(await encrypted(syncUpdate(new Uint8Array([0, 0])), await roomKey('another-secret-0123456789', roomName)))
      await until(() => wrong.length > 0)
      await new Promise((r) => setTimeout(r, 50))
      process.off('unhandledRejection', onRejection)
      expect(wrong).toEqual(['BroadcastChannel'])
      expect(rejections).toEqual([])
    } finally {
      tab.close()
      guard.destroy()
      provider.disconnect()
      provider.destroy()
      receive.destroy()
    }
  })

  // Two peers announcing at about the same time both made an offer; one's connection then
  // failed (ERR_SET_LOCAL_DESCRIPTION) while the other waited for an answer forever.
  it('makes an offer only to an announcing peer with a larger peer id; to a smaller one it announces itself', async () => {
    const room = newRoomId()
    const secret = newRoomSecret()
    const peer = joinRoom(formatInvite({ transport: 'webrtc', room, secret, signaling: [signal.url] }), { ydoc: seededPeers(1)[0]! })
    const socket = new WebSocket(signal.url)
    const received: { type: string; topic?: string; data?: string }[] = []
    socket.on('message', (data) => received.push(JSON.parse(String(data))))
    try {
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
      socket.send(JSON.stringify({ type: 'subscribe', topics: [room] }))
      const key = await roomKey(secret, room)
      await until(() => peer.webrtc?.room !== null && peer.webrtc?.room !== undefined)
      const peerId = (peer.webrtc!.room as unknown as { peerId: string }).peerId
      const messages = async () => Promise.all(received.filter((m) => m.type === 'publish' && m.topic === room).map((m) => decryptedJson(m.data!, key)))
      const conns = () => (peer.webrtc!.room as unknown as { webrtcConns: Map<string, unknown> }).webrtcConns
      // Peer ids are uuids (hex digits and dashes): '!' sorts before every one, '~' after.
      const smaller = '!other-peer'
      const larger = '~other-peer'
      expect([offersTo(smaller, peerId), offersTo(peerId, larger)]).toEqual([true, true])

      /** Waits for a message of the peer's that `wanted` picks, after the `skip` first ones it picks. */
      const next = async (what: string, wanted: (m: Record<string, unknown>) => boolean, skip = 0) => {
        const deadline = Date.now() + 5000
        for (;;) {
          const found = (await messages()).filter((m) => m.from === peerId && wanted(m))
          if (found.length > skip) return found[skip]!
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
          await new Promise((r) => setTimeout(r, 20))
        }
      }
      const isAnnounce = (m: Record<string, unknown>) => m.type === 'announce'
      const isSignalTo = (to: string) => (m: Record<string, unknown>) => m.type === 'signal' && m.to === to

      await next('the peer announcing itself when it joins', isAnnounce)
      const announced = (await messages()).filter((m) => m.from === peerId && isAnnounce(m)).length
      socket.send(JSON.stringify({ type: 'publish', topic: room, data: await encryptedJson({ type: 'announce', from: smaller }, key) }))
      await next('the peer announcing itself to the smaller peer id', isAnnounce, announced)
      await new Promise((r) => setTimeout(r, 300))
      expect((await messages()).filter(isSignalTo(smaller))).toEqual([])
      expect(conns().has(smaller)).toBe(false)

      socket.send(JSON.stringify({ type: 'publish', topic: room, data: await encryptedJson({ type: 'announce', from: larger }, key) }))
      await next('an offer to the larger peer id', (m) => isSignalTo(larger)(m) && (m.signal as { type?: string }).type === 'offer')
      expect(conns().has(larger)).toBe(true)
    } finally {
      socket.terminate()
      peer.close()
    }
  })

  /**
   * A Node peer in a room with a hand-driven "peer" on the signaling server: the hand-driven one
   * announces itself with a peer id larger than the Node peer's, so the Node peer offers to it.
   */
  async function peerOfferingToStranger(options: { connectTimeoutMs?: number } = {}) {
    const room = newRoomId()
    const secret = newRoomSecret()
    const retries: string[] = []
    // In the room before the peer, so that its first announcement is not missed.
    const socket = new WebSocket(signal.url)
    const received: { type: string; topic?: string; data?: string }[] = []
    socket.on('message', (data) => received.push(JSON.parse(String(data))))
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
    socket.send(JSON.stringify({ type: 'subscribe', topics: [room] }))
    const peer = joinRoom(formatInvite({ transport: 'webrtc', room, secret, signaling: [signal.url] }), { ydoc: seededPeers(1)[0]!, onConnectionRetry: (line) => retries.push(line), ...options })
    const key = await roomKey(secret, room)
    await until(() => peer.webrtc?.room !== null && peer.webrtc?.room !== undefined)
    const peerId = (peer.webrtc!.room as unknown as { peerId: string }).peerId
    const stranger = '~stranger'
    const messages = async () => (await Promise.all(received.filter((m) => m.type === 'publish' && m.topic === room).map((m) => decryptedJson(m.data!, key)))).filter((m) => m.from === peerId)
    const conns = () => (peer.webrtc!.room as unknown as { webrtcConns: Map<string, unknown> }).webrtcConns
    const send = async (message: Record<string, unknown>) => socket.send(JSON.stringify({ type: 'publish', topic: room, data: await encryptedJson(message, key) }))
    /** Waits until the peer has published messages that `wanted` picks, `count` of them. */
    const published = async (what: string, wanted: (m: Record<string, unknown>) => boolean, count = 1, ms = 5000) => {
      const deadline = Date.now() + ms
      for (;;) {
        const found = (await messages()).filter(wanted)
        if (found.length >= count) return found
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
        await new Promise((r) => setTimeout(r, 20))
      }
    }
    await published('the peer announcing itself when it joins', (m) => m.type === 'announce')
    await send({ type: 'announce', from: stranger })
    await published('an offer to the stranger', (m) => m.type === 'signal' && m.to === stranger && (m.signal as { type?: string }).type === 'offer')
    expect(conns().has(stranger)).toBe(true)
    const announcements = (await messages()).filter((m) => m.type === 'announce').length
    return { peer, peerId, stranger, socket, retries, conns, send, messages, published, announcements }
  }

  // y-webrtc has no connect timeout: a connection whose ICE never completes (the browser's side
  // failed and node-datachannel never noticed) stayed forever, and y-webrtc ignored every later
  // announcement of that peer, so the two never connected and the Node peer never synced.
  it('gives up a connection that does not connect in time, tells the peer, and announces itself again', async () => {
    const { peer, peerId, stranger, socket, retries, conns, published, announcements } = await peerOfferingToStranger({ connectTimeoutMs: 600 })
    try {
      // The stranger never answers the offer.
      await published('the peer telling the stranger it gave up', (m) => m.type === GAVE_UP_MESSAGE && m.to === stranger)
      expect(conns().has(stranger)).toBe(false)
      await published('the peer announcing itself again', (m) => m.type === 'announce', announcements + 1)
      expect(retries).toEqual([expect.stringMatching(new RegExp(`^connection to peer ${stranger} started again: it did not connect within 600 ms \\(ICE \\w+, signaling have-local-offer\\)$`))])
      expect(peerId < stranger).toBe(true)
    } finally {
      socket.terminate()
      peer.close()
    }
  })

  // y-webrtc ignores a send that throws: when the document itself (the sync step 2 answering the
  // peer's step 1) failed to go out on an open connection, the peer never got it.
  it('closes an open connection on which a message could not be sent, so it starts again; a connecting or closing one is left to y-webrtc', async () => {
    const frames: number[] = []
    const peer = Object.assign(new EventEmitter(), {
      send: (data: Uint8Array) => {
        if (frames.length === 1) throw new Error('Failure to send data')
        frames.push(data.byteLength)
      },
      destroyed: 0,
      destroy: () => void peer.destroyed++,
      _pc: null,
      connected: false,
    })
    const conn = { remotePeerId: 'other', connected: false, closed: false, peer }
    const room = { name: 'r', peerId: 'self', key: null, webrtcConns: new Map([['other', conn]]), bcConns: new Set<string>(), bcconnected: false, _bcSubscriber: () => {} }
    const provider = { room, key: Promise.resolve(null), signalingConns: [], maxConns: 20, on: () => {}, off: () => {} }
    const doc = new Y.Doc()
    const receive = createReceivePath(doc, { onDrop: () => {} })
    const retries: string[] = []
    const guard = guardWebrtcProvider(provider as unknown as GuardedProvider, receive, { onBadMessage: () => {}, onWrongSecret: () => {}, onConnectionRetry: ({ peer: id, reason }) => retries.push(`${id}: ${reason}`) })
    try {
      await provider.key
      await new Promise((r) => setTimeout(r, 0))
      const message = new Uint8Array(200_000)
      expect(() => conn.peer.send(message)).toThrow('Failure to send data')
      expect([peer.destroyed, retries]).toEqual([0, []])
      frames.length = 0
      conn.connected = true
      // Open for y-webrtc, but the data channel is closing (the peer left): y-webrtc's close handling follows.
      expect(() => conn.peer.send(message)).toThrow('Failure to send data')
      expect([peer.destroyed, retries]).toEqual([0, []])
      frames.length = 0
      peer.connected = true
      expect(() => conn.peer.send(message)).not.toThrow()
      expect(peer.destroyed).toBe(1)
      expect(retries).toEqual(['other: a message of 200000 bytes could not be sent (1 of 4 frames went out: Failure to send data)'])
    } finally {
      guard.destroy()
      receive.destroy()
    }
  })

  // After a first connection attempt failed, y-webrtc had marked the room synced (no connection
  // left unsynced) and did not report the sync of the next connection: the Node peer, waiting for
  // y-webrtc's synced event, never resolved synced() though the document had arrived.
  it('tells a Node peer it synced when a peer’s document arrives, also after y-webrtc marked the room synced with no connection', async () => {
    const [shared] = seededPeers(1)
    const peer = joinRoom(formatInvite({ transport: 'webrtc', room: newRoomId(), secret: newRoomSecret(), signaling: [signal.url] }))
    try {
      await until(() => peer.webrtc?.room !== null && peer.webrtc?.room !== undefined)
      const provider = peer.webrtc!
      const room = provider.room!
      room.synced = true
      const conn = new WebrtcConn(provider.signalingConns[0]!, false, 'other-peer', room)
      room.webrtcConns.set('other-peer', conn)
      provider.emit('peers', [{ added: ['other-peer'], removed: [], webrtcPeers: ['other-peer'], bcPeers: [] }])
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, 0)
      encoding.writeVarUint(encoder, 1)
      encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(shared!))
      conn.peer.emit('data', encoding.toUint8Array(encoder))
      await peer.synced(3000)
      expect(firstParagraphText(peer.ydoc).toString()).toBe(firstParagraphText(shared!).toString())
    } finally {
      peer.close()
    }
  })

  it('closes its side of a connection the peer gave up before it connected, without telling it back', async () => {
    const { peer, stranger, socket, retries, conns, send, messages, published, announcements } = await peerOfferingToStranger()
    try {
      await send({ type: GAVE_UP_MESSAGE, from: stranger, to: 'another-peer' })
      await new Promise((r) => setTimeout(r, 300))
      expect(conns().has(stranger)).toBe(true)
      await send({ type: GAVE_UP_MESSAGE, from: stranger, to: (peer.webrtc!.room as unknown as { peerId: string }).peerId })
      await published('the peer announcing itself again', (m) => m.type === 'announce', announcements + 1)
      expect(conns().has(stranger)).toBe(false)
      expect(retries).toEqual([`connection to peer ${stranger} started again: the peer gave up its side before it connected`])
      expect((await messages()).filter((m) => m.type === GAVE_UP_MESSAGE)).toEqual([])
    } finally {
      socket.terminate()
      peer.close()
    }
  })
})
