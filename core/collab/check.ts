import type { Schema } from '@tiptap/pm/model'
import * as Y from 'yjs'
import { parseMeta } from '../document/meta.js'
import { mldocSchema } from '../schema/index.js'
import { BODY_FRAGMENT, META_MAP } from '../yjs/doc.js'
import { bodyDefect, canHold } from '../yjs/repair.js'
import type { UpdateCheck } from './receive.js'

/** Any shared type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>

/** y-tiptap stores an overlapping mark under `<mark>--<hash>`. */
const HASHED_MARK = /(.*)(--[a-zA-Z0-9+/=]{8})$/

type NodeJSON = { type: string; attrs?: Record<string, unknown>; content?: NodeJSON[]; text?: string; marks?: { type: string; attrs?: unknown }[] }

/** ProseMirror JSON of one Yjs node, as the editor binding (`@tiptap/y-tiptap`) reads it. */
function nodeJSON(type: Y.XmlElement | Y.XmlText): NodeJSON[] {
  if (type instanceof Y.XmlText) {
    return (type.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]).map((delta) => {
      if (typeof delta.insert !== 'string') throw new Error('text holds an embedded object')
      const text: NodeJSON = { type: 'text', text: delta.insert }
      if (delta.attributes) {
        text.marks = Object.entries(delta.attributes).map(([name, attrs]) => ({ type: HASHED_MARK.exec(name)?.[1] ?? name, attrs: attrs ?? undefined }))
      }
      return text
    })
  }
  const json: NodeJSON = { type: type.nodeName }
  const attrs = type.getAttributes()
  if (Object.keys(attrs).length > 0) json.attrs = attrs
  const children = type.toArray()
  if (children.length > 0) {
    json.content = children.flatMap((child) => {
      if (child instanceof Y.XmlElement || child instanceof Y.XmlText) return nodeJSON(child)
      throw new Error('a node holds something that is neither an element nor text')
    })
  }
  return [json]
}

/** The child of `root` that holds `type`, or null when `type` is not inside `root` (or is deleted). */
function topLevelOf(type: AnyType, root: Y.XmlFragment): AnyType | null {
  let current = type
  while (current._item !== null) {
    if (current._item.deleted) return null
    const parent = current._item.parent
    if (parent === (root as AnyType)) return current
    if (!(parent instanceof Y.AbstractType)) return null
    current = parent
  }
  return null
}

/** Was this node created in the transaction? */
function isNew(type: AnyType, transaction: Y.Transaction): boolean {
  const id = type._item?.id
  return id !== undefined && id.clock >= (transaction.beforeState.get(id.client) ?? 0)
}

/** Why a top-level node holds what MLDoc cannot hold, or null when it holds nothing of the kind. */
function blockProblem(schema: Schema, block: AnyType): string | null {
  if (!(block instanceof Y.XmlElement)) return 'the document body holds text outside any paragraph'
  let problem: string | null
  try {
    const [json] = nodeJSON(block)
    problem = bodyDefect(schema.nodeFromJSON(json))
  } catch (error) {
    problem = (error as Error).message
  }
  return problem === null ? null : `a "${block.nodeName}" does not fit the MLDoc schema (${problem})`
}

/** Why the top-level nodes hold one the document body can never hold, or null when they do not. */
function sequenceProblem(schema: Schema, body: Y.XmlFragment): string | null {
  for (const child of body.toArray()) {
    const type = child instanceof Y.XmlElement ? schema.nodes[child.nodeName] : undefined
    if (!type || !canHold(schema.topNodeType, type)) return `the document body cannot hold a "${child instanceof Y.XmlElement ? child.nodeName : 'text'}"`
  }
  return null
}

/**
 * The check MLDoc's receive path runs on every update from a peer. It drops what no merge of
 * honest edits can produce: an update that does not decode (the receive path's own check), an
 * unknown node or mark, a node where its parent can never hold one (text outside any paragraph, a
 * field outside its block), attributes the schema refuses, a header that does not read as front
 * matter. It lets through what concurrent edits produce when merged, though the merge breaks a
 * content rule (a table left without rows, code and italic on one word, an empty body): refusing
 * those would leave the peer that refuses behind its peers for good. Every reader of the body
 * repairs such states the same way (`core/yjs/repair.ts`). Only the top-level blocks an update
 * touched are checked, so typing in a large document costs no more than in a small one.
 */
export function mldocUpdateCheck(): UpdateCheck {
  const schema = mldocSchema()
  return { prepare, check }

  function prepare(scratch: Y.Doc): void {
    scratch.getXmlFragment(BODY_FRAGMENT)
    scratch.getMap<unknown>(META_MAP)
  }

  function check(scratch: Y.Doc, transaction: Y.Transaction): string | null {
    const body = scratch.getXmlFragment(BODY_FRAGMENT)
    const meta = scratch.getMap<unknown>(META_MAP)
    const blocks = new Set<AnyType>()
    let sequenceChanged = false
    let metaChanged = false
    for (const type of transaction.changed.keys()) {
      if (type === (meta as AnyType)) metaChanged = true
      else if (type === (body as AnyType)) sequenceChanged = true
      else {
        const block = topLevelOf(type, body)
        if (block) blocks.add(block)
      }
    }
    if (sequenceChanged) {
      const problem = sequenceProblem(schema, body)
      if (problem) return problem
      for (const child of body.toArray()) if (isNew(child, transaction)) blocks.add(child)
    }
    for (const block of blocks) {
      const problem = blockProblem(schema, block)
      if (problem) return problem
    }
    if (metaChanged) {
      try {
        parseMeta(meta.toJSON(), 'the document header')
      } catch (error) {
        return (error as Error).message
      }
    }
    return null
  }
}
