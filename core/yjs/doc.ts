import { prosemirrorToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import type { Node as PMNode } from '@tiptap/pm/model'
import * as Y from 'yjs'
import { parseMeta, metaToRecord, type DocumentMeta } from '../document/meta.js'
import type { MLDocument } from '../document/model.js'
import { MLDocError } from '../errors.js'
import { mldocSchema } from '../schema/index.js'

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
 * The body held by a Y.Doc, checked against the MLDoc schema. Unlike the editor binding, which
 * drops what does not fit, this refuses a body that does not fit and says so: files and imports
 * must never be silently altered.
 */
export function readBody(ydoc: Y.Doc, source = 'document'): PMNode {
  try {
    // Inside the try: a damaged state can hold shared types the binding cannot turn into JSON.
    const json = yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(BODY_FRAGMENT))
    const node = mldocSchema().nodeFromJSON(json)
    node.check()
    return node
  } catch (error) {
    throw new MLDocError('document', `the document body does not fit MLDoc's schema (${(error as Error).message})`, source)
  }
}

/** The document held by a Y.Doc. */
export function readYDoc(ydoc: Y.Doc, source = 'document'): MLDocument {
  return { meta: readMeta(ydoc, source), body: readBody(ydoc, source) }
}
