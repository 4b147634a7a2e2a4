import { describe, expect, it } from 'vitest'
import { startTemplateDocument, useAppPage } from './browser.js'

// renderer/editor/caret-caught-up.ts: on a busy page Chromium delivers keys before the
// `selectionchange` event of a caret the browser moved, and the editor must still act where the
// caret is. The page below does in one task what a busy page does across several: the caret
// moves and Enter goes down before any `selectionchange` event can run.
const app = useAppPage({ width: 1440, height: 900 })

/** The text of the editor's `index`th section heading, without what the editor draws beside it (widgets). */
const headingText = (index: number) => app.page.evaluate((at) => {
  const element = document.querySelectorAll('.ProseMirror h2')[at]!.cloneNode(true) as Element
  for (const widget of element.querySelectorAll('[contenteditable="false"]')) widget.remove()
  return element.textContent
}, index)

describe('a key pressed before the editor has heard where the caret went', () => {
  it('acts where the caret is on the screen, not where it was', async () => {
    const { page, errors } = app
    await startTemplateDocument(app)
    // The caret in the second section's heading, seen by the editor: a real click, then a selection change.
    await page.locator('.ProseMirror h2').nth(1).click()
    await page.waitForTimeout(200)
    const [first, second] = [await headingText(0), await headingText(1)]
    expect(first).toBeTruthy()

    const prevented = await page.evaluate(() => {
      const h2 = document.querySelector('.ProseMirror h2')!
      const walker = document.createTreeWalker(h2, NodeFilter.SHOW_TEXT)
      let last: Text | null = null
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement?.closest('[contenteditable="false"]')) last = node as Text
      }
      // The browser moves the caret to the end of the first heading (as a click, or End, does) ...
      getSelection()!.collapse(last!, last!.length)
      // ... and Enter arrives before the selection change is dispatched.
      const enter = new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true })
      h2.dispatchEvent(enter)
      return enter.defaultPrevented
    })
    expect(prevented).toBe(true)
    await page.keyboard.type('Typed after Enter.')

    // Enter split the first heading at its end: both headings are as they were, and the typed
    // text is the new paragraph right after the first.
    expect([await headingText(0), await headingText(1)]).toEqual([first, second])
    const next = await page.evaluate(() => {
      const after = document.querySelector('.ProseMirror h2')!.nextElementSibling
      return after && { tag: after.tagName, text: after.textContent }
    })
    expect(next).toEqual({ tag: 'P', text: 'Typed after Enter.' })
    expect(errors).toEqual([])
  })
})
