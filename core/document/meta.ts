import { MLDocError } from '../errors.js'
import { isLang, type Lang } from '../i18n.js'

/** Review states of a design document. */
export const DOC_STATUSES = ['draft', 'in-review', 'approved', 'superseded'] as const
/** Review state of a design document. */
export type DocStatus = (typeof DOC_STATUSES)[number]

/** A JSON-compatible value, as front matter holds. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/**
 * The document's header: what GitHub shows as its front matter and the app as its header form.
 * `extra` keeps front-matter keys MLDoc does not know, in their order, so nothing is lost.
 */
export interface DocumentMeta {
  title: string
  /** Id of the template the document started from, or null for an imported document. */
  template: string | null
  lang: Lang
  status: DocStatus
  version: string
  authors: string[]
  reviewers: string[]
  /** Stakeholders who signed the document off. */
  signoff: string[]
  extra: Record<string, JsonValue>
}

/** Front-matter keys MLDoc reads and writes, in the order it writes them. */
export const META_KEYS = ['title', 'template', 'lang', 'status', 'version', 'authors', 'reviewers', 'signoff'] as const

/** The header of a document nobody has described yet. */
export function emptyMeta(lang: Lang = 'en'): DocumentMeta {
  return { title: '', template: null, lang, status: 'draft', version: '0.1', authors: [], reviewers: [], signoff: [], extra: {} }
}

function stringList(value: unknown, key: string, source: string): string[] {
  if (value === undefined || value === null) return []
  if (typeof value === 'string') return value.trim() ? [value.trim()] : []
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.map((v) => String(v))
  throw new MLDocError('document', `front matter "${key}" must be a list of names`, source)
}

function scalar(value: unknown, key: string, source: string): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value)
  throw new MLDocError('document', `front matter "${key}" must be a single value, not a list or map`, source)
}

/**
 * Reads a document header from parsed front matter (or a Yjs map's JSON), checking every key.
 * Throws an {@link MLDocError} naming the key and the source when a value has the wrong shape.
 */
export function parseMeta(raw: unknown, source: string): DocumentMeta {
  if (raw === undefined || raw === null) return emptyMeta()
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new MLDocError('document', 'front matter must be a map of keys to values', source)
  const record = raw as Record<string, unknown>
  const meta = emptyMeta()
  meta.title = scalar(record.title, 'title', source)
  const template = scalar(record.template, 'template', source)
  meta.template = template || null
  if (record.lang !== undefined) {
    if (!isLang(record.lang)) throw new MLDocError('document', `front matter "lang" must be en or uz, not "${String(record.lang)}"`, source)
    meta.lang = record.lang
  }
  if (record.status !== undefined) {
    const status = scalar(record.status, 'status', source)
    if (!(DOC_STATUSES as readonly string[]).includes(status)) {
      throw new MLDocError('document', `front matter "status" must be one of ${DOC_STATUSES.join(', ')}, not "${status}"`, source)
    }
    meta.status = status as DocStatus
  }
  if (record.version !== undefined) meta.version = scalar(record.version, 'version', source)
  meta.authors = stringList(record.authors, 'authors', source)
  meta.reviewers = stringList(record.reviewers, 'reviewers', source)
  meta.signoff = stringList(record.signoff, 'signoff', source)
  for (const [key, value] of Object.entries(record)) {
    if (!(META_KEYS as readonly string[]).includes(key)) meta.extra[key] = value as JsonValue
  }
  return meta
}

/** The header as an ordered plain object: known keys first in {@link META_KEYS} order, then the rest. */
export function metaToRecord(meta: DocumentMeta): Record<string, JsonValue> {
  return {
    title: meta.title,
    template: meta.template,
    lang: meta.lang,
    status: meta.status,
    version: meta.version,
    authors: [...meta.authors],
    reviewers: [...meta.reviewers],
    signoff: [...meta.signoff],
    ...meta.extra,
  }
}
