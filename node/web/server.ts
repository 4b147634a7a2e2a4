import { randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { readFile, realpath } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, extname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { HOST_METHODS, parseHostRequest, type HostApi, type HostMethod } from '../../core/host/api.js'
import { BYTES_WIRE_TYPE, readBytesWire } from '../../core/host/bytes-wire.js'
import { MLDocError } from '../../core/errors.js'
import { folderHost } from './folder-host.js'
import { PathRefused } from './paths.js'
import { defaultSettingsFile } from './settings.js'
import { decodeWire, encodeWire } from './wire.js'

/** Options of {@link startWebHost}. */
export interface WebHostOptions {
  /** Port to listen on; 0 picks a free one. */
  readonly port?: number
  /** The documents folder. */
  readonly dir: string
  /** Address to listen on; only loopback makes sense for a host without accounts. */
  readonly host?: string
  /** The built renderer (`dist/renderer`); found from the package by default. */
  readonly rendererDir?: string
  /** The settings file; `~/.config/mldoc/web-settings.json` by default. */
  readonly settingsFile?: string
  /** The templates folder; the package's own by default. */
  readonly templatesDir?: string
}

/** A running browser-mode host. */
export interface WebHost {
  /** The address to open, with the session token in its fragment: `http://127.0.0.1:PORT/#token=...`. */
  readonly url: string
  /** The address without the token. */
  readonly origin: string
  /** The session token every API request must carry in the `X-MLDoc-Token` header. */
  readonly token: string
  readonly port: number
  /** Stops listening and ends open connections. */
  close(): Promise<void>
}

/** Header that carries the session token (the renderer sends it from `renderer/host/http.ts`). */
export const TOKEN_HEADER = 'x-mldoc-token'
/** Largest request body accepted: a document's state plus its Markdown stay far below this. */
const MAX_BODY = 64 * 1024 * 1024

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
}

/** What the app may load: its own files only; WebSockets for peer signaling. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * Headers on every answer of the web host: the policy above, no MIME sniffing, no referrer, and
 * isolation from other origins' windows and embedders. (The benchmarks serve their bare peer
 * pages with the same headers, so both sides open under the same conditions.)
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
}

/** The built renderer of the package this module belongs to: `<package>/dist/renderer`. */
export function defaultRendererDir(): string {
  const start = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url))
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json')
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'mldoc') return join(dir, 'dist', 'renderer')
    if (dirname(dir) === dir) throw new Error(`cannot find the MLDoc package above ${start}`)
  }
}

/** A refusal with its HTTP status. */
class Refused extends Error {
  constructor(readonly status: number, message: string) {
    super(message)
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra })
  res.end(body)
}

function sendError(res: ServerResponse, status: number, message: string): void {
  send(res, status, 'application/json', JSON.stringify({ error: message }))
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        reject(new Refused(413, 'the request is too large'))
        req.destroy()
      } else chunks.push(chunk)
    })
    req.on('end', () => resolveBody(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Starts the browser-mode host: serves the built renderer and the host API over HTTP on a
 * loopback address. Every API call is `POST /api/<method>` with a JSON body (bytes as base64), or
 * one with bytes as bytes (`core/host/bytes-wire.ts`, as the app sends a save), checked against
 * the method's schema. Guards: a random session token (in the printed URL's
 * fragment, sent back in a header) on every API call; the `Host` header must name this host
 * and port (DNS rebinding); a browser `Origin`, when sent, must be this host; no CORS headers;
 * file names stay inside the documents folder (see `confinePath`).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1'
  const dir = resolve(options.dir)
  const rendererDir = resolve(options.rendererDir ?? defaultRendererDir())
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new MLDocError('file', 'the renderer is not built; run "npm run build:renderer" first', rendererDir)
  }
  const rendererRoot = await realpath(rendererDir)
  await realpath(dir).catch(() => {
    throw new MLDocError('file', 'the documents folder does not exist', dir)
  })
  const api: HostApi = folderHost({
    dir,
    settingsFile: options.settingsFile ?? defaultSettingsFile(),
    ...(options.templatesDir ? { templatesDir: options.templatesDir } : {}),
  })
  const token = randomBytes(24).toString('base64url')
  let allowedHosts: string[] = []

  async function serveApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') throw new Refused(405, 'API calls are POST requests')
    if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token)) throw new Refused(401, 'missing or wrong session token; open the address mldoc web printed')
    const origin = req.headers.origin
    if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) throw new Refused(403, `requests from ${origin} are not accepted`)
    const type = req.headers['content-type'] ?? ''
    const bytesWire = type.startsWith(BYTES_WIRE_TYPE)
    if (!bytesWire && !type.startsWith('application/json')) throw new Refused(415, `API calls send JSON (Content-Type: application/json, or ${BYTES_WIRE_TYPE} with bytes)`)
    if (!(HOST_METHODS as string[]).includes(method)) throw new Refused(404, `there is no host method "${method}"`)
    let payload: unknown
    try {
      const body = await readBody(req)
      payload = bytesWire ? readBytesWire(body) : decodeWire(body.toString('utf8'))
    } catch (error) {
      if (error instanceof Refused) throw error
      throw new Refused(400, `the ${method} request is not valid ${bytesWire ? BYTES_WIRE_TYPE : 'JSON'}: ${(error as Error).message}`)
    }
    let request: unknown
    try {
      request = parseHostRequest(method as HostMethod, payload)
    } catch (error) {
      throw new Refused(400, (error as Error).message)
    }
    const call = api[method as HostMethod] as (request: unknown) => Promise<unknown>
    const result = await call(request)
    send(res, 200, 'application/json', encodeWire(result))
  }

  async function serveFile(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new Refused(405, 'only GET is served here')
    let name: string
    try {
      name = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1))
    } catch {
      throw new Refused(400, 'the path is not valid percent-encoded UTF-8')
    }
    const target = resolve(rendererRoot, name)
    const rel = relative(rendererRoot, target)
    if (name.includes('\0') || rel.startsWith('..') || rel.split(sep).some((s) => s.startsWith('.'))) throw new Refused(404, 'not found')
    const body = await readFile(target).catch(() => null)
    if (!body) throw new Refused(404, 'not found')
    send(res, 200, CONTENT_TYPES[extname(target)] ?? 'application/octet-stream', req.method === 'HEAD' ? '' : body)
  }

  const server = createServer((req, res) => {
    const hostHeader = req.headers.host ?? ''
    if (!allowedHosts.includes(hostHeader)) {
      sendError(res, 403, `unknown Host "${hostHeader}": open the address mldoc web printed`)
      return
    }
    const pathname = new URL(req.url ?? '/', `http://${hostHeader}`).pathname
    const api = /^\/api\/([A-Za-z]+)$/.exec(pathname)
    const handle = api ? serveApi(req, res, api[1]!) : pathname.startsWith('/api/') ? Promise.reject(new Refused(404, 'not found')) : serveFile(req, res, pathname)
    handle.catch((error: unknown) => {
      if (res.headersSent) return res.destroy()
      if (error instanceof Refused) return sendError(res, error.status, error.message)
      if (error instanceof PathRefused) return sendError(res, 403, error.message)
      if (error instanceof MLDocError) return sendError(res, 400, error.message.split(`${dir}${sep}`).join(''))
      sendError(res, 500, `MLDoc failed: ${(error as Error).message}`)
    })
  })

  await new Promise<void>((ok, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') fail(new MLDocError('argument', `port ${options.port} on ${host} is already in use; choose another port or leave it out to pick a free one`))
      else if (error.code === 'EADDRNOTAVAIL') fail(new MLDocError('argument', `${host} is not an address of this machine`))
      else fail(error)
    })
    server.listen(options.port ?? 0, host, () => ok())
  })
  const port = (server.address() as AddressInfo).port
  allowedHosts = [...new Set([`${host}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`])]
  const origin = `http://${host}:${port}`
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}
