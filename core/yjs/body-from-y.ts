import { Fragment, type Attrs, type Mark, type Node as PMNode, type NodeType, type Schema } from '@tiptap/pm/model'
import * as Y from 'yjs'

/**
 * A mark name as the editor's Yjs binding (y-tiptap) stores it when one text holds two marks of a
 * kind: the name and a hash, `link--AbCd1234`.
 */
const HASHED_MARK_NAME = /(.*)(--[a-zA-Z0-9+/=]{8})$/

/** ProseMirror's check of attribute values against their `validate`, which `Node.fromJSON` runs (internal to prosemirror-model). */
function checkAttrs(type: NodeType, attrs: Attrs): void {
  ;(type as NodeType & { checkAttrs(attrs: Attrs): void }).checkAttrs(attrs)
}

/** The node type of a name, refused as `Schema.nodeType` refuses an unknown one. */
function nodeTypeOf(schema: Schema, name: string): NodeType {
  const type = schema.nodes[name]
  if (!type) throw new RangeError(`Unknown node type: ${name}`)
  return type
}

/**
 * The ProseMirror body a Y.XmlFragment holds, as the editor's binding stores documents, built
 * straight from the shared types: the same nodes as reading it through JSON
 * (`schema.nodeFromJSON(yXmlFragmentToProsemirrorJSON(fragment))`), refusing the same bodies with
 * ProseMirror's own errors, without making a JSON object per node first. A document is read this
 * way each time it opens (a 24,000-node document made that many objects, and their garbage,
 * before building the same nodes). Nothing is checked beyond what ProseMirror checks as it builds
 * nodes: node and mark types must exist, attributes without defaults must be there and pass their
 * own `validate`. Text right in the fragment is refused as the JSON route refuses it, empty or
 * not: the binding cannot show it.
 */
export function bodyFromYFragment(schema: Schema, fragment: Y.XmlFragment): PMNode {
  const blocks = fragment.toArray().map((item) => {
    if (item instanceof Y.XmlText) throw new RangeError('Text outside any block')
    return nodeOf(schema, item)
  })
  const doc = schema.topNodeType.create(undefined, Fragment.fromArray(blocks))
  checkAttrs(doc.type, doc.attrs)
  return doc
}

function childrenOf(schema: Schema, parent: Y.XmlElement): PMNode[] {
  const nodes: PMNode[] = []
  for (const item of parent.toArray()) {
    if (item instanceof Y.XmlText) nodes.push(...textsOf(schema, item))
    else nodes.push(nodeOf(schema, item))
  }
  return nodes
}

function nodeOf(schema: Schema, item: unknown): PMNode {
  if (!(item instanceof Y.XmlElement)) throw new RangeError('Unexpected case')
  return elementOf(schema, item)
}

function elementOf(schema: Schema, element: Y.XmlElement): PMNode {
  const attrs = element.getAttributes()
  const node = nodeTypeOf(schema, element.nodeName).create(Object.keys(attrs).length > 0 ? attrs : undefined, Fragment.fromArray(childrenOf(schema, element)))
  checkAttrs(node.type, node.attrs)
  return node
}

/** The text nodes of a Y.XmlText, one per run of the same formatting. */
function textsOf(schema: Schema, text: Y.XmlText): PMNode[] {
  return (text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]).map(({ insert, attributes }) => {
    let marks: Mark[] | undefined
    if (attributes) marks = Object.keys(attributes).map((name) => schema.markFromJSON({ type: HASHED_MARK_NAME.exec(name)?.[1] ?? name, attrs: attributes[name] }))
    if (typeof insert !== 'string') throw new RangeError('Invalid text node in JSON')
    return schema.text(insert, marks)
  })
}
