import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { readMLDocFile } from '../../core/yjs/file.js'
import { mldoc, ensureFreshBundle, ROOT, tempFolder } from './mldoc.js'

const TEMPLATE = 'ml-engineering-document'
let dir: string
let remove = (): void => undefined
beforeAll(ensureFreshBundle)
beforeEach(() => ({ dir, remove } = tempFolder()))
afterEach(() => remove())

describe('mldoc', () => {
  it('prints its usage, every command and the exit statuses with --help', () => {
    const run = mldoc(['--help'], dir)
    expect(run.status).toBe(0)
    for (const command of ['templates', 'new', 'import', 'export', 'lint', 'merge']) expect(run.stdout).toContain(`mldoc ${command}`)
    expect(run.stdout).toContain('Exit status: 0 done, 1 lint found errors, 2 bad arguments or bad input')
  })

  it('prints the usage to stderr and exits with 2 when no command is given', () => {
    const run = mldoc([], dir)
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('Usage:')
  })

  it('prints the package version with --version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
    expect(mldoc(['--version'], dir)).toMatchObject({ status: 0, stdout: `${version}\n` })
  })

  it('prints each command\'s own help with --help, -h and mldoc help COMMAND', () => {
    for (const command of ['templates', 'new', 'import', 'export', 'lint', 'merge']) {
      const run = mldoc([command, '--help'], dir)
      expect(run.status).toBe(0)
      expect(run.stdout).toMatch(new RegExp(`^Usage: mldoc ${command}`))
    }
    const help = mldoc(['export', '--help'], dir).stdout
    expect(mldoc(['export', 'a.mldoc', '-h'], dir).stdout).toBe(help)
    expect(mldoc(['help', 'export'], dir).stdout).toBe(help)
  })
})

describe('mldoc templates', () => {
  it('lists every template folder with its languages and a description', () => {
    const run = mldoc(['templates'], dir)
    expect(run.status).toBe(0)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines.length).toBeGreaterThan(0)
    const line = lines.find((l) => l.startsWith(`${TEMPLATE} `))
    expect(line).toMatch(new RegExp(`^${TEMPLATE} +en,uz +\\S.{10,}`))
  })
})

describe('mldoc new, export and import', () => {
  it('creates a readable .mldoc from a template and refuses to replace it without --force', () => {
    const run = mldoc(['new', '--template', TEMPLATE, '-o', 'plan.mldoc'], dir)
    expect(run).toMatchObject({ status: 0, stdout: '' })
    expect(run.stderr).toContain('plan.mldoc')
    const { doc } = readMLDocFile(readFileSync(join(dir, 'plan.mldoc')), 'plan.mldoc')
    expect(doc.meta).toMatchObject({ template: TEMPLATE, lang: 'en', status: 'draft' })
    expect(doc.body.childCount).toBeGreaterThan(1)

    const before = readFileSync(join(dir, 'plan.mldoc'))
    const again = mldoc(['new', '--template', TEMPLATE, '-o', 'plan.mldoc'], dir)
    expect(again.status).toBe(2)
    expect(again.stderr).toBe('mldoc: new: plan.mldoc already exists; add --force to replace it (see mldoc new --help)\n')
    expect(readFileSync(join(dir, 'plan.mldoc'))).toEqual(before)
    expect(mldoc(['new', '--template', TEMPLATE, '-o', 'plan.mldoc', '--force'], dir).status).toBe(0)
  })

  it('new, export, import, export gives the same Markdown bytes', () => {
    expect(mldoc(['new', '-t', TEMPLATE, '-o', 'a.mldoc'], dir).status).toBe(0)
    const exported = mldoc(['export', 'a.mldoc'], dir)
    expect(exported.status).toBe(0)
    expect(exported.stdout).toMatch(/^---\ntitle: /)
    expect(exported.stdout).toContain(`template: ${TEMPLATE}\n`)
    writeFileSync(join(dir, 'a.md'), exported.stdout)

    const imported = mldoc(['import', 'a.md', '-o', 'b.mldoc'], dir)
    expect(imported).toMatchObject({ status: 0, stdout: '', stderr: '' })
    expect(mldoc(['export', 'b.mldoc', '-o', 'b.md'], dir)).toMatchObject({ status: 0, stdout: '' })
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe(exported.stdout)
    // A Markdown file exports as itself, canonical form in, canonical form out.
    expect(mldoc(['export', 'a.md'], dir).stdout).toBe(exported.stdout)
  })

  it('writes Uzbek documents from the Uzbek template', () => {
    expect(mldoc(['new', '-t', TEMPLATE, '--lang', 'uz', '-o', 'uz.mldoc'], dir).status).toBe(0)
    expect(mldoc(['export', 'uz.mldoc'], dir).stdout).toContain('lang: uz\n')
  })

  it('prints import warnings with their line numbers and still imports', () => {
    const markdown = [
      '---', 'title: Hand written', 'lang: en', '---', '', '# Hand written', '',
      '<!-- mldoc:metric v1 -->', '| Metric | Recall |', '| --- | --- |', '| Colour | blue |', '',
    ].join('\n')
    writeFileSync(join(dir, 'hand.md'), markdown)
    const run = mldoc(['import', 'hand.md', '-o', 'hand.mldoc'], dir)
    expect(run.status).toBe(0)
    expect(run.stderr).toMatch(/^hand\.md:11: warning: .*marker on line 8/m)
    expect(existsSync(join(dir, 'hand.mldoc'))).toBe(true)
    expect(mldoc(['export', 'hand.mldoc'], dir).stdout).toContain('Colour')

    const strict = mldoc(['import', 'hand.md', '-o', 'strict.mldoc', '--strict'], dir)
    expect(strict.status).toBe(2)
    expect(strict.stderr).toMatch(/^mldoc: hand\.md:11: /)
    expect(existsSync(join(dir, 'strict.mldoc'))).toBe(false)
  })
})
