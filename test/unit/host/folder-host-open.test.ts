import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyMeta } from '../../../core/document/meta.js'
import { mldocSchema } from '../../../core/schema/index.js'
import { BODY_FRAGMENT, createYDoc } from '../../../core/yjs/doc.js'
import { crc32 } from '../../../core/yjs/crc32.js'
import { encodeMLDocFile, readMLDocFile } from '../../../core/yjs/file.js'
import { folderHost } from '../../../node/web/folder-host.js'

// Opening a document in browser mode: an .mldoc file's bytes go to the renderer as they are on
// disk (no decoding and encoding again on the way), once they are checked.
let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mldoc-open-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** An .mldoc file as MLDoc's first format wrote it: a 16-byte header and the Yjs state (V2) uncompressed. */
function formatOne(ydoc: Y.Doc): Uint8Array {
  const state = Y.encodeStateAsUpdateV2(ydoc)
  const out = new Uint8Array(16 + state.length)
  out.set(new TextEncoder().encode('MLDOC\n'), 0)
  out[6] = 1
  const view = new DataView(out.buffer)
  view.setUint32(8, state.length)
  view.setUint32(12, crc32(state))
  out.set(state, 16)
  return out
}

const body = mldocSchema().nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] }] })

describe('folderHost().openDocument', () => {
  it('sends an .mldoc file\'s bytes unchanged, also a file of format 1 (which a re-encoding would turn into another)', async () => {
    const ydoc = createYDoc({ meta: { ...emptyMeta(), title: 'Churn' }, body })
    await writeFile(join(dir, 'churn.mldoc'), encodeMLDocFile(ydoc))
    await writeFile(join(dir, 'old.mldoc'), formatOne(ydoc))
    const host = folderHost({ dir, settingsFile: join(dir, '.settings.json') })
    for (const name of ['churn', 'old']) {
      const opened = (await host.openDocument({ path: `${name}.mldoc` }))!
      expect(opened.path).toBe(`${name}.mldoc`)
      expect(opened.name).toBe(name)
      expect(Buffer.from(opened.state).equals(await readFile(join(dir, `${name}.mldoc`))), name).toBe(true)
      expect(readMLDocFile(opened.state, 'sent').doc.meta.title).toBe('Churn')
    }
  })

  it('still refuses a damaged or truncated file, naming it', async () => {
    const host = folderHost({ dir, settingsFile: join(dir, '.settings.json') })
    const bytes = encodeMLDocFile(createYDoc({ meta: emptyMeta(), body }))
    await writeFile(join(dir, 'truncated.mldoc'), bytes.subarray(0, bytes.length - 5))
    bytes[bytes.length - 1]! ^= 0xff
    await writeFile(join(dir, 'damaged.mldoc'), bytes)
    await expect(host.openDocument({ path: 'damaged.mldoc' })).rejects.toThrow(/damaged\.mldoc.*(damaged|checksum)|checksum.*damaged\.mldoc/s)
    await expect(host.openDocument({ path: 'truncated.mldoc' })).rejects.toThrow(/truncated\.mldoc.*truncated/s)
    await expect(host.openDocument({ path: 'missing.mldoc' })).rejects.toThrow(/missing\.mldoc/)
  })

  it('leaves the check of the document inside a whole file to the editor that decodes it', async () => {
    // The session refuses this body (test/dom/session.test.ts); decoding it here as well doubled
    // the host's part of a cold open.
    const foreign = new Y.Doc()
    foreign.getXmlFragment(BODY_FRAGMENT).insert(0, [new Y.XmlElement('video')])
    const bytes = encodeMLDocFile(foreign)
    await writeFile(join(dir, 'foreign.mldoc'), bytes)
    const opened = (await folderHost({ dir, settingsFile: join(dir, '.settings.json') }).openDocument({ path: 'foreign.mldoc' }))!
    expect(Buffer.from(opened.state).equals(Buffer.from(bytes))).toBe(true)
    expect(() => readMLDocFile(opened.state, 'foreign.mldoc')).toThrow(/foreign\.mldoc.*does not fit MLDoc's schema/s)
  })

  it('imports a Markdown file into a new document without a file of its own', async () => {
    await writeFile(join(dir, 'notes.md'), '# Notes\n\nHello\n')
    const opened = (await folderHost({ dir, settingsFile: join(dir, '.settings.json') }).openDocument({ path: 'notes.md' }))!
    expect(opened.path).toBeNull()
    expect(readMLDocFile(opened.state, 'sent').doc.body.textContent).toContain('Hello')
  })
})
