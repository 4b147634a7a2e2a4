import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { serveFolders, type StaticServer } from '../../bench/browser/static-server.js'
import { SECURITY_HEADERS, startWebHost, type WebHost } from '../../node/web/server.js'

// The cold-open benchmark compares our app, served by the web host, with bare peer pages served
// by the benchmark's static server: both must answer with the same security headers, or the
// page without `Cross-Origin-Opener-Policy` opens in the blank tab's renderer process and skips
// the start of a new one.
let dir: string
let statics: StaticServer | null = null
let host: WebHost | null = null

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mldoc-static-'))
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>app</title>\n')
  await writeFile(join(dir, 'peer.html'), '<!doctype html><title>peer</title>\n')
  await writeFile(join(dir, 'settings.json'), '{}\n')
})
afterEach(async () => {
  await statics?.close()
  await host?.close()
  statics = null
  host = null
  await rm(dir, { recursive: true, force: true })
})

/** The security headers of a response: those the web host sets, as the response has them. */
function securityHeadersOf(response: Response): Record<string, string | null> {
  return Object.fromEntries(Object.keys(SECURITY_HEADERS).map((name) => [name, response.headers.get(name)]))
}

describe("the benchmark's static server", () => {
  it("answers with the web host's security headers, as the web host answers the app's page", async () => {
    statics = await serveFolders([dir])
    host = await startWebHost({ dir, settingsFile: join(dir, 'settings.json'), rendererDir: dir })
    const peer = await fetch(`${statics.origin}/peer.html`)
    const app = await fetch(`${host.origin}/`)
    expect(peer.status).toBe(200)
    expect(app.status).toBe(200)
    expect(await peer.text()).toContain('<title>peer</title>')
    expect(await app.text()).toContain('<title>app</title>')
    expect(securityHeadersOf(peer)).toEqual(securityHeadersOf(app))
    expect(securityHeadersOf(peer)).toEqual(SECURITY_HEADERS)
    expect(peer.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin')
  })
})
