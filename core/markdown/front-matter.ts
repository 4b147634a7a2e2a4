import { Document, isMap, isScalar, LineCounter, parseDocument } from 'yaml'
import { emptyMeta, metaToRecord, parseMeta, type DocumentMeta } from '../document/meta.js'
import { MLDocError } from '../errors.js'

/**
 * The document header as front-matter YAML (without the `---` lines), in the fixed style of
 * FORMAT.md: canonical key order, plain strings where YAML allows, block lists, `[]` for empty
 * lists, `null` for no template, no line folding.
 */
export function frontMatterYaml(meta: DocumentMeta): string {
  const doc = new Document(metaToRecord(meta))
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
