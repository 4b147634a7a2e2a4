import type { MLDocument } from '../document/model.js'
import { MLDocError } from '../errors.js'
import type { Lang } from '../i18n.js'
import { importMarkdown } from '../markdown/index.js'
import { frontMatterKeyLines } from './front-matter-lines.js'

/** A document template in one language, as offered on the start screen and by `mldoc new`. */
export interface Template {
  /** Folder name under `templates/`, e.g. `ml-engineering-document`. */
  readonly id: string
  readonly lang: Lang
  readonly title: string
  /** One line shown under the title on the start screen. */
  readonly description: string
  /** The template as a document, exactly as its Markdown file reads. */
  readonly doc: MLDocument
}

/** A template's Markdown file: `templates/<id>/<lang>.md` and its text. */
export interface TemplateFile {
  readonly id: string
  readonly lang: Lang
  /** Where the text came from, named in errors. */
  readonly path: string
  readonly text: string
}

/** The message of an error without the `source:line: ` prefix {@link MLDocError} adds. */
function bareMessage(error: MLDocError): string {
  const prefix = error.source ? `${error.source}${error.line ? `:${error.line}` : ''}: ` : ''
  return prefix && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message
}

/**
 * Reads a template file: its Markdown must import strictly (every structured block parses, the
 * front matter is valid) and its front matter must name the template and its language as the
 * file's place says, with a title and a one-line description.
 * Throws `MLDocError('template', message, path, line)` pointing at what is wrong.
 */
export function parseTemplate(file: TemplateFile): Template {
  let doc: MLDocument
  try {
    doc = importMarkdown(file.text, { source: file.path, strict: true }).doc
  } catch (error) {
    if (error instanceof MLDocError) throw new MLDocError('template', bareMessage(error), file.path, error.line)
    throw error
  }
  const lines = frontMatterKeyLines(file.text)
  const fail = (message: string, key: string): never => {
    throw new MLDocError('template', message, file.path, lines.get(key) ?? 1)
  }
  const { meta } = doc
  if (!meta.title.trim()) fail('front matter needs a "title"', 'title')
  if (meta.template !== file.id) {
    fail(`front matter "template" is ${meta.template === null ? 'missing' : `"${meta.template}"`} but the template's folder is "${file.id}"; they must be the same`, 'template')
  }
  if (!lines.has('lang')) fail(`front matter needs "lang: ${file.lang}" (the file is ${file.lang}.md)`, 'lang')
  if (meta.lang !== file.lang) fail(`front matter "lang" is "${meta.lang}" but the file is ${file.lang}.md`, 'lang')
  const description = meta.extra.description
  if (typeof description !== 'string' || !description.trim()) {
    fail('front matter needs a "description": one line of text shown on the start screen', 'description')
  }
  const oneLine = String(description).trim()
  if (/[\r\n]/.test(oneLine)) fail('front matter "description" must be one line: the start screen shows it under the title', 'description')
  return { id: file.id, lang: file.lang, title: meta.title, description: oneLine, doc }
}

/**
 * A new document started from a template: the template's content and header, as a draft that
 * remembers which template it came from. The start-screen `description` stays with the template.
 */
export function documentFromTemplate(template: Template): MLDocument {
  const extra = { ...template.doc.meta.extra }
  delete extra.description
  return {
    meta: {
      ...template.doc.meta,
      template: template.id,
      status: 'draft',
      authors: [...template.doc.meta.authors],
      reviewers: [...template.doc.meta.reviewers],
      signoff: [...template.doc.meta.signoff],
      extra,
    },
    body: template.doc.body,
  }
}
