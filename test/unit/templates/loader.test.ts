import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import { afterAll, describe, expect, it } from 'vitest'
import { MLDocError } from '../../../core/errors.js'
import { parseTemplate } from '../../../core/templates/index.js'
import { findTemplate, loadTemplates, templatesDir } from '../../../node/templates.js'

const ROOT = resolve(import.meta.dirname, '../../..')
const SOURCE = readFileSync(join(ROOT, 'templates/tool-comparison/en.md'), 'utf8')
const scratch = mkdtempSync(join(tmpdir(), 'mldoc-templates-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** `text` with the first `from` replaced; throws when `from` is not there, so a test cannot pass by editing nothing. */
function edit(text: string, from: string | RegExp, to: string): string {
  const result = text.replace(from, to)
  if (result === text) throw new Error(`the template has no ${String(from)}`)
  return result
}

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle))
  if (index < 0) throw new Error(`no line contains ${needle}`)
  return index + 1
}

/** The error `parseTemplate` throws for this text as `templates/tool-comparison/en.md`. */
function templateError(text: string, id = 'tool-comparison'): MLDocError {
  const path = `templates/${id}/en.md`
  try {
    parseTemplate({ id, lang: 'en', path, text })
  } catch (error) {
    expect(error).toBeInstanceOf(MLDocError)
    const e = error as MLDocError
    expect(e.kind).toBe('template')
    expect(e.source).toBe(path)
    expect(e.message).toContain(path)
    return e
  }
  throw new Error('the template was accepted')
}

/** A templates folder in the scratch space holding the given files. */
function templatesFolder(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

describe('parseTemplate on a broken template', () => {
  it('names the file and the line of YAML that does not parse', () => {
    const text = edit(SOURCE, 'status: draft', 'status: [draft')
    const error = templateError(text)
    expect(error.message).toMatch(/YAML/)
    expect(error.line).toBeGreaterThanOrEqual(lineOf(text, 'status: [draft'))
    expect(error.line).toBeLessThanOrEqual(lineOf(text, 'description:'))
  })

  it('names the line of a template id that is not the folder', () => {
    const text = edit(SOURCE, 'template: tool-comparison', 'template: tool-comparisons')
    const error = templateError(text)
    expect(error.line).toBe(lineOf(text, 'template: tool-comparisons'))
    expect(error.message).toContain('"tool-comparisons"')
    expect(error.message).toContain('"tool-comparison"')
  })

  it('names the line of a language that is not the file', () => {
    const text = edit(SOURCE, 'lang: en', 'lang: uz')
    expect(templateError(text).line).toBe(lineOf(text, 'lang: uz'))
  })

  it('asks for a title and a one-line description', () => {
    const noDescription = edit(SOURCE, /^description: .*\n/m, '')
    expect(templateError(noDescription).message).toMatch(/description/)
    const twoLines = edit(SOURCE, /^description: (.*)$/m, 'description: |\n  $1\n  And a second line.')
    const twoLinesError = templateError(twoLines)
    expect(twoLinesError.message).toMatch(/one line/)
    expect(twoLinesError.line).toBe(lineOf(twoLines, 'description: |'))
    const noTitle = edit(SOURCE, 'title: Tool comparison', 'title: ""')
    const error = templateError(noTitle)
    expect(error.message).toMatch(/title/)
    expect(error.line).toBe(2)
  })

  it('names the line of a structured block whose table was mangled by hand', () => {
    const text = edit(SOURCE, '| Chosen | |', '| Chosen option | |')
    const error = templateError(text)
    expect(error.line).toBe(lineOf(text, '| Chosen option |'))
    expect(error.message).toMatch(/comparison-matrix/)
  })

  it('accepts the template as written', () => {
    const template = parseTemplate({ id: 'tool-comparison', lang: 'en', path: 'en.md', text: SOURCE })
    expect(template.title).toBe('Tool comparison')
    expect(template.description).toMatch(/^Compare candidate tools/)
  })
})

describe('loadTemplates and findTemplate', () => {
  it('load every language of every template folder, in order', () => {
    const uz = readFileSync(join(ROOT, 'templates/tool-comparison/uz.md'), 'utf8')
    const dir = templatesFolder('good', { 'tool-comparison/uz.md': uz, 'tool-comparison/en.md': SOURCE, 'README.txt': 'not a template' })
    expect(loadTemplates(dir).map((t) => `${t.id}/${t.lang}`)).toEqual(['tool-comparison/en', 'tool-comparison/uz'])
  })

  it('fail naming the file of a broken template', () => {
    const dir = templatesFolder('broken', { 'tool-comparison/en.md': edit(SOURCE, 'lang: en', 'lang: fr') })
    expect(() => loadTemplates(dir)).toThrow(join(dir, 'tool-comparison/en.md'))
  })

  it('refuse a file that is not named after a language', () => {
    const dir = templatesFolder('french', { 'tool-comparison/fr.md': SOURCE })
    expect(() => loadTemplates(dir)).toThrow(/fr\.md.*en\.md or uz\.md/)
  })

  it('list the templates and languages there are when asked for one that is not', () => {
    expect(() => findTemplate('design-doc', 'en')).toThrow(/no template "design-doc"; available: example-churn-prediction \(en, uz\); ml-engineering-document \(en, uz\)/)
    const dir = templatesFolder('english-only', { 'tool-comparison/en.md': SOURCE })
    expect(() => findTemplate('tool-comparison', 'uz', dir)).toThrow(/template "tool-comparison" has no uz version; available: tool-comparison \(en\)/)
    expect(() => findTemplate('../ml-engineering-document', 'en')).toThrow(/no template "\.\.\/ml-engineering-document"/)
  })
})

describe('templatesDir', () => {
  it('follows MLDOC_TEMPLATES_DIR when it is set', () => {
    const saved = process.env.MLDOC_TEMPLATES_DIR
    process.env.MLDOC_TEMPLATES_DIR = scratch
    try {
      expect(templatesDir()).toBe(scratch)
    } finally {
      if (saved === undefined) delete process.env.MLDOC_TEMPLATES_DIR
      else process.env.MLDOC_TEMPLATES_DIR = saved
    }
  })

  it.each(['esm', 'cjs'] as const)('finds the package templates from a bundled dist/ build (%s)', async (format) => {
    const pkg = join(scratch, `package-${format}`)
    mkdirSync(join(pkg, 'dist'), { recursive: true })
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'mldoc', type: 'module' }))
    cpSync(join(ROOT, 'templates/tool-comparison'), join(pkg, 'templates/tool-comparison'), { recursive: true })
    const entry = join(pkg, 'entry.ts')
    writeFileSync(entry, `import { loadTemplates, templatesDir } from ${JSON.stringify(join(ROOT, 'node/templates.ts'))}\n` +
      'console.log(JSON.stringify({ dir: templatesDir(), ids: loadTemplates().map((t) => t.id + "/" + t.lang) }))\n')
    const outfile = join(pkg, 'dist', format === 'esm' ? 'cli.mjs' : 'main.cjs')
    // As a real ESM bundle does, give CommonJS dependencies (yaml) a `require`.
    const banner: Record<string, string> = format === 'esm' ? { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } : {}
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format, outfile, banner, logLevel: 'silent' })
    const run = spawnSync(process.execPath, [outfile], { cwd: tmpdir(), encoding: 'utf8', env: { ...process.env, MLDOC_TEMPLATES_DIR: '' } })
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout)).toEqual({ dir: join(pkg, 'templates'), ids: ['tool-comparison/en', 'tool-comparison/uz'] })
  })
})
