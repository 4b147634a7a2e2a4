import { copyFile, mkdir, readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BLOCKS } from '../../core/blocks/registry.js'
import { exportMarkdown } from '../../core/markdown/index.js'
import { readMLDocFile } from '../../core/yjs/file.js'
import { launchChromium, ROOT, routeUrl, startTestHost, type TestHost } from './browser.js'

// One browser and one host for the whole file: the steps below are one person's session, in order.
let browser: Browser
let test: TestHost
let page: Page
const errors: string[] = []

beforeAll(async () => {
  ;[browser, test] = await Promise.all([launchChromium(), startTestHost()])
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  page.on('pageerror', (error) => errors.push(error.message))
  // Console errors too: a resource that failed to load (the favicon, once) is one.
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`)
  })
})

afterAll(async () => {
  await browser?.close()
  await test?.dispose()
})

/** The editable text of a field in a block. */
function field(block: Locator, name: string): Locator {
  return block.locator(`[data-field="${name}"] .mldoc-field-text`)
}

/** Puts the caret at the end of a field and types. */
async function typeInto(block: Locator, name: string, text: string): Promise<void> {
  await field(block, name).click()
  await page.keyboard.press('End')
  await page.keyboard.type(text)
}

/** Clears a field's text with Backspace. */
async function clearField(block: Locator, name: string): Promise<void> {
  const target = field(block, name)
  const length = (await target.textContent())?.length ?? 0
  await target.click()
  await page.keyboard.press('End')
  for (let i = 0; i < length; i++) await page.keyboard.press('Backspace')
}

/** Where the caret and focus are, and the document's last nodes: said when the `/` menu does not open. */
async function caretReport(): Promise<string> {
  await page.screenshot({ path: join(ROOT, 'test-results/editor-insert-menu-missing.png') }).catch(() => undefined)
  return page.evaluate(() => {
    const selection = getSelection()
    const anchor = selection?.anchorNode
    const where = anchor instanceof Element ? anchor : anchor?.parentElement
    const editor = document.querySelector('.ProseMirror')
    return JSON.stringify({
      focus: document.activeElement?.outerHTML.slice(0, 160),
      caret: `${where?.outerHTML.slice(0, 160)} @${selection?.anchorOffset}`,
      last: [...(editor?.children ?? [])].slice(-4).map((child) => child.outerHTML.slice(0, 200)),
    }, null, 1)
  })
}

function finding(rule: string): Locator {
  return page.locator(`.finding[data-rule="${rule}"]`)
}

async function savedFiles(extension: string): Promise<string[]> {
  return (await readdir(test.dir)).filter((name) => name.endsWith(extension)).sort()
}

describe('MLDoc in a browser (mldoc web, Chromium)', () => {
  let metric: Locator

  it('creates a document from the ML Engineering Document template', async () => {
    await page.goto(test.host.url)
    await page.locator('[data-template="ml-engineering-document"]').click()
    await expect.poll(() => page.url()).toContain('#/new/ml-engineering-document?lang=en')
    await page.locator('.ProseMirror').waitFor()
    expect(await page.locator('.doc-header__title').inputValue()).toBe('ML Engineering Document')
    expect(await page.locator('.ProseMirror h2').first().textContent()).toBe('Overview and motivation')
    // Section guidance is shown, never content.
    await expect.poll(() => page.locator('.section-guidance').count()).toBeGreaterThan(5)
    expect(await page.locator('[data-save-state]').getAttribute('data-save-state')).toBe('new')
    metric = page.locator('[data-block="metric"]').first()
    expect(await metric.locator('[data-attr="layer"] select').inputValue()).toBe('offline')
  })

  it('fills a metric through its form, and a lint finding appears then disappears', async () => {
    await page.getByRole('tab', { name: /Findings/ }).click()
    await expect.poll(() => finding('metric-offline-incomplete').count()).toBeGreaterThan(0)

    await typeInto(metric, 'name', 'Recall at top 10%')
    await metric.locator('[data-attr="direction"] select').selectOption('higher')
    await typeInto(metric, 'definition', 'Share of churners among the 10% of customers scored highest')
    await typeInto(metric, 'baseline', '0.31')
    await typeInto(metric, 'target', '0.25')
    const notBetter = finding('metric-target-not-better').filter({ hasText: 'Recall at top 10%' })
    await expect.poll(() => notBetter.count(), { timeout: 5000 }).toBe(1)

    await clearField(metric, 'target')
    await page.keyboard.type('0.55')
    await expect.poll(() => notBetter.count(), { timeout: 5000 }).toBe(0)
    expect(await finding('metric-offline-incomplete').filter({ hasText: 'Recall at top 10%' }).count()).toBe(0)
    expect(await field(metric, 'target').textContent()).toBe('0.55')
  })

  it('fills a tool choice from the catalog', async () => {
    const tool = page.locator('[data-block="toolChoice"]').filter({ has: page.locator('[data-attr="category"] select') }).first()
    await tool.scrollIntoViewIfNeeded()
    await tool.locator('[data-attr="category"] select').selectOption('experiment-tracking')
    await tool.getByRole('button', { name: /MLflow/ }).click()
    await expect.poll(() => field(tool, 'chosen').textContent()).toBe('MLflow')
    await typeInto(tool, 'rationale', 'Self-hosted, open source, the team knows it')
  })

  it('saves with Ctrl+S and exports Markdown equal to what core exports from the saved file', async () => {
    await page.keyboard.press('Control+s')
    await expect.poll(() => savedFiles('.mldoc')).toEqual(['ml-engineering-document.mldoc'])
    await expect.poll(() => page.locator('[data-save-state]').getAttribute('data-save-state')).toBe('saved')
    expect(page.url()).toContain('#/open/ml-engineering-document.mldoc')

    await page.getByRole('button', { name: 'Export Markdown' }).click()
    await expect.poll(() => savedFiles('.md')).toEqual(['ml-engineering-document.md'])
    const markdown = await readFile(join(test.dir, 'ml-engineering-document.md'), 'utf8')
    const saved = readMLDocFile(await readFile(join(test.dir, 'ml-engineering-document.mldoc')), 'saved file')
    expect(markdown).toBe(exportMarkdown(saved.doc))
    expect(markdown).toContain('| Metric | Recall at top 10% |')
    expect(markdown).toContain('| Direction | higher is better |')
    expect(markdown).toContain('| Target | 0.55 |')
    expect(markdown).toContain('| Tool | MLflow |')
    expect(markdown.startsWith('---\ntitle: ML Engineering Document\n')).toBe(true)
  })

  // When the autosave fires (a second after the first unsaved edit) is checked in test/dom/session.test.ts;
  // under load, typing here can take longer than that, so the state right after it may be any of them.
  it('autosaves what was typed without being asked', async () => {
    await typeInto(metric, 'owner', 'Data Scientist')
    await expect.poll(() => page.locator('[data-save-state]').getAttribute('data-save-state'), { timeout: 5000 }).toBe('saved')
    const saved = readMLDocFile(await readFile(join(test.dir, 'ml-engineering-document.mldoc')), 'saved file')
    expect(exportMarkdown(saved.doc)).toContain('| Owner | Data Scientist |')
  })

  // Typing without a pause is saved every second. The title bar says "Saving…" throughout, not
  // "Unsaved changes" and "Saving…" in turn, and writes its element only when what it says changes.
  it('keeps one save state while someone types through several autosaves', async () => {
    await page.evaluate(() => {
      const status = document.querySelector('[data-save-state]')!
      const seen: string[] = []
      ;(window as unknown as { saveStates: string[] }).saveStates = seen
      new MutationObserver(() => seen.push(`${status.getAttribute('data-save-state')}: ${status.textContent}`))
        .observe(status, { attributes: true, childList: true, characterData: true, subtree: true })
    })
    await field(metric, 'owner').click()
    await page.keyboard.press('End')
    await page.keyboard.type(', with the ML platform team on call every other week', { delay: 60 })
    await expect.poll(() => page.locator('[data-save-state]').getAttribute('data-save-state'), { timeout: 5000 }).toBe('saved')
    const seen = await page.evaluate(() => (window as unknown as { saveStates: string[] }).saveStates)
    expect(seen.filter((state) => state.startsWith('saving'))).not.toHaveLength(0)
    expect(seen.filter((state) => !state.startsWith('saving') && !state.startsWith('saved'))).toEqual([])
    for (let i = 1; i < seen.length; i++) expect(seen[i]).not.toBe(seen[i - 1])
    const saved = readMLDocFile(await readFile(join(test.dir, 'ml-engineering-document.mldoc')), 'saved file')
    expect(exportMarkdown(saved.doc)).toContain('| Owner | Data Scientist, with the ML platform team on call every other week |')
  })

  it('finds text in the document with Ctrl+F', async () => {
    await page.keyboard.press('Control+f')
    const find = page.getByRole('search').getByLabel('Find in document')
    await find.fill('recall AT top')
    await expect.poll(() => page.locator('.find-bar__count').textContent()).toBe('1 of 1')
    expect(await page.locator('.ProseMirror .find-match--current').textContent()).toBe('Recall at top')
    await find.fill('Metric')
    await expect.poll(() => page.locator('.ProseMirror .find-match').count()).toBeGreaterThan(3)
    await page.keyboard.press('Escape')
    expect(await page.getByRole('search').count()).toBe(0)
    expect(await page.locator('.ProseMirror .find-match').count()).toBe(0)
  })

  it('reopens the saved file with the same content', async () => {
    const again = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    try {
      await again.goto(routeUrl(test.host, '/open/ml-engineering-document.mldoc'))
      const reopened = again.locator('[data-block="metric"]').first()
      await expect.poll(() => field(reopened, 'name').textContent()).toBe('Recall at top 10%')
      expect(await field(reopened, 'target').textContent()).toBe('0.55')
      expect(await reopened.locator('[data-attr="direction"] select').inputValue()).toBe('higher')
      // Far down the document: drawn with its view once the page is idle (see renderer/blocks/stand-ins.ts).
      await expect.poll(() => again.locator('[data-block="toolChoice"] [data-field="chosen"] .mldoc-field-text').allTextContents()).toContain('MLflow')
      expect(await again.locator('[data-save-state]').getAttribute('data-save-state')).toBe('saved')
    } finally {
      await again.close()
    }
  })

  it('switches the interface to Uzbek, and keeps the choice', async () => {
    await page.getByRole('button', { name: 'Settings' }).click()
    await page.getByLabel('Interface language').selectOption('uz')
    await page.getByRole('button', { name: 'Yopish' }).click()
    await expect.poll(() => page.getByRole('button', { name: 'Saqlash' }).count()).toBe(1)
    expect(await page.getByRole('tab', { name: /Topilmalar/ }).count()).toBe(1)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('uz')
    expect(JSON.parse(await readFile(test.settingsFile, 'utf8')).uiLang).toBe('uz')
  })

  it('follows the theme setting, and labels every control for assistive technology', async () => {
    await page.getByRole('button', { name: 'Sozlamalar' }).click()
    await page.getByLabel('Interfeys tili').selectOption('en')
    await page.getByLabel('Theme').selectOption('dark')
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await page.getByLabel('Theme').selectOption('light')
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light')
    await page.getByRole('button', { name: 'Close' }).click()

    const unnamed = await page.evaluate(() => {
      const named = (el: Element) => {
        const labelled = el.getAttribute('aria-labelledby')
        const byId = labelled ? labelled.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join('') : ''
        const labels = 'labels' in el ? [...((el as HTMLInputElement).labels ?? [])].map((l) => l.textContent ?? '').join('') : ''
        return (el.getAttribute('aria-label') ?? '') + byId + labels + (el.tagName === 'BUTTON' || el.getAttribute('role') === 'tab' ? el.textContent ?? '' : '')
      }
      return [...document.querySelectorAll('button, input, select, textarea, [role="tab"], [role="textbox"]')]
        .filter((el) => !el.closest('[hidden]') && named(el).trim() === '')
        .map((el) => el.outerHTML.slice(0, 120))
    })
    expect(unnamed).toEqual([])
  })

  it('inserts every structured block from the / menu', async () => {

    const before = Object.fromEntries(await Promise.all(BLOCKS.map(async ({ spec }) => [spec.type, await page.locator(`[data-block="${spec.type}"]`).count()] as const)))
    // A fresh line at the very end of the document.
    await page.locator('.ProseMirror').evaluate((element) => element.scrollIntoView({ block: 'end' }))
    await page.locator('.ProseMirror > :last-child').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.press('Enter')
    await page.keyboard.type('## Every block')
    await page.keyboard.press('Enter')
    for (const { spec } of BLOCKS) {
      await page.keyboard.type('/')
      const menu = page.getByRole('listbox', { name: 'Insert' })
      await menu.waitFor({ timeout: 10_000 }).catch(async (error: Error) => {
        throw new Error(`${error.message}\nbefore ${spec.type}, caret and focus: ${await caretReport()}`)
      })
      expect(await menu.getByRole('option').count()).toBeGreaterThanOrEqual(BLOCKS.length)
      await page.keyboard.type(spec.label.en.split(' ')[0]!)
      await expect.poll(() => menu.locator('[aria-selected="true"]').getAttribute('data-item')).toBe(spec.type)
      await page.keyboard.press('Enter')
      await expect.poll(() => page.locator(`[data-block="${spec.type}"]`).count()).toBe(before[spec.type]! + 1)
      // The caret is in the new block; the empty line under it comes next.
      await page.keyboard.press('Control+End')
    }
  }, 60_000)

  it('saves a screenshot of the editor with every block type', async () => {
    await page.getByRole('tab', { name: /Findings/ }).click()
    const heading = page.locator('.ProseMirror h2', { hasText: 'Every block' })
    const blocks = await page.locator('.ProseMirror > [data-block]').count()
    expect(blocks).toBeGreaterThanOrEqual(BLOCKS.length)
    await page.setViewportSize({ width: 1440, height: 4600 })
    await heading.evaluate((element) => element.scrollIntoView({ block: 'start' }))
    await mkdir(join(ROOT, 'test-results'), { recursive: true })
    await page.screenshot({ path: join(ROOT, 'test-results/editor-all-blocks.png') })

    await page.setViewportSize({ width: 1440, height: 900 })
    const filled = page.locator('[data-block="metric"]').first()
    await filled.evaluate((element) => element.scrollIntoView({ block: 'start' }))
    await page.locator('.page-scroll').evaluate((element) => element.scrollBy(0, -140))
    await page.screenshot({ path: join(ROOT, 'test-results/editor.png') })
    // The README's picture is refreshed on request only, so a test run never edits tracked files.
    if (process.env.MLDOC_UPDATE_SCREENSHOT === '1') await copyFile(join(ROOT, 'test-results/editor.png'), join(ROOT, 'docs/screenshot.png'))
    expect(errors).toEqual([])
  })
})
