import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MLDocError } from '../../../core/errors.js'
import { exportMarkdown } from '../../../core/markdown/index.js'
import { createYDoc } from '../../../core/yjs/doc.js'
import { encodeMLDocFile, readMLDocFile } from '../../../core/yjs/file.js'
import { readDocumentFile, readMarkdownFile, writeMLDocFile } from '../../../node/documents.js'

const MARKDOWN = '---\ntitle: Churn\nlang: en\n---\n\n# Churn\n\nPredict who leaves.\n'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mldoc-documents-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('readDocumentFile', () => {
  it('imports a Markdown file into a new Y.Doc', async () => {
    const path = join(dir, 'plan.md')
    await writeFile(path, MARKDOWN)
    const file = await readDocumentFile(path)
    expect(file.format).toBe('markdown')
    expect(file.warnings).toEqual([])
    expect(file.doc.meta.title).toBe('Churn')
    expect(file.doc.body.textContent).toContain('Predict who leaves.')
    expect(readMLDocFile(encodeMLDocFile(file.ydoc), 'x').doc.body.eq(file.doc.body)).toBe(true)
  })

  it('reads an .mldoc file written by writeMLDocFile, under any extension', async () => {
    const { doc } = await readDocumentFile(await writeText('plan.md', MARKDOWN))
    const path = join(dir, 'plan.mldoc')
    await writeMLDocFile(path, createYDoc(doc))
    const back = await readDocumentFile(path)
    expect(back.format).toBe('mldoc')
    expect(exportMarkdown(back.doc)).toBe(exportMarkdown(doc))
    const renamed = join(dir, 'plan.backup')
    await writeFile(renamed, await readFile(path))
    expect((await readDocumentFile(renamed)).format).toBe('mldoc')
  })

  it('reads a file with another extension as Markdown when it does not start with the MLDoc header', async () => {
    const file = await readDocumentFile(await writeText('README.txt', MARKDOWN))
    expect(file.format).toBe('markdown')
    expect(file.doc.meta.title).toBe('Churn')
  })

  it('drops a UTF-8 byte-order mark and refuses text that is not UTF-8, naming the file', async () => {
    const bom = join(dir, 'bom.md')
    await writeFile(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MARKDOWN)]))
    expect((await readDocumentFile(bom)).doc.meta.title).toBe('Churn')

    const latin1 = join(dir, 'latin1.md')
    await writeFile(latin1, Buffer.from('# Caf\xe9\n', 'latin1'))
    const error = await readDocumentFile(latin1).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MLDocError)
    expect((error as Error).message).toBe(`${latin1}: the file is not UTF-8 text (save it as UTF-8 and try again)`)
  })

  it('names the file when it is missing, a folder, or a damaged .mldoc', async () => {
    const missing = join(dir, 'missing.mldoc')
    await expect(readDocumentFile(missing)).rejects.toThrow(`${missing}: cannot read: the file does not exist`)
    await expect(readDocumentFile(dir)).rejects.toThrow(`${dir}: cannot read: it is a folder, not a file`)
    const foreign = await writeText('foreign.mldoc', MARKDOWN)
    await expect(readDocumentFile(foreign)).rejects.toThrow(`${foreign}: this is not an MLDoc file`)
  })
})

describe('readMarkdownFile', () => {
  it('refuses an .mldoc file and, when strict, anything kept as plain content', async () => {
    const { doc } = await readDocumentFile(await writeText('plan.md', MARKDOWN))
    const mldoc = join(dir, 'plan.md.mldoc')
    await writeMLDocFile(mldoc, createYDoc(doc))
    await expect(readMarkdownFile(mldoc)).rejects.toThrow(`${mldoc}: this is an .mldoc file, not Markdown`)

    const broken = await writeText('broken.md', `${MARKDOWN}\n<!-- mldoc:metric v1 -->\n| Metric | Recall |\n| --- | --- |\n| Colour | blue |\n`)
    const lenient = await readMarkdownFile(broken)
    expect(lenient.warnings).toEqual([{ line: 13, message: expect.stringContaining('marker on line 10') }])
    await expect(readMarkdownFile(broken, { strict: true })).rejects.toThrow(`${broken}:13: `)
  })
})

async function writeText(name: string, text: string): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, text)
  return path
}
