import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mldoc, ensureFreshBundle, STACK_TRACE, tempFolder } from './mldoc.js'

let dir: string
let remove = (): void => undefined
let good: Uint8Array

beforeAll(() => {
  ensureFreshBundle()
  ;({ dir, remove } = tempFolder())
  expect(mldoc(['new', '--template', 'ml-engineering-document', '-o', 'good.mldoc'], dir).status).toBe(0)
  good = readFileSync(join(dir, 'good.mldoc'))
  writeFileSync(join(dir, 'picture.mldoc'), Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))
  writeFileSync(join(dir, 'picture.png'), Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0, 13]))
  writeFileSync(join(dir, 'latin1.md'), Uint8Array.from([...new TextEncoder().encode('# Caf'), 0xe9, 0x0a]))
  writeFileSync(join(dir, 'truncated.mldoc'), good.subarray(0, Math.floor(good.length / 2)))
  const flipped = good.slice()
  flipped[good.length - 20] = flipped[good.length - 20]! ^ 0x10
  writeFileSync(join(dir, 'flipped.mldoc'), flipped)
  writeFileSync(join(dir, 'bad-front-matter.md'), '---\ntitle: [unclosed\n---\n\n# Text\n')
})
afterAll(() => remove())

/** Runs a command that must fail with exit status 2, one `mldoc: ` line naming the problem, and no new file. */
function expectRefused(args: string[], message: RegExp): void {
  const before = readdirSync(dir).sort()
  const run = mldoc(args, dir)
  expect(run.status, run.stderr).toBe(2)
  expect(run.stdout).toBe('')
  expect(run.stderr).toMatch(/^mldoc: /)
  expect(run.stderr).toMatch(message)
  expect(run.stderr).not.toMatch(STACK_TRACE)
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
  expect(readdirSync(dir).sort()).toEqual(before)
}

describe('mldoc refuses bad input with exit status 2, a message and no output file', () => {
  it('a missing file', () => {
    expectRefused(['export', 'nowhere.mldoc', '-o', 'out.md'], /^mldoc: nowhere\.mldoc: cannot read: the file does not exist$/m)
    expectRefused(['lint', 'nowhere.md'], /nowhere\.md: cannot read: the file does not exist/)
    expectRefused(['import', 'nowhere.md', '-o', 'out.mldoc'], /nowhere\.md: cannot read: the file does not exist/)
    expectRefused(['merge', 'good.mldoc', 'nowhere.mldoc', '-o', 'out.mldoc'], /nowhere\.mldoc: cannot read: the file does not exist/)
  })

  it('a folder where a file should be', () => {
    expectRefused(['export', '.', '-o', 'out.md'], /^mldoc: \.: cannot read: it is a folder, not a file$/m)
  })

  it('a foreign file', () => {
    expectRefused(['export', 'picture.mldoc', '-o', 'out.md'], /picture\.mldoc: this is not an MLDoc file/)
    expectRefused(['lint', 'picture.png'], /picture\.png: the file is not UTF-8 text/)
    expectRefused(['export', 'latin1.md', '-o', 'out.md'], /latin1\.md: the file is not UTF-8 text/)
    expectRefused(['import', 'good.mldoc', '-o', 'out.mldoc'], /good\.mldoc: this is an \.mldoc file, not Markdown/)
  })

  it('a truncated .mldoc file', () => {
    expectRefused(['export', 'truncated.mldoc', '-o', 'out.md'], /truncated\.mldoc: the file is truncated/)
    expectRefused(['merge', 'good.mldoc', 'truncated.mldoc', '-o', 'out.mldoc'], /truncated\.mldoc: the file is truncated/)
  })

  it('a bit-flipped .mldoc file', () => {
    expectRefused(['lint', 'flipped.mldoc'], /flipped\.mldoc: the file is damaged: its checksum does not match/)
    expectRefused(['export', 'flipped.mldoc', '-o', 'out.md'], /flipped\.mldoc: the file is damaged/)
  })

  it('Markdown whose front matter does not parse, naming the line', () => {
    expectRefused(['import', 'bad-front-matter.md', '-o', 'out.mldoc'], /^mldoc: bad-front-matter\.md:\d+: /)
  })

  it('an unknown option', () => {
    expectRefused(['export', 'good.mldoc', '--frobnicate'], /^mldoc: export: unknown option --frobnicate \(see mldoc export --help\)$/m)
    expectRefused(['new', '-t', 'ml-engineering-document', '-x', '-o', 'out.mldoc'], /unknown option -x/)
  })

  it('a missing -o or a missing value', () => {
    expectRefused(['new', '--template', 'ml-engineering-document'], /^mldoc: new: missing -o FILE\.mldoc/)
    expectRefused(['import', 'doc.md'], /^mldoc: import: missing -o FILE\.mldoc/)
    expectRefused(['merge', 'good.mldoc', 'good.mldoc'], /^mldoc: merge: missing -o OUT\.mldoc/)
    expectRefused(['new', '--template', 'ml-engineering-document', '-o'], /^mldoc: new: option -o, --output needs a value/)
    expectRefused(['new', '-o', 'out.mldoc'], /^mldoc: new: missing --template ID/)
  })

  it('missing or extra file arguments', () => {
    expectRefused(['export'], /^mldoc: export: missing FILE/)
    expectRefused(['export', 'good.mldoc', 'other.mldoc'], /^mldoc: export: unexpected argument other\.mldoc/)
    expectRefused(['merge', 'good.mldoc', '-o', 'out.mldoc'], /^mldoc: merge: missing B\.mldoc/)
  })

  it('an output of the wrong kind', () => {
    expectRefused(['new', '-t', 'ml-engineering-document', '-o', 'plan.md'], /^mldoc: new: plan\.md must be an \.mldoc file/)
    expectRefused(['export', 'good.mldoc', '-o', 'good.mldoc'], /good\.mldoc must be a Markdown file/)
  })

  it('an unknown template or language', () => {
    expectRefused(['new', '--template', 'no-such-template', '-o', 'out.mldoc'], /there is no template "no-such-template"; available: .*ml-engineering-document/)
    expectRefused(['new', '--template', 'ml-engineering-document', '--lang', 'fr', '-o', 'out.mldoc'], /--lang must be en or uz, not "fr"/)
  })

  it('an unknown command or option before the command', () => {
    expectRefused(['frobnicate'], /^mldoc: unknown command "frobnicate" \(see mldoc --help\)$/m)
    expectRefused(['--frobnicate'], /^mldoc: unknown option --frobnicate \(see mldoc --help\)$/m)
  })

  it('an unwritable output, naming it', () => {
    expectRefused(['export', 'good.mldoc', '-o', 'missing/out.md'], /^mldoc: missing\/out\.md: cannot save: the folder missing does not exist$/m)
    expect(existsSync(join(dir, 'missing'))).toBe(false)
  })
})
