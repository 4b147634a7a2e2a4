import { readFile } from 'node:fs/promises'
import { extname, join, relative, resolve, sep, isAbsolute } from 'node:path'
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY, withContentSecurityPolicyMeta } from './window.js'

/**
 * Serves the built renderer on `app://mldoc/`: a standard, secure origin of its own, so the
 * policy's `'self'` means the app's files and nothing else, and IPC senders can be told apart
 * from any other page. Files come only from the renderer's build folder.
 */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
}

/** Headers of every app response: the policy, and no guessing of content types. */
function headers(contentType: string): Record<string, string> {
  return { 'Content-Type': contentType, 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' }
}

function refuse(status: 400 | 404, reason: string): Response {
  return new Response(reason, { status, headers: headers('text/plain; charset=utf-8') })
}

/**
 * The response to an `app://` request: the file under `rendererDir` that the URL names
 * (`index.html` for `/`), with the policy in a header and, for HTML, in a meta tag too. Requests
 * for another host, for a path leaving the folder, or for a missing file are refused.
 */
export async function serveAppRequest(url: string, rendererDir: string): Promise<Response> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return refuse(400, 'not a URL')
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return refuse(404, 'not an MLDoc page')
  let path: string
  try {
    path = decodeURIComponent(parsed.pathname)
  } catch {
    return refuse(400, 'the path is not valid percent-encoding')
  }
  if (path.includes('\0')) return refuse(400, 'the path contains a NUL character')
  const root = resolve(rendererDir)
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`)
  const inside = relative(root, file)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) return refuse(404, 'outside the app')
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
  let body: Buffer
  try {
    body = await readFile(join(root, inside))
  } catch {
    return refuse(404, 'no such file')
  }
  if (type.startsWith('text/html')) {
    return new Response(withContentSecurityPolicyMeta(body.toString('utf8')), { status: 200, headers: headers(type) })
  }
  return new Response(new Uint8Array(body), { status: 200, headers: headers(type) })
}
