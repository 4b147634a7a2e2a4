import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron as electron, type ElectronApplication } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { emptyMeta } from '../../../core/document/meta.js'
import { HOST_METHODS } from '../../../core/host/api.js'
import { mldocSchema } from '../../../core/schema/index.js'
import { createYDoc } from '../../../core/yjs/doc.js'
import { encodeMLDocFile } from '../../../core/yjs/file.js'

/**
 * The desktop app launched for real with Playwright's Electron driver. Runs only where an
 * Electron binary is installed (on these build machines its download is blocked) and the renderer
 * is built; elsewhere it reports itself skipped, with the reason in its name.
 */

const ROOT = resolve(import.meta.dirname, '../../..')
const ELECTRON_PACKAGE = join(ROOT, 'node_modules', 'electron')

/**
 * The Electron executable, found the way the `electron` package finds it, but without its
 * fallback of downloading the binary (which `require('electron')` attempts when it is missing).
 */
function electronExecutable(): { path: string } | { missing: string } {
  const pathFile = join(ELECTRON_PACKAGE, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const executable = override ? join(override, relative ?? 'electron') : relative ? join(ELECTRON_PACKAGE, 'dist', relative) : null
  if (executable && existsSync(executable)) return { path: executable }
  return { missing: 'no Electron binary in node_modules/electron (its download needs GitHub, unreachable here)' }
}

const found = electronExecutable()
const rendererBuilt = existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))
const skipReason = 'missing' in found ? found.missing : !rendererBuilt ? 'the renderer is not built (dist/renderer/index.html)' : null
const hasElectron = skipReason === null

describe('desktop app (Electron)', () => {
  it.skipIf(!hasElectron)(
    `starts locked down, serves the host API to its page only, and opens a document from the command line${skipReason ? ` [skipped: ${skipReason}]` : ''}`,
    async () => {
      const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-electron.mjs')], { cwd: ROOT, encoding: 'utf8' })
      expect(build.status, build.stderr).toBe(0)
      const home = await mkdtemp(join(tmpdir(), 'mldoc-electron-smoke-'))
      const docPath = join(home, 'plan.mldoc')
      const body = mldocSchema().nodeFromJSON({ type: 'doc', content: [{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Plan' }] }] })
      await writeFile(docPath, encodeMLDocFile(createYDoc({ meta: { ...emptyMeta('en'), title: 'Plan' }, body })))
      let app: ElectronApplication | undefined
      try {
        app = await electron.launch({
          executablePath: (found as { path: string }).path,
          args: [ROOT, `--user-data-dir=${join(home, 'user-data')}`, docPath],
          cwd: ROOT,
          env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
          timeout: 60_000,
        })
        const page = await app.firstWindow()
        await page.waitForLoadState('domcontentloaded')
        expect(page.url()).toMatch(/^app:\/\/mldoc\/index\.html#\/open\//)

        const world = await page.evaluate(() => ({
          api: Object.keys((window as unknown as { mldoc: object }).mldoc).sort(),
          // contextBridge hands the page a frozen copy; without context isolation it would be the preload's own object.
          isolated: Object.isFrozen((window as unknown as { mldoc: object }).mldoc),
          require: typeof (window as unknown as { require?: unknown }).require,
          process: typeof (window as unknown as { process?: unknown }).process,
          csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null,
        }))
        expect(world).toMatchObject({ api: [...HOST_METHODS, 'onCloseRequest', 'onMenu'].sort(), isolated: true, require: 'undefined', process: 'undefined' })
        expect(world.csp).toContain("default-src 'self'")

        const templates = await page.evaluate(() => (window as unknown as { mldoc: { listTemplates(r: object): Promise<{ id: string }[]> } }).mldoc.listTemplates({ lang: 'en' }))
        expect(templates.map((t) => t.id)).toContain('ml-engineering-document')
        const opened = await page.evaluate((path) => (window as unknown as { mldoc: { openDocument(r: object): Promise<{ path: string }> } }).mldoc.openDocument({ path }), docPath)
        expect(opened.path).toBe(docPath)

        expect(await page.evaluate(() => window.open('https://example.com/'))).toBeNull()
        await page.evaluate(() => {
          window.location.href = 'file:///etc/hostname'
        })
        await page.waitForTimeout(500)
        expect(page.url()).toMatch(/^app:\/\/mldoc\//)
        expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
      } finally {
        // Quit without the unsaved-changes round trip: this test never edits.
        await app?.evaluate(({ app: electronApp }) => electronApp.exit(0)).catch(() => undefined)
        await app?.close().catch(() => undefined)
        await rm(home, { recursive: true, force: true })
      }
    },
    120_000,
  )
})
