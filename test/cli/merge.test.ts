import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BODY_FRAGMENT, readMeta, writeMeta } from '../../core/yjs/doc.js'
import { encodeMLDocFile, readMLDocFile } from '../../core/yjs/file.js'
import { mldoc, ensureFreshBundle, STACK_TRACE, tempFolder } from './mldoc.js'

let dir: string
let remove = (): void => undefined
beforeAll(ensureFreshBundle)
beforeEach(() => ({ dir, remove } = tempFolder()))
afterEach(() => remove())

/** Every text node of the body, in document order. */
function texts(ydoc: Y.Doc): Y.XmlText[] {
  const out: Y.XmlText[] = []
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) out.push(child)
      else if (child instanceof Y.XmlElement) walk(child)
    }
  }
  walk(ydoc.getXmlFragment(BODY_FRAGMENT))
  return out
}

/** Opens an .mldoc file in the test, edits its Y.Doc as an offline editor would, and saves it. */
function editOffline(path: string, edit: (ydoc: Y.Doc) => void): void {
  const { ydoc } = readMLDocFile(readFileSync(path), path)
  edit(ydoc)
  writeFileSync(path, encodeMLDocFile(ydoc))
}

describe('mldoc merge', () => {
  it('merges two offline-edited copies of one document, keeping both edits', () => {
    expect(mldoc(['new', '--template', 'ml-engineering-document', '-o', 'plan.mldoc'], dir).status).toBe(0)
    copyFileSync(join(dir, 'plan.mldoc'), join(dir, 'alice.mldoc'))
    copyFileSync(join(dir, 'plan.mldoc'), join(dir, 'bob.mldoc'))
    editOffline(join(dir, 'alice.mldoc'), (ydoc) => {
      texts(ydoc)[0]!.insert(0, 'Alice was here ')
      writeMeta(ydoc, { ...readMeta(ydoc), authors: ['Alice'] })
    })
    editOffline(join(dir, 'bob.mldoc'), (ydoc) => {
      const last = texts(ydoc).at(-1)!
      last.insert(last.length, ' and Bob too')
      writeMeta(ydoc, { ...readMeta(ydoc), reviewers: ['Bob'] })
    })

    const run = mldoc(['merge', 'alice.mldoc', 'bob.mldoc', '-o', 'merged.mldoc'], dir)
    expect(run).toMatchObject({ status: 0, stdout: '' })
    expect(run.stderr).toBe('Merged alice.mldoc and bob.mldoc into merged.mldoc\n')
    const { ydoc, doc } = readMLDocFile(readFileSync(join(dir, 'merged.mldoc')), 'merged.mldoc')
    expect(doc.meta.authors).toEqual(['Alice'])
    expect(doc.meta.reviewers).toEqual(['Bob'])
    expect(texts(ydoc)[0]!.toString()).toMatch(/^Alice was here /)
    expect(texts(ydoc).at(-1)!.toString()).toMatch(/ and Bob too$/)
    const markdown = mldoc(['export', 'merged.mldoc'], dir).stdout
    expect(markdown).toContain('Alice was here ')
    expect(markdown).toContain(' and Bob too')

    // Merging into one of the inputs is allowed: it only gains the other side's edits.
    expect(mldoc(['merge', 'alice.mldoc', 'bob.mldoc', '-o', 'alice.mldoc'], dir).status).toBe(0)
    expect(mldoc(['export', 'alice.mldoc'], dir).stdout).toBe(markdown)
  })

  it('refuses two separate documents unless --force, and Markdown inputs', () => {
    expect(mldoc(['new', '-t', 'ml-engineering-document', '-o', 'one.mldoc'], dir).status).toBe(0)
    expect(mldoc(['new', '-t', 'ml-engineering-document', '-o', 'two.mldoc'], dir).status).toBe(0)
    const separate = mldoc(['merge', 'one.mldoc', 'two.mldoc', '-o', 'out.mldoc'], dir)
    expect(separate.status).toBe(2)
    expect(separate.stderr).toMatch(/^mldoc: one\.mldoc and two\.mldoc are two separate documents, not copies of one/)
    expect(separate.stderr).not.toMatch(STACK_TRACE)
    expect(existsSync(join(dir, 'out.mldoc'))).toBe(false)

    expect(mldoc(['merge', 'one.mldoc', 'two.mldoc', '-o', 'out.mldoc', '--force'], dir).status).toBe(0)
    const one = readMLDocFile(readFileSync(join(dir, 'one.mldoc')), 'one.mldoc').doc
    const both = readMLDocFile(readFileSync(join(dir, 'out.mldoc')), 'out.mldoc').doc
    expect(both.body.childCount).toBe(2 * one.body.childCount)

    writeFileSync(join(dir, 'one.md'), mldoc(['export', 'one.mldoc'], dir).stdout)
    const markdown = mldoc(['merge', 'one.mldoc', 'one.md', '-o', 'md.mldoc'], dir)
    expect(markdown.status).toBe(2)
    expect(markdown.stderr).toMatch(/^mldoc: one\.md: merge needs \.mldoc files/)
    expect(existsSync(join(dir, 'md.mldoc'))).toBe(false)
  })
})
