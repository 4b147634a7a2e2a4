import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emptyMeta } from '../../core/document/meta.js'
import { createYDoc } from '../../core/yjs/doc.js'
import { encodeMLDocFile } from '../../core/yjs/file.js'
import { mldocSchema } from '../../core/schema/index.js'
import { startWebHost, type WebHost } from '../../node/web/server.js'
import { seededRandom } from '../collab/fixtures.js'
import { budget, trials } from './counts.js'

/**
 * Item 9 of the reliability issue: the browser-mode host (`mldoc web`) from a hostile page's
 * point of view, beyond test/e2e/web-host.test.ts: preflights and foreign origins in every
 * spelling, Host headers a DNS-rebinding page could send, the token anywhere but its header,
 * traversal through the static file server (encoded, double-encoded, malformed), and fuzzed
 * document names through every API call that reads or writes, against a folder with links
 * planted to lead out. Nothing outside the documents folder may change; no response carries CORS.
 */

let base: string
let dir: string
let outside: string
let host: WebHost
let state: string

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw HTTP request, so the test sets every header itself. */
function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method, path, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** A request line sent as it is over TCP, for paths an HTTP client would normalise. */
function sendRaw(target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(host.port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`))
    let reply = ''
    socket.on('data', (chunk) => (reply += chunk.toString('latin1')))
    socket.on('end', () => resolve(reply))
    socket.on('error', reject)
  })
}

const own = (): Record<string, string> => ({ Host: `127.0.0.1:${host.port}`, 'Content-Type': 'application/json', 'X-MLDoc-Token': host.token })

function api(method: string, payload: unknown, headers: Record<string, string> = own()): Promise<Reply> {
  return send('POST', `/api/${method}`, headers, JSON.stringify(payload))
}

function corsHeaders(reply: Reply): string[] {
  return Object.keys(reply.headers).filter((name) => name.startsWith('access-control-'))
}

async function snapshot(folder: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name)
    out[relative(folder, path)] = entry.isFile() ? createHash('sha256').update(await readFile(path)).digest('hex') : entry.isSymbolicLink() ? 'link' : 'folder'
  }
  return out
}

beforeAll(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'mldoc-webhost-')))
  dir = join(base, 'docs')
  outside = join(base, 'outside')
  const renderer = join(base, 'renderer')
  await mkdir(join(renderer, 'assets'), { recursive: true })
  await writeFile(join(renderer, 'index.html'), '<!doctype html><div id="root"></div>')
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1)')
  await mkdir(outside)
  await writeFile(join(outside, 'secret.mldoc'), 'secret')
  await writeFile(join(outside, 'secret.md'), 'secret')
  await writeFile(join(base, 'secret.md'), 'secret')
  await mkdir(dir)
  await symlink(outside, join(dir, 'out'))
  await symlink(join(outside, 'secret.md'), join(dir, 'linked.md'))
  await symlink(join(outside, 'secret.mldoc'), join(dir, 'linked.mldoc'))
  host = await startWebHost({ dir, rendererDir: renderer, settingsFile: join(base, 'settings.json') })
  const body = mldocSchema().nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }] })
  state = Buffer.from(encodeMLDocFile(createYDoc({ meta: emptyMeta(), body }))).toString('base64')
})
afterAll(async () => {
  await host?.close()
  await rm(base, { recursive: true, force: true })
})

describe('the browser-mode host against a hostile page', () => {
  it('answers a preflight from another origin without any CORS header, so the browser blocks the call', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${host.port}`]) {
      const reply = await send('OPTIONS', '/api/saveDocument', { Host: `127.0.0.1:${host.port}`, Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-mldoc-token,content-type' })
      expect(reply.status, origin).toBeGreaterThanOrEqual(400)
      expect(corsHeaders(reply), origin).toEqual([])
    }
  })

  it('refuses every foreign Origin, however it is spelled, even with the token', async () => {
    const origins = [
      'http://evil.example', 'null', `https://127.0.0.1:${host.port}`, `http://127.0.0.1:${host.port}.evil.example`, `http://127.0.0.1:${host.port + 1}`,
      `http://evil.example#@127.0.0.1:${host.port}`, `http://127.0.0.1:${host.port}/`, `HTTP://127.0.0.1:${host.port}x`, 'file://', `http://127.0.0.1.nip.io:${host.port}`,
    ]
    for (const origin of origins) {
      const reply = await api('getSettings', {}, { ...own(), Origin: origin })
      expect(reply.status, origin).toBe(403)
      expect(corsHeaders(reply)).toEqual([])
    }
  })

  it('refuses every Host header a rebinding page could make the browser send', async () => {
    const hosts = [
      'evil.example', `evil.example:${host.port}`, `127.0.0.1.nip.io:${host.port}`, `localhost.:${host.port}`, `127.0.0.1:${host.port}.`, `[::1]:${host.port}`,
      `127.1:${host.port}`, `0x7f000001:${host.port}`, `2130706433:${host.port}`, `127.0.0.1:0${host.port}`, `user@127.0.0.1:${host.port}`,
      '', `127.0.0.1:${host.port},evil.example`,
    ]
    for (const value of hosts) {
      for (const reply of [await api('getSettings', {}, { ...own(), Host: value }), await send('GET', '/', { Host: value })]) {
        expect(reply.status, JSON.stringify(value)).toBe(403)
        expect(corsHeaders(reply)).toEqual([])
      }
    }
  })

  it('takes the session token from its header only: not from the query, a cookie or the URL fragment', async () => {
    const headers = { Host: `127.0.0.1:${host.port}`, 'Content-Type': 'application/json' }
    expect((await send('POST', `/api/getSettings?token=${host.token}`, headers, '{}')).status).toBe(401)
    expect((await send('POST', '/api/getSettings', { ...headers, Cookie: `token=${host.token}; x-mldoc-token=${host.token}` }, '{}')).status).toBe(401)
    expect((await send('POST', '/api/getSettings', { ...headers, Authorization: `Bearer ${host.token}` }, '{}')).status).toBe(401)
    expect((await send('POST', `/api/getSettings#token=${host.token}`, headers, '{}')).status).toBe(401)
    expect((await api('getSettings', {})).status).toBe(200)
  })

  it('serves no file outside the built renderer, whatever the path says', async () => {
    const targets = [
      '/../../secret.md', '/..%2f..%2fsecret.md', '/%2e%2e/%2e%2e/secret.md', '/%252e%252e/%252e%252e/secret.md', '/assets/../../secret.md', '/assets/..%2f..%2f..%2fsecret.md',
      '/..\\..\\secret.md', '/..%5c..%5csecret.md', '//etc/passwd', '/%2fetc%2fpasswd', '/etc/passwd', '/assets/app.js%00.html', '/.%2e/.%2e/secret.md',
      '/%c0%ae%c0%ae/%c0%ae%c0%ae/secret.md', `/${'../'.repeat(20)}etc/passwd`, '/.git/config', '/.env', '/%E0%A4%A', '/%', '/assets/%ff',
    ]
    for (const target of targets) {
      const reply = await sendRaw(target)
      const status = Number(/^HTTP\/1\.1 (\d+)/.exec(reply)?.[1])
      expect(status, target).toBeGreaterThanOrEqual(400)
      expect(status, `${target} is a client error, not a failure of the host`).toBeLessThan(500)
      expect(reply, target).not.toContain('secret')
      expect(reply, target).not.toContain('root:')
    }
    expect(await sendRaw('/assets/app.js')).toContain('console.log(1)')
  })

  it(`keeps ${trials(300, 3000)} fuzzed document names inside the documents folder, for reads and writes`, async () => {
    const before = await snapshot(outside)
    const random = seededRandom(9)
    const parts = ['..', '.', '', 'out', 'linked.md', 'linked.mldoc', '.git', '.hidden', 'a', 'notes', '%2e%2e', '..\\..', 'C:', '/', '\u0000', 'ü', 'x'.repeat(260), ' ', '~']
    const endings = ['.mldoc', '.md', '.MLDOC', '.md/', '', '.txt', '.mldoc\u0000.md']
    const calls = trials(300, 3000)
    let accepted = 0
    for (let i = 0; i < calls; i++) {
      const count = 1 + Math.floor(random() * 4)
      const name = `${random() < 0.1 ? '/' : ''}${Array.from({ length: count }, () => parts[Math.floor(random() * parts.length)]).join(random() < 0.8 ? '/' : '\\')}${endings[Math.floor(random() * endings.length)]}`
      const replies = [
        await api('openDocument', { path: name }),
        await api('saveDocument', { path: name, state: { $bytes: state }, suggestedName: name }),
        await api('exportMarkdown', { path: name, markdown: '# hostile\n', suggestedName: name }),
      ]
      for (const reply of replies) {
        expect(reply.status, `${JSON.stringify(name)}: ${reply.body}`).toBeLessThan(500)
        expect(corsHeaders(reply)).toEqual([])
        if (reply.status === 200) accepted++
      }
    }
    expect(await snapshot(outside)).toEqual(before)
    expect(await readFile(join(base, 'secret.md'), 'utf8')).toBe('secret')
    // Whatever was written is a plain file inside the folder.
    for (const [path, kind] of Object.entries(await snapshot(dir))) {
      expect(relative(dir, join(dir, path)).split(sep)).not.toContain('..')
      if (!['out', 'linked.md', 'linked.mldoc'].includes(path)) expect(kind, path).not.toBe('link')
    }
    expect(accepted).toBeGreaterThan(0)
  }, budget(trials(300, 3000), 60))
})
