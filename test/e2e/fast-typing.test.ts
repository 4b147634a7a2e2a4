import type { Browser, CDPSession, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, startTestHost, type TestHost } from './browser.js'

// Keys that reach the editor faster than Chromium draws frames: a fast typist, key repeat, or a
// busy machine. Chromium lays out a new line only at the next frame, and (with the stylesheet's
// `content-visibility: auto`) reported the caret of a key typed before then at the start of the
// new line or in the line before: letters landed out of order. About 1 round in 20 did so.

let browser: Browser
let test: TestHost
let page: Page
let cdp: CDPSession

beforeAll(async () => {
  ;[browser, test] = await Promise.all([launchChromium(), startTestHost()])
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  cdp = await page.context().newCDPSession(page)
})

afterAll(async () => {
  await browser?.close()
  await test?.dispose()
})

/** One key event sent straight to Chromium, not waiting for anything the page does. */
function key(type: 'keyDown' | 'keyUp', name: string, code: string, keyCode: number, text?: string): Promise<unknown> {
  return cdp.send('Input.dispatchKeyEvent', { type, key: name, code, windowsVirtualKeyCode: keyCode, text, unmodifiedText: text })
}

describe('typing right after Enter, faster than frames are drawn', () => {
  it('puts every letter on the new line, in order', async () => {
    await page.goto(test.host.url)
    await page.locator('[data-template="ml-engineering-document"]').click()
    await page.locator('.ProseMirror').waitFor()
    await page.locator('.ProseMirror').evaluate((element) => element.scrollIntoView({ block: 'end' }))
    await page.locator('.ProseMirror h2').last().click()
    await page.keyboard.press('Control+End')
    const rounds = 60
    for (let i = 0; i < rounds; i++) {
      // Sent together: Enter, then two letters, before the page has drawn the new line.
      await Promise.all([
        key('keyDown', 'Enter', 'Enter', 13, '\r'), key('keyUp', 'Enter', 'Enter', 13),
        key('keyDown', 'x', 'KeyX', 88, 'x'), key('keyUp', 'x', 'KeyX', 88),
        key('keyDown', 'y', 'KeyY', 89, 'y'), key('keyUp', 'y', 'KeyY', 89),
      ])
      await page.waitForTimeout(30)
    }
    const lines = await page.locator('.ProseMirror > p').evaluateAll((paragraphs, n) => paragraphs.slice(-n).map((p) => p.textContent), rounds)
    expect(lines).toEqual(Array.from({ length: rounds }, () => 'xy'))
  })
})
