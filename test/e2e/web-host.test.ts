import { request } from 'node:http'
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BYTES_WIRE_TYPE, bytesWireParts } from '../../core/host/bytes-wire.js'
import { readMLDocFile } from '../../core/yjs/file.js'
import { startTestHost, type TestHost } from './browser.js'

let test: TestHost

beforeAll(async () => {
  test = await startTestHost()
})
afterAll(async () => {
  await test?.dispose()
})

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw HTTP request, so the test controls every header (fetch would set Host and Origin itself). */
function send(method: string, path: string, headers: Record<string, string>, body?: string | Uint8Array): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: test.host.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** An API call as the renderer makes it, with changes to the headers. */
function api(method: string, payload: unknown, headers: Record<string, string | null> = {}): Promise<Reply> {
  const base: Record<string, string | null> = {
    Host: `127.0.0.1:${test.host.port}`,
    'Content-Type': 'application/json',
    'X-MLDoc-Token': test.host.token,
    ...headers,
  }
  const sent = Object.fromEntries(Object.entries(base).filter((entry): entry is [string, string] => entry[1] !== null))
  return send('POST', `/api/${method}`, sent, JSON.stringify(payload))
}

function error(reply: Reply): string {
  return (JSON.parse(reply.body) as { error: string }).error
}

describe('the browser-mode host (mldoc web)', () => {
  it('prints an address on 127.0.0.1 carrying the session token in its fragment', () => {
    expect(test.host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{32}$/)
  })

  it('serves the renderer with a strict Content-Security-Policy and no CORS headers', async () => {
    const page = await send('GET', '/', { Host: `127.0.0.1:${test.host.port}` })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<div id="root">')
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect(Object.keys(page.headers).filter((h) => h.startsWith('access-control-'))).toEqual([])
    const asset = /src="\.\/(assets\/[^"]+\.js)"/.exec(page.body)?.[1]
    expect((await send('GET', `/${asset}`, { Host: `localhost:${test.host.port}` })).headers['content-type']).toBe('text/javascript; charset=utf-8')
  })

  it('answers API calls that carry the token', async () => {
    const reply = await api('listTemplates', { lang: 'en' })
    expect(reply.status).toBe(200)
    expect((JSON.parse(reply.body) as { id: string }[]).map((t) => t.id)).toContain('ml-engineering-document')
    expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([])
  })

  it('refuses API calls without the token or with a wrong one', async () => {
    const missing = await api('listTemplates', { lang: 'en' }, { 'X-MLDoc-Token': null })
    expect(missing.status).toBe(401)
    expect(error(missing)).toMatch(/session token/)
    const wrong = await api('listTemplates', { lang: 'en' }, { 'X-MLDoc-Token': test.host.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) })
    expect(wrong.status).toBe(401)
  })

  it('refuses a foreign Host header (DNS rebinding), even with the token, and a foreign Origin', async () => {
    for (const host of ['evil.example', `evil.example:${test.host.port}`, '127.0.0.1', `127.0.0.1:${test.host.port + 1}`]) {
      const reply = await api('listTemplates', { lang: 'en' }, { Host: host })
      expect(reply.status, host).toBe(403)
      expect(error(reply)).toMatch(/unknown Host/)
    }
    expect((await send('GET', '/', { Host: `rebind.example:${test.host.port}` })).status).toBe(403)
    const origin = await api('listTemplates', { lang: 'en' }, { Origin: 'http://evil.example' })
    expect(origin.status).toBe(403)
    expect((await api('listTemplates', { lang: 'en' }, { Origin: `http://localhost:${test.host.port}` })).status).toBe(200)
  })

  it('refuses requests that are not JSON POSTs or do not fit their method', async () => {
    expect((await send('GET', '/api/listTemplates', { Host: `127.0.0.1:${test.host.port}`, 'X-MLDoc-Token': test.host.token })).status).toBe(405)
    expect((await api('listTemplates', { lang: 'en' }, { 'Content-Type': 'text/plain' })).status).toBe(415)
    const unknown = await api('deleteEverything', {})
    expect(unknown.status).toBe(404)
    const invalid = await api('newDocument', { templateId: 'ml-engineering-document', lang: 'fr' })
    expect(invalid.status).toBe(400)
    expect(error(invalid)).toMatch(/invalid newDocument request: lang/)
    const notJson = await send('POST', '/api/getSettings', { Host: `127.0.0.1:${test.host.port}`, 'Content-Type': 'application/json', 'X-MLDoc-Token': test.host.token }, '{"oops')
    expect(notJson.status).toBe(400)
    const garbage = await api('saveDocument', { path: 'x.mldoc', state: { $bytes: 'bm90IGFuIG1sZG9j' }, suggestedName: 'x' })
    expect(garbage.status).toBe(400)
    expect(error(garbage)).toMatch(/not an MLDoc file/)
    // Bytes as bytes, as the app sends a save: the body's form is checked, then the method's.
    const bytesHeaders = { Host: `127.0.0.1:${test.host.port}`, 'Content-Type': BYTES_WIRE_TYPE, 'X-MLDoc-Token': test.host.token }
    const garbageBytes = await send('POST', '/api/saveDocument', bytesHeaders, Buffer.concat(bytesWireParts({ path: 'x.mldoc', state: Buffer.from('not an mldoc'), suggestedName: 'x' })))
    expect(garbageBytes.status).toBe(400)
    expect(error(garbageBytes)).toMatch(/not an MLDoc file/)
    const truncated = await send('POST', '/api/saveDocument', bytesHeaders, Buffer.concat(bytesWireParts({ path: 'x.mldoc', state: new Uint8Array(8), suggestedName: 'x' })).subarray(0, 12))
    expect(truncated.status).toBe(400)
    expect(error(truncated)).toMatch(/saveDocument request is not valid application\/x-mldoc-wire: .*fewer than/)
  })

  it('keeps every file inside the documents folder: no "..", absolute, hidden or symlinked paths', async () => {
    const outside = join(test.dir, '..', 'outside.mldoc')
    await writeFile(outside, 'secret')
    await writeFile(join(test.dir, '..', 'outside.md'), '# secret\n')
    await symlink(join(test.dir, '..'), join(test.dir, 'up'))
    await symlink(outside, join(test.dir, 'link.mldoc'))
    const created = JSON.parse((await api('newDocument', { templateId: 'ml-engineering-document', lang: 'en' })).body) as { state: unknown }
    for (const path of ['../outside.mldoc', '/etc/passwd.md', 'up/outside.mldoc', 'link.mldoc', '.git/config.md', 'a/../../outside.md', 'C:/x.mldoc', 'dir\\..\\x.mldoc', 'notes.txt', '']) {
      const opened = await api('openDocument', { path })
      expect([400, 403], `open ${path}`).toContain(opened.status)
      const saved = await api('saveDocument', { path, state: created.state, suggestedName: 'x' })
      expect([400, 403], `save ${path}`).toContain(saved.status)
      const exported = await api('exportMarkdown', { path, markdown: 'pwned', suggestedName: 'x' })
      expect([400, 403], `export ${path}`).toContain(exported.status)
    }
    expect(await readFile(outside, 'utf8')).toBe('secret')
    expect(await readFile(join(test.dir, '..', 'outside.md'), 'utf8')).toBe('# secret\n')
  })

  it('creates, saves, lists, reopens and exports a document by name inside the folder', async () => {
    const created = JSON.parse((await api('newDocument', { templateId: 'ml-engineering-document', lang: 'uz' })).body) as { path: null; name: string; state: { $bytes: string } }
    expect(created.path).toBeNull()
    const first = JSON.parse((await api('saveDocument', { path: null, state: created.state, suggestedName: 'Mijozlar ketishi: model' })).body) as { path: string }
    expect(first.path).toBe('mijozlar-ketishi-model.mldoc')
    const second = JSON.parse((await api('saveDocument', { path: null, state: created.state, suggestedName: 'Mijozlar ketishi: model' })).body) as { path: string }
    expect(second.path).toBe('mijozlar-ketishi-model-2.mldoc')
    await mkdir(join(test.dir, 'docs'))
    const nested = await api('exportMarkdown', { path: 'docs/design.md', markdown: '# Design\n', suggestedName: 'x' })
    expect(JSON.parse(nested.body)).toEqual({ path: 'docs/design.md' })
    expect(await readFile(join(test.dir, 'docs/design.md'), 'utf8')).toBe('# Design\n')

    const recent = JSON.parse((await api('recentDocuments', {})).body) as { path: string }[]
    expect(recent.map((r) => r.path)).toEqual(expect.arrayContaining(['mijozlar-ketishi-model.mldoc', 'mijozlar-ketishi-model-2.mldoc']))
    const reopened = JSON.parse((await api('openDocument', { path: first.path })).body) as { path: string; state: { $bytes: string } }
    expect(reopened.path).toBe(first.path)
    const doc = readMLDocFile(new Uint8Array(Buffer.from(reopened.state.$bytes, 'base64')), 'reopened').doc
    expect(doc.meta.lang).toBe('uz')
    expect(doc.meta.template).toBe('ml-engineering-document')
  })

  it('keeps settings in its settings file', async () => {
    const changed = JSON.parse((await api('setSettings', { uiLang: 'uz', theme: 'dark' })).body) as { uiLang: string; theme: string }
    expect(changed).toMatchObject({ uiLang: 'uz', theme: 'dark' })
    expect(JSON.parse(await readFile(test.settingsFile, 'utf8'))).toMatchObject({ uiLang: 'uz', theme: 'dark' })
    expect((await api('setSettings', { theme: 'purple' })).status).toBe(400)
  })
})
