import type { Browser, Page } from 'playwright-core'
import { addOpenProbe, waitEditable } from './probes.js'

/** A desktop window: what the app is laid out for. */
const VIEWPORT = { width: 1440, height: 900 }

/**
 * Opens a page at an address with the open probe and waits until the whole document
 * (`topLevelNodes` top-level nodes) is editable. Page errors are collected into `errors`.
 */
export async function openEditor(browser: Browser, url: string, topLevelNodes: number, errors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT })
  page.on('pageerror', (error) => errors.push(error.message))
  await addOpenProbe(page, topLevelNodes)
  await page.goto(url)
  await waitEditable(page, 120_000)
  return page
}
