// The guard reaches into y-webrtc 10.3 (pinned): these tests fail if the internals it relies on
// change, and check its BroadcastChannel path in Node (the WebRTC path is covered by the
// scenarios in webrtc.test.ts). A hostile "tab" posts encrypted messages on the room's channel.
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WebrtcProvider } from 'y-webrtc'
import * as Y from 'yjs'
import { mldocUpdateCheck } from '../../core/collab/check.js'
import { createReceivePath } from '../../core/collab/receive.js'
import { guardWebrtcProvider, type GuardedProvider } from '../../core/collab/webrtc-guard.js'
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
      const conn = (provider.signalingConns as unknown as { _observers: Map<string, Set<unknown>>; url: string }[])[0]!
      expect(conn.url).toBe(signal.url)
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
})
