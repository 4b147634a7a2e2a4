import { randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { settle, signalHarness } from '../collab/signal-clients.js'
import { seededRandom } from '../collab/fixtures.js'
import { budget, trials } from './counts.js'

const WAVES = trials(2, 20)

/**
 * Item 8 of the reliability issue: the signaling server (`mldoc signal`), beyond
 * test/collab/signal-server.test.ts: frames broken at the WebSocket level (not JSON but the
 * framing itself, sent over raw TCP), requests that are not WebSocket at all, waves of clients
 * that vanish without closing, rooms checked against every message under load, and the
 * connection limit not leaking slots. After all of it the server must still serve.
 */

const { server, client, track } = signalHarness()

/** Two clients in one room exchange a message: the server serves. */
async function stillServes(url: string): Promise<void> {
  const a = await client(url)
  const b = await client(url)
  a.send({ type: 'subscribe', topics: ['health'] })
  b.send({ type: 'subscribe', topics: ['health'] })
  await settle(a)
  await settle(b)
  a.send({ type: 'publish', topic: 'health', data: 'ok' })
  await settle(b)
  expect(b.received.filter((m) => m.type === 'publish')).toEqual([{ type: 'publish', topic: 'health', data: 'ok', clients: 2 }])
  a.socket.close()
  b.socket.close()
}

/** A raw TCP connection that sends `bytes` (after an upgrade handshake, when `upgrade`) and resolves when the server closes it. */
function rawSession(port: number, upgrade: boolean, bytes: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1')
    let reply = ''
    let upgraded = !upgrade
    track({ terminate: () => socket.destroy() })
    socket.on('connect', () => {
      if (upgrade) {
        socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`)
      } else {
        socket.write(bytes)
      }
    })
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1')
      if (!upgraded && reply.includes('\r\n\r\n')) {
        upgraded = true
        socket.write(bytes)
      }
    })
    socket.on('error', () => undefined)
    socket.on('close', () => resolve(reply))
    setTimeout(() => socket.destroy(), 5000).unref()
  })
}

/** A client-to-server WebSocket frame: FIN/RSV/opcode byte, mask bit, length, masking key, masked payload. */
function frame(first: number, payload: Buffer, options: { masked?: boolean; length?: Buffer } = {}): Buffer {
  const masked = options.masked ?? true
  const key = Buffer.from([1, 2, 3, 4])
  const body = masked ? Buffer.from(payload.map((byte, i) => byte ^ key[i % 4]!)) : payload
  const length = options.length ?? (payload.length < 126 ? Buffer.from([payload.length]) : Buffer.from([126, payload.length >> 8, payload.length & 255]))
  length[0] = length[0]! | (masked ? 0x80 : 0)
  return Buffer.concat([Buffer.from([first]), length, masked ? key : Buffer.alloc(0), body])
}

describe('the signaling server under abuse', () => {
  it('survives frames broken at the WebSocket level and requests that are not WebSocket', async () => {
    const s = await server()
    const json = Buffer.from('{"type":"ping"}')
    const cases: [string, boolean, Buffer][] = [
      ['TCP garbage', false, randomBytes(512)],
      ['a plain HTTP request', false, Buffer.from('GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n')],
      ['an upgrade with a wrong version', false, Buffer.from('GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: x\r\nSec-WebSocket-Version: 99\r\n\r\n')],
      ['a request line of 100 kB', false, Buffer.from(`GET /${'a'.repeat(100_000)} HTTP/1.1\r\n\r\n`)],
      ['an unmasked client frame', true, frame(0x81, json, { masked: false })],
      ['a reserved opcode', true, frame(0x83, json)],
      ['RSV bits without an extension', true, frame(0xf1, json)],
      ['text that is not UTF-8', true, frame(0x81, Buffer.from([0xff, 0xfe, 0xc0, 0xaf]))],
      ['a fragmented ping', true, frame(0x09, Buffer.from('x'))],
      ['a length of 2^63', true, frame(0x81, Buffer.alloc(0), { length: Buffer.from([127, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]) })],
      ['a continuation with nothing to continue', true, frame(0x80, json)],
      ['a close frame with code 1 and a bad reason', true, frame(0x88, Buffer.from([0, 1, 0xff, 0xfe]))],
      ['half a frame header', true, Buffer.from([0x81])],
      ['a frame over the size limit', true, frame(0x81, Buffer.alloc(70_000, 0x20))],
    ]
    for (const [what, upgrade, bytes] of cases) {
      await rawSession(s.port, upgrade, bytes)
      await stillServes(s.url).catch((error: Error) => {
        throw new Error(`after ${what}: ${error.message}`)
      })
    }
    const deadline = Date.now() + 5000
    while (s.stats().connections > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
    expect(s.stats()).toEqual({ connections: 0, rooms: 0 })
  }, 60_000)

  it(`keeps rooms apart and keeps serving through waves of 200 clients that join, publish and vanish (${WAVES} waves)`, async () => {
    const s = await server()
    const random = seededRandom(8)
    for (let wave = 0; wave < WAVES; wave++) {
      const crowd = await Promise.all(Array.from({ length: 200 }, () => client(s.url)))
      const rooms = crowd.map(() => Array.from({ length: 1 + Math.floor(random() * 3) }, () => `room-${Math.floor(random() * 30)}`))
      crowd.forEach((c, i) => c.send({ type: 'subscribe', topics: rooms[i] }))
      await Promise.all(crowd.map(settle))
      // Everyone publishes to one of its rooms, and some try rooms they are not in.
      crowd.forEach((c, i) => {
        const room = rooms[i]![Math.floor(random() * rooms[i]!.length)]!
        c.send({ type: 'publish', topic: room, data: `${room}|${i}` })
        if (random() < 0.2) c.send({ type: 'publish', topic: 'room-99', data: `room-99|${i}` })
        if (random() < 0.1) c.socket.send('{"type":"publish","topic":')
      })
      await Promise.all(crowd.filter((c) => c.socket.readyState === WebSocket.OPEN).map((c) => settle(c).catch(() => undefined)))
      crowd.forEach((c, i) => {
        for (const message of c.received.filter((m) => m.type === 'publish')) {
          expect(rooms[i], `client ${i} got ${message.data}`).toContain(message.topic)
          expect(message.data!.split('|')[0]).toBe(message.topic)
        }
      })
      // Half leave politely, half vanish: the TCP connection just drops.
      crowd.forEach((c, i) => (i % 2 === 0 ? c.socket.close() : c.socket.terminate()))
      const deadline = Date.now() + 10_000
      while (s.stats().connections > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
      expect(s.stats(), `after wave ${wave}`).toEqual({ connections: 0, rooms: 0 })
    }
    await stillServes(s.url)
  }, budget(WAVES, 15_000))

  it('frees the slot of every connection that goes, so the limit never locks people out', async () => {
    const s = await server({ limits: { maxConnections: 20 } })
    for (let round = 0; round < 3; round++) {
      const full = await Promise.all(Array.from({ length: 20 }, () => client(s.url)))
      const refused = new WebSocket(s.url)
      track(refused)
      refused.on('error', () => undefined)
      expect(await new Promise<number>((resolve) => refused.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)))).toBe(503)
      full.forEach((c) => c.socket.terminate())
      const deadline = Date.now() + 10_000
      while (s.stats().connections > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
    }
    await stillServes(s.url)
  }, 60_000)
})
