import { prosemirrorToYXmlFragment } from '@tiptap/y-tiptap'
import type { Node as PMNode, Schema } from '@tiptap/pm/model'
import * as Y from 'yjs'
import { parseMeta, metaToRecord, type DocumentMeta } from '../document/meta.js'
import type { MLDocument } from '../document/model.js'
import { MLDocError } from '../errors.js'
import { mldocSchema } from '../schema/index.js'
import { bodyFromYFragment, type BindingMapping, type BuiltBody } from './body-from-y.js'
import { bodyDefect, repairBody } from './repair.js'

/** Name of the Y.XmlFragment holding the document body: Tiptap's default, so any Yjs peer can join. */
export const BODY_FRAGMENT = 'default'
/** Name of the Y.Map holding the document header (front matter), one entry per key. */
export const META_MAP = 'meta'

/**
 * Writes a document into an empty Y.Doc. Call it once, when a document is created or imported:
 * every other peer receives this state instead of seeding its own copy (which would duplicate it).
 */
export function seedYDoc(ydoc: Y.Doc, doc: MLDocument): void {
  const fragment = ydoc.getXmlFragment(BODY_FRAGMENT)
  const meta = ydoc.getMap<unknown>(META_MAP)
  if (fragment.length > 0 || meta.size > 0) throw new Error('seedYDoc: the Y.Doc already has content; seed a document only once')
  ydoc.transact(() => {
    writeMeta(ydoc, doc.meta)
    prosemirrorToYXmlFragment(doc.body, fragment)
  })
}

/** A new Y.Doc holding the document. */
export function createYDoc(doc: MLDocument): Y.Doc {
  const ydoc = new Y.Doc()
  seedYDoc(ydoc, doc)
  return ydoc
}

/** Replaces the header entries that changed (one Y.Map entry per key, so edits to two keys merge). */
export function writeMeta(ydoc: Y.Doc, meta: DocumentMeta): void {
  const map = ydoc.getMap<unknown>(META_MAP)
  const record = metaToRecord(meta)
  ydoc.transact(() => {
    for (const key of [...map.keys()]) if (!(key in record)) map.delete(key)
    for (const [key, value] of Object.entries(record)) {
      if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value)
    }
  })
}

/** The header held by a Y.Doc. Keys keep the canonical order whatever order peers set them in. */
export function readMeta(ydoc: Y.Doc, source = 'document'): DocumentMeta {
  return parseMeta(ydoc.getMap<unknown>(META_MAP).toJSON(), source)
}

/**
 * The body held by a Y.Doc, as every editor shows it. A body merged from concurrent edits may
 * break a content rule no single editor breaks (a table without rows, code and italic on one
 * word, a ragged table): it is repaired as the editor repairs it (`repairBody`), the same way on
 * every peer, so what is saved and exported is what the editors show. A body that holds what no
 * merge of honest edits can produce (an unknown node, a node where its parent can never hold one,
 * an attribute of the wrong kind) is refused, saying what is wrong: such a state comes from a
 * damaged file or a hostile peer and is never silently turned into a document.
 */
export function readBody(ydoc: Y.Doc, source = 'document'): PMNode {
  const built = builtBody(ydoc, source)
  const body = built.sound ? built.body : repairBody(checkedBody(built.body, source))
  try {
    body.check()
  } catch (error) {
    throw bodyRefused(source, (error as Error).message)
  }
  return body
}

function bodyRefused(source: string, why: string): MLDocError {
  return new MLDocError('document', `the document body does not fit MLDoc's schema (${why})`, source)
}

/**
 * The body as the Y.Doc holds it, built in `schema` and checked node by node as it is built
 * (`bodyFromYFragment`); refused when no node can be built from what it holds. With `mapping`,
 * records the node each element became.
 */
function builtBody(ydoc: Y.Doc, source: string, schema: Schema = mldocSchema(), mapping?: BindingMapping): BuiltBody {
  try {
    // Inside the try: a damaged state can hold shared types no node can be built from.
    return bodyFromYFragment(schema, ydoc.getXmlFragment(BODY_FRAGMENT), mapping)
  } catch (error) {
    throw bodyRefused(source, (error as Error).message)
  }
}

/** The body, refused when it has a {@link bodyDefect}; content rules not repaired yet. */
function checkedBody(body: PMNode, source: string): PMNode {
  const defect = bodyDefect(body)
  if (defect !== null) throw bodyRefused(source, defect)
  return body
}

/**
 * The body a Y.Doc holds, built in `schema` (an editor's own schema, made from MLDoc's
 * extensions) for the editor to open with, with `mapping` filled as the editor's binding fills
 * it: the binding then starts from this document instead of building it again. Checks that the
 * editor can show the body without dropping anything: only known nodes and marks, each where its
 * parent can hold it, with attributes of the right kind (what else a merged body may break,
 * content rules, the editor repairs as it shows it, as {@link readBody} does). Refused otherwise,
 * with an MLDocError naming `source` and saying what is wrong. Null, with `mapping` left
 * empty, when the body needs a {@link repairBody}: the binding then builds the document itself,
 * and the editor repairs it as it shows it (a merged body, as every peer repairs it).
 */
export function bindableBody(ydoc: Y.Doc, schema: Schema, mapping: BindingMapping, source = 'document'): PMNode | null {
  const built = builtBody(ydoc, source, schema, mapping)
  // Every node was sound as it was built: the common case, which needs neither walk below.
  if (built.sound) return built.body
  const body = checkedBody(built.body, source)
  if (repairBody(body) === body) return body
  mapping.clear()
  return null
}

/** The document held by a Y.Doc. */
export function readYDoc(ydoc: Y.Doc, source = 'document'): MLDocument {
  return { meta: readMeta(ydoc, source), body: readBody(ydoc, source) }
}
