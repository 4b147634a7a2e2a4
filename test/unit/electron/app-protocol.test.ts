import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveAppRequest } from '../../../electron/main/app-protocol.js'
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/window.js'

let root: string
let rendererDir: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mldoc-app-protocol-'))
  rendererDir = join(root, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>MLDoc</title></head><body><script type="module" src="/assets/app.js"></script></body></html>')
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app")')
  await writeFile(join(root, 'secret.txt'), 'not part of the app')
  await writeFile(join(root, 'renderer-evil.txt'), 'a sibling folder with the same prefix')
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('app:// protocol', () => {
  it('serves the entry page with the policy as a header and as a meta tag', async () => {
    for (const url of ['app://mldoc/', 'app://mldoc/index.html', 'app://mldoc/index.html#/open/%2Fa.mldoc']) {
      const response = await serveAppRequest(url, rendererDir)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(await response.text()).toContain('<head><meta http-equiv="Content-Security-Policy"')
    }
  })

  it('serves the bundle with its content type and the policy', async () => {
    const response = await serveAppRequest('app://mldoc/assets/app.js', rendererDir)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(await response.text()).toBe('console.log("app")')
  })

  it.each([
    'app://mldoc/../secret.txt',
    'app://mldoc/%2e%2e/secret.txt',
    'app://mldoc/%2E%2E%2Fsecret.txt',
    'app://mldoc/assets/..%2F..%2Fsecret.txt',
    'app://mldoc/..%5Csecret.txt',
    'app://mldoc/%2Fetc%2Fpasswd',
    'app://mldoc/../renderer-evil.txt',
    'app://mldoc/assets/',
    'app://mldoc/missing.js',
    'app://other/index.html',
    'https://mldoc/index.html',
    'app://mldoc/%00index.html',
    'app://mldoc/%E0%A4%A',
  ])('refuses %s', async (url) => {
    const response = await serveAppRequest(url, rendererDir)
    expect(response.status).toBeGreaterThanOrEqual(400)
    const body = await response.text()
    expect(body).not.toContain('not part of the app')
    expect(body).not.toContain('same prefix')
    expect(body).not.toContain('root:')
  })
})
