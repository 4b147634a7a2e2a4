import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'

/**
 * MLDoc's signaling server: it lets the peers of a room find each other and exchange WebRTC
 * offers, answers and candidates, speaking y-webrtc's protocol (JSON text frames):
 * `{type:'subscribe', topics}`, `{type:'unsubscribe', topics}`, `{type:'publish', topic, ...}`
 * (sent on to every subscriber of the topic, with `clients` set to their number) and
 * `{type:'ping'}` (answered `{type:'pong'}`). It never sees a document: y-webrtc encrypts what it
 * publishes with the room secret, and documents travel peer to peer.
 *
 * Unlike y-webrtc's sample server it listens on 127.0.0.1 unless told otherwise, bounds frame
 * size, connections and topics, keeps rooms apart (a connection publishes only to rooms it has
 * subscribed to), and closes a connection that sends a malformed frame instead of crashing.
 */

/** Bounds of one server; the defaults suit a team (a room holds at most a few dozen peers). */
export interface SignalLimits {
  /** Largest frame accepted, in bytes; a larger one closes the connection (WebSocket code 1009). */
  readonly maxMessageBytes: number
  /** Open connections at once; more are refused with HTTP 503. */
  readonly maxConnections: number
  /** Rooms one connection may be subscribed to. */
  readonly maxTopicsPerConnection: number
  /** Longest room name. */
  readonly maxTopicLength: number
  /** Milliseconds between keep-alive pings; a connection that missed the previous one is closed. */
  readonly pingIntervalMs: number
}

export const DEFAULT_SIGNAL_LIMITS: SignalLimits = {
  maxMessageBytes: 64 * 1024,
  maxConnections: 1000,
  maxTopicsPerConnection: 64,
  maxTopicLength: 256,
  pingIntervalMs: 30_000,
}

/** Options of {@link startSignalServer}. */
export interface SignalServerOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number
  /** Address to listen on; 127.0.0.1 unless a team on one network should reach it (e.g. 0.0.0.0). */
  readonly host?: string
  readonly limits?: Partial<SignalLimits>
}

/** A running signaling server. */
export interface SignalServer {
  /** The address peers connect to, `ws://HOST:PORT`, for invites and settings. */
  readonly url: string
  readonly port: number
  /** Open connections and rooms with at least one subscriber, for diagnostics and tests. */
  stats(): { connections: number; rooms: number }
  /** Closes every connection and stops listening. */
  close(): Promise<void>
}

/** WebSocket close codes the server uses. */
const CLOSE = { unsupportedData: 1003, invalidPayload: 1007, policy: 1008, tooBig: 1009, goingAway: 1001 } as const

/** One client connection and the rooms it is in. */
interface Client {
  readonly socket: WebSocket
  readonly topics: Set<string>
  alive: boolean
}

/** A frame of y-webrtc's protocol, as far as the server reads it. */
type Frame =
  | { type: 'subscribe' | 'unsubscribe'; topics: string[] }
  | { type: 'publish'; topic: string; [key: string]: unknown }
  | { type: 'ping' }

/** Reads one frame; returns why it is malformed when it is. */
function readFrame(data: RawData, isBinary: boolean, limits: SignalLimits): Frame | string {
  if (isBinary) return 'binary frames are not part of the protocol'
  let value: unknown
  try {
    value = JSON.parse(data.toString())
  } catch {
    return 'the frame is not JSON'
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'the frame is not a JSON object'
  const frame = value as Record<string, unknown>
  const topicOk = (topic: unknown): topic is string => typeof topic === 'string' && topic.length > 0 && topic.length <= limits.maxTopicLength
  switch (frame.type) {
    case 'subscribe':
    case 'unsubscribe': {
      const topics = frame.topics ?? []
      if (!Array.isArray(topics) || !topics.every(topicOk)) return `"topics" must be a list of room names of 1 to ${limits.maxTopicLength} characters`
      return { type: frame.type, topics }
    }
    case 'publish':
      if (!topicOk(frame.topic)) return `"topic" must be a room name of 1 to ${limits.maxTopicLength} characters`
      return frame as Frame
    case 'ping':
      return { type: 'ping' }
    default:
      return `unknown frame type ${JSON.stringify(frame.type)}`
  }
}

/** Starts a signaling server; resolves once it listens. */
export async function startSignalServer(options: SignalServerOptions = {}): Promise<SignalServer> {
  const limits: SignalLimits = { ...DEFAULT_SIGNAL_LIMITS, ...options.limits }
  const host = options.host ?? '127.0.0.1'
  /** Room name -> its subscribers. */
  const rooms = new Map<string, Set<Client>>()
  const clients = new Set<Client>()

  const http = createServer((_request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' })
    response.end('MLDoc signaling server (y-webrtc protocol): connect with a WebSocket.\n')
  })
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, perMessageDeflate: false })

  http.on('upgrade', (request, socket, head) => {
    if (clients.size >= limits.maxConnections) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\ntoo many connections\n')
      return
    }
    wss.handleUpgrade(request, socket, head, (ws) => accept(ws))
  })

  function leave(client: Client, topic: string): void {
    client.topics.delete(topic)
    const subscribers = rooms.get(topic)
    if (!subscribers) return
    subscribers.delete(client)
    if (subscribers.size === 0) rooms.delete(topic)
  }

  function send(client: Client, text: string): void {
    if (client.socket.readyState !== client.socket.OPEN) return
    client.socket.send(text, (error) => {
      if (error) client.socket.terminate()
    })
  }

  function handle(client: Client, frame: Frame): void {
    switch (frame.type) {
      case 'subscribe':
        for (const topic of frame.topics) {
          if (client.topics.has(topic)) continue
          if (client.topics.size >= limits.maxTopicsPerConnection) {
            client.socket.close(CLOSE.policy, `at most ${limits.maxTopicsPerConnection} rooms per connection`)
            return
          }
          client.topics.add(topic)
          let subscribers = rooms.get(topic)
          if (!subscribers) rooms.set(topic, (subscribers = new Set()))
          subscribers.add(client)
        }
        return
      case 'unsubscribe':
        for (const topic of frame.topics) leave(client, topic)
        return
      case 'publish': {
        // Rooms stay apart: only a member of a room can publish to it.
        if (!client.topics.has(frame.topic)) return
        const subscribers = rooms.get(frame.topic)!
        const text = JSON.stringify({ ...frame, clients: subscribers.size })
        for (const subscriber of subscribers) send(subscriber, text)
        return
      }
      case 'ping':
        send(client, JSON.stringify({ type: 'pong' }))
    }
  }

  function accept(socket: WebSocket): void {
    const client: Client = { socket, topics: new Set(), alive: true }
    clients.add(client)
    socket.on('pong', () => {
      client.alive = true
    })
    socket.on('message', (data, isBinary) => {
      const frame = readFrame(data, isBinary, limits)
      if (typeof frame === 'string') socket.close(isBinary ? CLOSE.unsupportedData : CLOSE.invalidPayload, frame.slice(0, 120))
      else handle(client, frame)
    })
    // ws reports an over-size frame (and protocol violations) as an error and closes the socket.
    socket.on('error', () => socket.terminate())
    socket.on('close', () => {
      clients.delete(client)
      for (const topic of [...client.topics]) leave(client, topic)
    })
  }

  const keepAlive = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) {
        client.socket.terminate()
        continue
      }
      client.alive = false
      try {
        client.socket.ping()
      } catch {
        client.socket.terminate()
      }
    }
  }, limits.pingIntervalMs)
  keepAlive.unref()

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(options.port ?? 0, host, () => {
      http.off('error', reject)
      resolve()
    })
  })
  const { port } = http.address() as AddressInfo
  const urlHost = host.includes(':') ? `[${host}]` : host

  return {
    url: `ws://${urlHost}:${port}`,
    port,
    stats: () => ({ connections: clients.size, rooms: rooms.size }),
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(keepAlive)
        for (const client of clients) client.socket.close(CLOSE.goingAway, 'server shutting down')
        wss.close()
        http.close(() => resolve())
        // Sockets that do not finish the closing handshake promptly are cut.
        setTimeout(() => {
          for (const client of clients) client.socket.terminate()
          http.closeAllConnections()
        }, 500).unref()
      }),
  }
}
