import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page, type ViewportSize } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { startWebHost, type WebHost } from '../../node/web/server.js'

/** Debian's Chromium (or `CHROMIUM_PATH`): Playwright's own browser download does not work here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Flags that keep Chromium headless, offline and quiet on a CI machine (see ENVIRONMENT.md). */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
]

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..')
/** The built renderer the web host serves (`npm run build:renderer`, run by `npm test`). */
export const RENDERER_DIR = join(ROOT, 'dist/renderer')

/** Launches Chromium, failing with what to do when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`)
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
}

/** A browser-mode host on a fresh documents folder, with its settings file inside the temp folder. */
export interface TestHost {
  readonly host: WebHost
  /** The documents folder. */
  readonly dir: string
  readonly settingsFile: string
  /** Stops the host and removes the temp folder. */
  dispose(): Promise<void>
}

/** Starts the real web host (built renderer, real templates) on a temp folder. */
export async function startTestHost(): Promise<TestHost> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('dist/renderer is not built: run npm run build:renderer (npm test does)')
  const base = await mkdtemp(join(tmpdir(), 'mldoc-e2e-'))
  const dir = join(base, 'docs')
  await mkdir(dir)
  const settingsFile = join(base, 'settings.json')
  const host = await startWebHost({ dir, settingsFile, rendererDir: RENDERER_DIR })
  return {
    host,
    dir,
    settingsFile,
    async dispose() {
      await host.close()
      await rm(base, { recursive: true, force: true })
    },
  }
}

/** The address of a route with the session token: `#/new/...?lang=en&token=...`. */
export function routeUrl(host: WebHost, route: string): string {
  return `${host.origin}/#${route}${route.includes('?') ? '&' : '?'}token=${host.token}`
}

/** One page of the app for a test file: Chromium, a test host, and what the page threw. */
export interface AppPage {
  readonly browser: Browser
  readonly test: TestHost
  readonly page: Page
  /** Errors the page threw, in order. */
  readonly errors: string[]
}

/**
 * Starts Chromium and a test host before the file's tests, with one page (`viewport`, or
 * Playwright's default) that collects what it throws and gives up on an action after 15 s, and
 * stops both after them. The fields are there once the tests run.
 */
export function useAppPage(viewport?: ViewportSize): AppPage {
  const app = { errors: [] as string[] } as { browser: Browser; test: TestHost; page: Page; errors: string[] }
  beforeAll(async () => {
    ;[app.browser, app.test] = await Promise.all([launchChromium(), startTestHost()])
    app.page = await app.browser.newPage(viewport ? { viewport } : {})
    // A stuck action fails with Playwright's words (which locator, waiting for what) before the test's own time runs out.
    app.page.setDefaultTimeout(15_000)
    app.page.on('pageerror', (error) => app.errors.push(error.message))
  })
  afterAll(async () => {
    await app.browser?.close()
    await app.test?.dispose()
  })
  return app
}

/** Opens the app's start screen, starts an ML Engineering Document from its template and waits for the editor. */
export async function startTemplateDocument({ page, test }: AppPage): Promise<void> {
  await page.goto(test.host.url)
  await page.locator('[data-template="ml-engineering-document"]').click()
  await page.locator('.ProseMirror').waitFor()
}
