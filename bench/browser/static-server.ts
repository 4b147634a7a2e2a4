import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'
import { SECURITY_HEADERS } from '../../node/web/server.js'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.mldoc': 'application/octet-stream',
}

/** A loopback HTTP server for the bare peer pages and the document files they load. */
export interface StaticServer {
  readonly origin: string
  close(): Promise<void>
}

/**
 * Serves the files of some folders (first match wins) on 127.0.0.1, uncached, with the MLDoc web
 * host's security headers. Those matter to a cold open: `Cross-Origin-Opener-Policy` makes
 * Chromium start a new renderer process for the page instead of using the blank tab's (seen in
 * the process list), which took 25-30 ms; a peer page served without them would skip that.
 */
export async function serveFolders(dirs: readonly string[]): Promise<StaticServer> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '')
    void (async () => {
      for (const dir of dirs) {
        const body = await readFile(join(dir, path)).catch(() => null)
        if (body) {
          res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' })
          res.end(body)
          return
        }
      }
      res.writeHead(404).end('not found')
    })()
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((done) => {
      server.closeAllConnections()
      server.close(() => done())
    }),
  }
}
