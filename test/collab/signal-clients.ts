import { afterEach } from 'vitest'
import WebSocket from 'ws'
import { startSignalServer, type SignalServer, type SignalServerOptions } from '../../node/signal/server.js'

/** A frame a signaling client received (y-webrtc's JSON messages). */
export interface SignalFrame {
  readonly type: string
  readonly topic?: string
  readonly data?: string
  readonly clients?: number
}

/** A connected WebSocket client of the signaling server that records every frame it receives. */
export interface SignalClient {
  readonly socket: WebSocket
  readonly received: SignalFrame[]
  readonly closed: Promise<number>
  /** Sends a frame: a string as it is, anything else as JSON. */
  send(frame: unknown): void
}

/** Signaling servers and clients for one test file; each test's servers and sockets are closed after it. */
export interface SignalHarness {
  server(options?: SignalServerOptions): Promise<SignalServer>
  client(url: string): Promise<SignalClient>
  /** Registers something else to end after the test (e.g. a raw TCP socket). */
  track(socket: { terminate(): void }): void
}

/** Sets up the harness for the calling test file (registers an `afterEach` that closes everything). */
export function signalHarness(): SignalHarness {
  const servers: SignalServer[] = []
  const sockets: { terminate(): void }[] = []
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate()
    await Promise.all(servers.splice(0).map((s) => s.close()))
  })
  return {
    async server(options = {}) {
      const s = await startSignalServer(options)
      servers.push(s)
      return s
    },
    async client(url) {
      const socket = new WebSocket(url)
      sockets.push(socket)
      const received: SignalFrame[] = []
      socket.on('message', (data) => received.push(JSON.parse(data.toString()) as SignalFrame))
      socket.on('error', () => undefined)
      const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)))
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve())
        socket.once('error', reject)
      })
      return { socket, received, closed, send: (frame) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)) }
    },
    track(socket) {
      sockets.push(socket)
    },
  }
}

/** Waits until the server has handled everything `c` sent: its pong comes back after it. */
export async function settle(c: SignalClient): Promise<void> {
  const pongs = c.received.filter((m) => m.type === 'pong').length
  c.send({ type: 'ping' })
  const deadline = Date.now() + 10_000
  while (c.received.filter((m) => m.type === 'pong').length <= pongs) {
    if (Date.now() > deadline) throw new Error('no pong: the server stopped serving')
    await new Promise((r) => setTimeout(r, 5))
  }
}
