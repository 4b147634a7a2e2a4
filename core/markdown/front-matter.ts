import { Document, isMap, isScalar, LineCounter, parseDocument, type ScalarTag } from 'yaml'
import { emptyMeta, metaToRecord, parseMeta, type DocumentMeta } from '../document/meta.js'
import { MLDocError } from '../errors.js'

/**
 * Strings that hold `<`, `&` or `[`, written double-quoted with those three as the YAML escapes
 * `\x3C`, `\x26` and `\x5B`: a renderer that shows front matter as Markdown (not as YAML, as
 * GitHub does) then meets no HTML tag, character reference, link or image in them. Reads back as
 * the same string.
 */
const MARKUP = /[<&[]/
const MARKUP_ESCAPES: Readonly<Record<string, string>> = { '<': '\\x3C', '&': '\\x26', '[': '\\x5B' }
const htmlSafeString: ScalarTag = {
  tag: 'tag:yaml.org,2002:str',
  default: true,
  identify: (value) => typeof value === 'string' && MARKUP.test(value),
  resolve: (value) => value,
  // JSON's string syntax is a subset of YAML's double-quoted style; `<`, `&` and `[` are never part of its escapes.
  stringify: (item) => JSON.stringify(String(item.value)).replace(/[<&[]/g, (character) => MARKUP_ESCAPES[character]!),
}

/**
 * The document header as front-matter YAML (without the `---` lines), in the fixed style of
 * FORMAT.md: canonical key order, plain strings where YAML allows (double-quoted with `\x3C`,
 * `\x26` and `\x5B` when they hold `<`, `&` or `[`), block lists, `[]` for empty lists, `null` for no template,
 * no line folding.
 */
export function frontMatterYaml(meta: DocumentMeta): string {
  const doc = new Document(metaToRecord(meta), { customTags: (tags) => [htmlSafeString, ...tags] })
  return doc.toString({ lineWidth: 0, indentSeq: true, nullStr: 'null' }).replace(/\n$/, '')
}

/**
 * Reads front-matter YAML. `firstLine` is the line of the file the YAML starts on, so errors
 * point into the file. Bad YAML or a bad value throws an {@link MLDocError} naming the key, the
 * source and the line.
 */
export function readFrontMatter(yaml: string, firstLine: number, source: string | undefined): DocumentMeta {
  const lines = new LineCounter()
  const doc = parseDocument(yaml, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const lineAt = (offset: number) => firstLine + Math.max(lines.linePos(offset).line, 1) - 1
  const syntaxError = doc.errors[0]
  if (syntaxError) {
    throw new MLDocError('markdown', `front matter is not valid YAML: ${syntaxError.message}`, source, lineAt(syntaxError.pos[0]))
  }
  if (doc.contents === null) return emptyMeta()
  let raw: unknown
  try {
    raw = doc.toJS()
  } catch (error) {
    throw new MLDocError('markdown', `front matter cannot be read: ${(error as Error).message}`, source, lineAt(doc.contents.range?.[0] ?? 0))
  }
  if (!isMap(doc.contents)) {
    throw new MLDocError('markdown', 'front matter must be a map of keys to values', source, lineAt(doc.contents.range?.[0] ?? 0))
  }
  // Check key by key, so the error can name the line of the key that is wrong.
  const record = raw as Record<string, unknown>
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
    const offset = isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0
    try {
      parseMeta({ [key]: record[key] }, '')
    } catch (error) {
      throw new MLDocError('markdown', (error as Error).message, source, lineAt(offset))
    }
  }
  try {
    return parseMeta(raw, '')
  } catch (error) {
    throw new MLDocError('markdown', (error as Error).message, source, firstLine)
  }
}
