import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/** scripts/electronegativity.mjs: the Electronegativity scan of electron/, gated at medium severity. */

const ROOT = resolve(import.meta.dirname, '../../..')
let scratch: string

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mldoc-electronegativity-'))
})

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

function scan(input: string) {
  return spawnSync(process.execPath, [join(ROOT, 'scripts', 'electronegativity.mjs'), '--input', input, '--sarif', join(scratch, 'out.sarif')], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })
}

describe('Electronegativity', () => {
  it('finds nothing of medium severity or higher in the Electron shell', () => {
    const result = scan(join(ROOT, 'electron'))
    expect(result.stdout).toMatch(/checks on electron, \d+ findings, none of medium severity or higher/)
    expect(result.status, result.stdout + result.stderr).toBe(0)
  }, 120_000)

  it('fails the gate on an insecure window (the gate can fail)', async () => {
    const app = join(scratch, 'insecure')
    await mkdir(app)
    await writeFile(join(app, 'main.js'), [
      "const { BrowserWindow } = require('electron')",
      'const win = new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false, nodeIntegration: true } })',
      "win.loadURL('https://example.com')",
    ].join('\n'))
    const result = scan(app)
    expect(result.status).toBe(1)
    expect(result.stdout).toMatch(/FAIL HIGH CONTEXT_ISOLATION_JS_CHECK main\.js:2/)
    expect(result.stdout).toMatch(/FAIL HIGH LIMIT_NAVIGATION_GLOBAL_CHECK/)
  }, 120_000)
})
