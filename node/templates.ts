import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MLDocError } from '../core/errors.js'
import { LANGS, isLang, type Lang } from '../core/i18n.js'
import { parseTemplate, type Template } from '../core/templates/index.js'

/** A template id is a folder name: lower-case words joined by `-`. */
const TEMPLATE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** The folder this module runs from: the source file's folder, or the bundle's in `dist/`. */
function moduleDir(): string {
  if (typeof __dirname === 'string') return __dirname
  return dirname(fileURLToPath(import.meta.url))
}

/** Whether `dir` is the root of the MLDoc checkout or package: a `templates/` folder beside a package.json named mldoc. */
function isMLDocRoot(dir: string): boolean {
  const pkg = join(dir, 'package.json')
  if (!existsSync(join(dir, 'templates')) || !existsSync(pkg)) return false
  try {
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'mldoc'
  } catch {
    return false
  }
}

/**
 * The folder holding the templates: `MLDOC_TEMPLATES_DIR` when set, otherwise the `templates/`
 * folder of the MLDoc package this module belongs to, found by walking up from the module's own
 * location (so it works from the sources and from a bundled `dist/` build alike).
 */
export function templatesDir(): string {
  const fromEnv = process.env.MLDOC_TEMPLATES_DIR
  if (fromEnv) return resolve(fromEnv)
  const start = moduleDir()
  for (let dir = start; ; dir = dirname(dir)) {
    if (isMLDocRoot(dir)) return join(dir, 'templates')
    if (dirname(dir) === dir) break
  }
  throw new MLDocError('file', `cannot find the templates folder: no folder above ${start} holds templates/ and the mldoc package.json; set MLDOC_TEMPLATES_DIR`)
}

/** The template folders under `dir`, sorted by id. */
function templateIds(dir: string): string[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    throw new MLDocError('file', 'the templates folder cannot be read', dir)
  }
  return names.filter((name) => statSync(join(dir, name)).isDirectory()).sort()
}

/** The languages a template folder has a file for, in {@link LANGS} order; other `.md` files are an error. */
function templateLangs(dir: string, id: string): Lang[] {
  const folder = join(dir, id)
  const files = readdirSync(folder).filter((name) => name.endsWith('.md'))
  for (const name of files) {
    const lang = name.slice(0, -'.md'.length)
    if (!isLang(lang)) throw new MLDocError('template', `"${name}" is not a template language; name the file ${LANGS.map((l) => `${l}.md`).join(' or ')}`, join(folder, name))
  }
  return LANGS.filter((lang) => files.includes(`${lang}.md`))
}

/** Reads and checks one template file. */
function readTemplate(dir: string, id: string, lang: Lang): Template {
  const path = join(dir, id, `${lang}.md`)
  return parseTemplate({ id, lang, path, text: readFileSync(path, 'utf8') })
}

/**
 * Every template in every language: each `<dir>/<id>/<lang>.md`, checked, sorted by id then
 * language. Throws an {@link MLDocError} naming the first file that is not a valid template.
 */
export function loadTemplates(dir: string = templatesDir()): Template[] {
  return templateIds(dir).flatMap((id) => {
    if (!TEMPLATE_ID.test(id)) throw new MLDocError('template', `"${id}" is not a template id; use lower-case words joined by "-"`, join(dir, id))
    return templateLangs(dir, id).map((lang) => readTemplate(dir, id, lang))
  })
}

/**
 * The template `id` in `lang`. Throws an {@link MLDocError} listing the templates and languages
 * there are when it does not exist, or naming the file when it is not a valid template.
 */
export function findTemplate(id: string, lang: Lang, dir: string = templatesDir()): Template {
  const ids = templateIds(dir).filter((name) => TEMPLATE_ID.test(name))
  if (TEMPLATE_ID.test(id) && ids.includes(id) && existsSync(join(dir, id, `${lang}.md`))) return readTemplate(dir, id, lang)
  const available = ids.map((name) => `${name} (${templateLangs(dir, name).join(', ')})`).join('; ')
  const what = ids.includes(id) ? `template "${id}" has no ${lang} version` : `there is no template "${id}"`
  throw new MLDocError('template', `${what}; available: ${available || 'none'}`, dir)
}
