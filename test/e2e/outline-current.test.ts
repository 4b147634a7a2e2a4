import { describe, expect, it } from 'vitest'
import { startTemplateDocument, useAppPage } from './browser.js'

// The outline marks the section being read (aria-current="location") as the editor scrolls,
// and keeps that entry in view in the panel.
const app = useAppPage({ width: 1440, height: 700 })

/** The outline entry marked as the section being read, or null. */
const current = () => app.page.locator('.outline__link[aria-current="location"]').allTextContents().then((texts) => texts.join(' | ') || null)

/** Scrolls the editor so that the heading with this text is at the top of its scroll area. */
async function scrollToHeading(text: string): Promise<void> {
  const exactly = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
  await app.page.locator('.ProseMirror').locator('h1, h2, h3', { hasText: exactly }).first().evaluate((heading) => heading.scrollIntoView({ block: 'start' }))
}

describe('the outline while reading', () => {
  it('marks the section at the top of the editor, following the scroll both ways, and keeps it in view', async () => {
    const { page, errors } = app
    await startTemplateDocument(app)
    const links = page.locator('.outline__link')
    await expect.poll(() => links.count()).toBeGreaterThan(20)
    const entries = await links.allTextContents()
    // Above the first heading, no section is being read yet.
    expect(await current()).toBeNull()
    const late = entries.length - 3
    for (const index of [5, late, 2]) {
      await scrollToHeading(entries[index]!)
      await expect.poll(current, { message: `after scrolling to entry ${index}` }).toBe(entries[index])
    }
    // The panel scrolled its list so the marked entry shows.
    await scrollToHeading(entries[late]!)
    await expect.poll(current).toBe(entries[late])
    const marked = page.locator('.outline__link[aria-current="location"]')
    await expect.poll(() => marked.evaluate((link) => {
      const box = link.getBoundingClientRect()
      const panel = link.closest('.panel__body')!.getBoundingClientRect()
      return box.top >= panel.top && box.bottom <= panel.bottom
    })).toBe(true)
    expect(errors).toEqual([])
  })
})
