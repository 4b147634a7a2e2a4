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
/** Errors the page threw, for the report of a failure. */
const pageErrors: string[] = []

beforeAll(async () => {
  ;[browser, test] = await Promise.all([launchChromium(), startTestHost()])
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  cdp = await page.context().newCDPSession(page)
  page.on('pageerror', (error) => pageErrors.push(error.message))
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
    // The rounds start once the editor has taken the caret to the end. Keys sent a millisecond after
    // Control+End (no person is that fast) sometimes reached ProseMirror before it had read the
    // selection Chromium moved, and went where the click had put the caret.
    await page.waitForFunction(() => {
      const editor = (document.querySelector('.ProseMirror') as unknown as { editor?: { state: { doc: { content: { size: number } }; selection: { to: number } } } } | null)?.editor
      return editor !== undefined && editor.state.doc.content.size - editor.state.selection.to <= 2
    })
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
    // Where the letters went when they are not there: the end of the document, and what has the focus.
    const report = await page.evaluate(() => {
      const editor = document.querySelector('.ProseMirror')
      const end = [...(editor?.children ?? [])].slice(-4).map((child) => `<${child.tagName.toLowerCase()}> ${(child.textContent ?? '').slice(0, 40)}`)
      return `editors: ${document.querySelectorAll('.ProseMirror').length}; focus: ${document.activeElement?.tagName} ${document.activeElement?.className}; address: ${location.hash}; end: ${end.join(' | ')}`
    }) + `; page errors: ${pageErrors.join(' | ') || 'none'}`
    expect(lines, report).toEqual(Array.from({ length: rounds }, () => 'xy'))
  })
})
