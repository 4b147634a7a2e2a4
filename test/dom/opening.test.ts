// @vitest-environment jsdom
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HostApi } from '../../core/host/api.js'
import { emptyMeta } from '../../core/document/meta.js'
import { mldocSchema } from '../../core/schema/index.js'
import { createYDoc, readMeta } from '../../core/yjs/doc.js'
import { encodeMLDocFile } from '../../core/yjs/file.js'
import { folderHost } from '../../node/web/folder-host.js'
import { openDocumentEarly, openSessionFor } from '../../renderer/document/opening.js'

// The document the start address names is opened once, early, and handed to the screen that asks
// for that route; the real browser-mode host reads real files, and counts what it is asked.
let dir: string
let host: HostApi
let asked: string[]

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mldoc-opening-'))
  const real = folderHost({ dir, settingsFile: join(dir, '.settings.json') })
  asked = []
  host = { ...real, openDocument: (request) => (asked.push(request.path ?? ''), real.openDocument(request)) }
  const body = mldocSchema().nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph' }] })
  for (const title of ['Churn', 'Fraud']) await writeFile(join(dir, `${title.toLowerCase()}.mldoc`), encodeMLDocFile(createYDoc({ meta: { ...emptyMeta(), title }, body })))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('opening the document of the start address', () => {
  it('asks the host once and hands the screen that session, once', async () => {
    openDocumentEarly(host, { kind: 'open', file: 'churn.mldoc' })
    const session = (await openSessionFor(host, { kind: 'open', file: 'churn.mldoc' }))!
    expect(readMeta(session.ydoc).title).toBe('Churn')
    expect(asked).toEqual(['churn.mldoc'])
    const again = (await openSessionFor(host, { kind: 'open', file: 'churn.mldoc' }))!
    expect(again).not.toBe(session)
    expect(asked).toEqual(['churn.mldoc', 'churn.mldoc'])
    session.dispose()
    again.dispose()
  })

  it('opens what another route names instead of the early document', async () => {
    openDocumentEarly(host, { kind: 'open', file: 'churn.mldoc' })
    const session = (await openSessionFor(host, { kind: 'open', file: 'fraud.mldoc' }))!
    expect(readMeta(session.ydoc).title).toBe('Fraud')
    session.dispose()
  })

  it('hands the screen the error of a document that cannot open', async () => {
    await writeFile(join(dir, 'broken.mldoc'), 'MLDOC\nnot a document')
    openDocumentEarly(host, { kind: 'open', file: 'broken.mldoc' })
    await expect(openSessionFor(host, { kind: 'open', file: 'broken.mldoc' })).rejects.toThrow(/broken\.mldoc/)
  })
})
