import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyMeta } from '../../core/document/meta.js'
import { mldocSchema } from '../../core/schema/index.js'
import { BODY_FRAGMENT, createYDoc } from '../../core/yjs/doc.js'
import { encodeMLDocFile } from '../../core/yjs/file.js'
import { launchChromium, routeUrl, startTestHost, type TestHost } from './browser.js'

// Opening a file MLDoc cannot show, in the real app in Chromium: the host checks only that an
// .mldoc file is whole; the editor's session checks the document inside. Either way the window
// says what is wrong with which file, shows no editor, and writes nothing.
let browser: Browser
let test: TestHost
let page: Page

beforeAll(async () => {
  ;[browser, test] = await Promise.all([launchChromium(), startTestHost()])
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
})
afterAll(async () => {
  await browser?.close()
  await test?.dispose()
})

const body = mldocSchema().nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Churn model' }] }] })

/** Files that each fail in their own way, by name, with what the window must say. */
function refusedFiles(): { name: string; bytes: Uint8Array; says: RegExp }[] {
  // A document from a newer MLDoc: a block type this one does not know.
  const newer = createYDoc({ meta: { ...emptyMeta(), title: 'Newer' }, body })
  newer.getXmlFragment(BODY_FRAGMENT).insert(1, [new Y.XmlElement('videoBlock')])
  // A paragraph inside a paragraph: no editor makes that.
  const nested = createYDoc({ meta: emptyMeta(), body })
  ;(nested.getXmlFragment(BODY_FRAGMENT).get(0) as Y.XmlElement).insert(0, [new Y.XmlElement('paragraph')])
  const damaged = encodeMLDocFile(createYDoc({ meta: emptyMeta(), body }))
  damaged[damaged.length - 1]! ^= 0xff
  return [
    { name: 'newer.mldoc', bytes: encodeMLDocFile(newer), says: /newer\.mldoc.*does not fit MLDoc's schema.*videoBlock/s },
    { name: 'nested.mldoc', bytes: encodeMLDocFile(nested), says: /nested\.mldoc.*"paragraph" cannot hold a "paragraph"/s },
    { name: 'damaged.mldoc', bytes: damaged, says: /damaged\.mldoc.*checksum/s },
  ]
}

describe('opening a file MLDoc cannot show', () => {
  it('says what is wrong with which file, shows no editor, and leaves the file as it was', async () => {
    const files = refusedFiles()
    for (const file of files) await writeFile(join(test.dir, file.name), file.bytes)
    for (const file of files) {
      await page.goto(routeUrl(test.host, `/open/${file.name}`))
      const alert = page.getByRole('alert')
      await alert.waitFor()
      expect(await alert.getByRole('heading').textContent(), file.name).toBe('This document cannot be opened')
      expect(await alert.textContent(), file.name).toMatch(file.says)
      expect(await page.locator('.ProseMirror').count(), file.name).toBe(0)
    }
    // Longer than the autosave delay: nothing was saved over any file, and no file was added.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    for (const file of files) expect(Buffer.from(await readFile(join(test.dir, file.name))).equals(Buffer.from(file.bytes)), file.name).toBe(true)
    expect((await readdir(test.dir)).sort()).toEqual(files.map((file) => file.name).sort())
  })
})
