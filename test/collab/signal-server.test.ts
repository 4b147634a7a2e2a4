import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { settle, signalHarness, type SignalClient } from './signal-clients.js'

const { server, client, track } = signalHarness()

const publishes = (c: SignalClient) => c.received.filter((m) => m.type === 'publish')

describe('signaling server', () => {
  it('listens on 127.0.0.1 unless told otherwise and speaks y-webrtc’s protocol', async () => {
    const s = await server()
    expect(s.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/)
    const a = await client(s.url)
    const b = await client(s.url)
    a.send({ type: 'subscribe', topics: ['room-a'] })
    b.send({ type: 'subscribe', topics: ['room-a'] })
    await settle(a)
    await settle(b)
    a.send({ type: 'publish', topic: 'room-a', data: 'c2lnbmFs' })
    await settle(a)
    await settle(b)
    expect(publishes(a)).toEqual([{ type: 'publish', topic: 'room-a', data: 'c2lnbmFs', clients: 2 }])
    expect(publishes(b)).toEqual(publishes(a))
    expect(s.stats()).toEqual({ connections: 2, rooms: 1 })
  })

  it('keeps rooms apart: no frame crosses to another room, and outsiders cannot publish into one', async () => {
    const s = await server()
    const a = await client(s.url)
    const b = await client(s.url)
    const outsider = await client(s.url)
    a.send({ type: 'subscribe', topics: ['room-a'] })
    b.send({ type: 'subscribe', topics: ['room-b'] })
    outsider.send({ type: 'subscribe', topics: ['room-c'] })
    for (const c of [a, b, outsider]) await settle(c)
    a.send({ type: 'publish', topic: 'room-a', data: 'for a' })
    b.send({ type: 'publish', topic: 'room-b', data: 'for b' })
    outsider.send({ type: 'publish', topic: 'room-a', data: 'injected' })
    for (const c of [a, b, outsider]) await settle(c)
    expect(publishes(a).map((m) => (m as { data: string }).data)).toEqual(['for a'])
    expect(publishes(b).map((m) => (m as { data: string }).data)).toEqual(['for b'])
    expect(publishes(outsider)).toEqual([])
    b.send({ type: 'unsubscribe', topics: ['room-b'] })
    await settle(b)
    b.send({ type: 'publish', topic: 'room-b', data: 'after leaving' })
    await settle(b)
    expect(publishes(b)).toHaveLength(1)
  })

  it('closes a connection that sends an oversized frame, and goes on serving the others', async () => {
    const s = await server({ limits: { maxMessageBytes: 1024 } })
    const big = await client(s.url)
    const other = await client(s.url)
    big.send({ type: 'publish', topic: 'room', data: 'x'.repeat(2000) })
    expect(await big.closed).toBe(1009)
    await settle(other)
  })

  it('closes a connection that sends a malformed frame, and goes on serving the others', async () => {
    const s = await server()
    const cases: [unknown, number][] = [
      ['{not json', 1007],
      ['[1,2,3]', 1007],
      [{ type: 'subscribe', topics: 'room' }, 1007],
      [{ type: 'subscribe', topics: [42] }, 1007],
      [{ type: 'publish', topic: 'x'.repeat(300) }, 1007],
      [{ type: 'publish' }, 1007],
      [{ type: 'explode' }, 1007],
      ['null', 1007],
    ]
    for (const [frame, code] of cases) {
      const c = await client(s.url)
      c.send(frame)
      expect(await c.closed, JSON.stringify(frame)).toBe(code)
    }
    const binary = await client(s.url)
    binary.socket.send(Buffer.from([1, 2, 3]))
    expect(await binary.closed).toBe(1003)
    const healthy = await client(s.url)
    await settle(healthy)
    expect(s.stats().connections).toBe(1)
  })

  it('refuses connections beyond its limit and rooms beyond the per-connection limit', async () => {
    const s = await server({ limits: { maxConnections: 3, maxTopicsPerConnection: 2 } })
    const open = [await client(s.url), await client(s.url), await client(s.url)]
    const refused = new WebSocket(s.url)
    refused.on('error', () => {})
    track(refused)
    const status = await new Promise<number>((resolve) => refused.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)))
    expect(status).toBe(503)
    open[0]!.send({ type: 'subscribe', topics: ['a', 'b', 'c'] })
    expect(await open[0]!.closed).toBe(1008)
    await settle(open[1]!)
  })

  it('serves on after 200 clients connect, join rooms and disconnect', async () => {
    const s = await server()
    const started = performance.now()
    const crowd = await Promise.all(Array.from({ length: 200 }, () => client(s.url)))
    crowd.forEach((c, i) => c.send({ type: 'subscribe', topics: [`room-${i % 20}`] }))
    await Promise.all(crowd.map(settle))
    expect(s.stats()).toEqual({ connections: 200, rooms: 20 })
    crowd[0]!.send({ type: 'publish', topic: 'room-0', data: 'hello' })
    await Promise.all(crowd.map(settle))
    expect(crowd.filter((c) => publishes(c).length === 1)).toHaveLength(10)
    crowd.forEach((c) => c.socket.close())
    await Promise.all(crowd.map((c) => c.closed))
    const deadline = Date.now() + 5000
    while (s.stats().connections > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
    expect(s.stats()).toEqual({ connections: 0, rooms: 0 })
    const a = await client(s.url)
    const b = await client(s.url)
    a.send({ type: 'subscribe', topics: ['after'] })
    b.send({ type: 'subscribe', topics: ['after'] })
    await settle(a)
    await settle(b)
    a.send({ type: 'publish', topic: 'after', data: 'still here' })
    await settle(b)
    expect(publishes(b)).toHaveLength(1)
    console.log(`200 clients connected, exchanged and left in ${Math.round(performance.now() - started)} ms`)
  })
})
