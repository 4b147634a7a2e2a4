import { describe, expect, it } from 'vitest'
import { startTemplateDocument, useAppPage } from './browser.js'

// The side panel keeps showing an analysis that differs from the latest in positions alone
// (renderer/panel/useAnalysis.ts); its buttons must still go where the headings are now.
const app = useAppPage({ width: 1440, height: 900 })

/** The text of the heading holding the editor's caret, or null. */
const caretHeading = () => app.page.evaluate(() => {
  const anchor = getSelection()?.anchorNode
  const element = anchor instanceof Element ? anchor : anchor?.parentElement
  return element?.closest('.ProseMirror h1, .ProseMirror h2, .ProseMirror h3')?.textContent ?? null
})

describe('the side panel after typing above its headings', () => {
  it('jumps to the heading pressed in the outline and the readiness list', async () => {
    const { page, errors } = app
    await startTemplateDocument(app)
    const links = page.locator('.outline__link')
    await expect.poll(() => links.count()).toBeGreaterThan(5)
    const shownBefore = await links.allTextContents()
    // Words typed under the first heading move every heading after it, and nothing the outline shows.
    await page.locator('.ProseMirror h2').first().click()
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await page.keyboard.type('A first paragraph, typed before the panel looks again.')
    // The analysis runs 300 ms after the last change.
    await page.waitForTimeout(1500)
    expect(await links.allTextContents()).toEqual(shownBefore)
    for (const index of [3, 1, shownBefore.length - 1]) {
      await links.nth(index).click()
      await expect.poll(caretHeading, { message: `outline entry ${index}` }).toBe(shownBefore[index])
    }
    await page.getByRole('tab', { name: /Readiness/ }).click()
    const sections = page.locator('.section-row__title')
    await expect.poll(() => sections.count()).toBeGreaterThan(3)
    const titles = await sections.allTextContents()
    await sections.nth(2).click()
    await expect.poll(caretHeading).toBe(titles[2])
    expect(errors).toEqual([])
  })
})
