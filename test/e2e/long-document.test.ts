import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateDocument } from '../../bench/documents/generate.js'
import { createYDoc } from '../../core/yjs/doc.js'
import { encodeMLDocFile } from '../../core/yjs/file.js'
import { routeUrl, useAppPage } from './browser.js'

// A long document in the real app in Chromium: it opens with the views of the nodes beyond its
// first screens drawn as stand-ins (`renderer/blocks/stand-ins.ts`), which are redrawn with their
// views before anyone sees them; and a change to one top-level node restyles that node, not the
// whole document.
const app = useAppPage({ width: 1440, height: 900 })

/** 30 sections: 600 paragraphs, 60 tables, 150 task items and 30 blocks. */
const doc = generateDocument({ scale: 1, sections: 30 })

/** How many nodes of each kind with a view the document holds. */
function withViews() {
  const found = { fields: 0, tasks: 0, criteria: 0 }
  doc.body.descendants((node) => {
    if (node.type.name === 'blockField') found.fields++
    else if (node.type.name === 'taskItem') found.tasks++
    else if (node.type.name === 'maturityCriterion') found.criteria++
    return true
  })
  return found
}

/** The nodes drawn with their views on the page. */
const drawnWithViews = () =>
  app.page.evaluate(() => ({
    fields: document.querySelectorAll('.ProseMirror .node-blockField').length,
    tasks: document.querySelectorAll('.ProseMirror li[data-type="taskItem"] input[aria-label]').length,
    criteria: document.querySelectorAll('.ProseMirror .mldoc-criterion').length,
  }))

describe('a long document', () => {
  it('opens with every node, and draws the views of the far ones as they come near and while the page is idle', async () => {
    const { page, test, errors } = app
    await writeFile(join(test.dir, 'long.mldoc'), encodeMLDocFile(createYDoc(doc)))
    await page.goto(routeUrl(test.host, '/open/long.mldoc'))
    const editor = page.locator('.ProseMirror[contenteditable="true"]')
    await editor.waitFor()
    // Right away: every top-level node, and the last block within reach of its fields' labels
    // once it is scrolled to, before the page has been idle.
    expect(await editor.evaluate((element) => element.childElementCount)).toBe(doc.body.childCount)
    const lastBlock = page.locator('.ProseMirror > [data-block]').last()
    await page.locator('.page-scroll').evaluate((scroller) => scroller.scrollTo({ top: scroller.scrollHeight }))
    await expect.poll(() => lastBlock.locator('.node-blockField').count(), { timeout: 2000 }).toBeGreaterThan(0)
    // Soon every node has its view.
    await expect.poll(drawnWithViews, { timeout: 5000 }).toEqual(withViews())
    expect(await editor.evaluate((element) => element.childElementCount)).toBe(doc.body.childCount)
    expect(errors).toEqual([])
  })

  it('restyles only the new paragraph and its neighbours when Enter adds one', async () => {
    const { page } = app
    const middle = page.locator('.ProseMirror > p').nth(300)
    await middle.scrollIntoViewIfNeeded()
    await middle.click()
    await page.keyboard.press('End')
    const cdp = await page.context().newCDPSession(page)
    const events: { name: string; args?: { elementCount?: number } }[] = []
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as typeof events)))
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
    await cdp.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' })
    await page.keyboard.press('Enter')
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
    await cdp.send('Tracing.end')
    await complete
    await cdp.detach()
    const restyled = events.filter((event) => event.name === 'UpdateLayoutTree').reduce((sum, event) => sum + (event.args?.elementCount ?? 0), 0)
    expect(await page.locator('.ProseMirror').evaluate((element) => element.childElementCount)).toBe(doc.body.childCount + 1)
    // The document has 1,200 top-level nodes; before the stylesheet lost its sibling rule on
    // them, adding one restyled every one.
    expect(restyled).toBeGreaterThan(0)
    expect(restyled).toBeLessThan(100)
  })
})
