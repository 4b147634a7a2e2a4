import { Fragment, type Attrs, type Mark, type Node as PMNode, type NodeType, type Schema } from '@tiptap/pm/model'
import * as Y from 'yjs'
import { soundAsBuilt } from './repair.js'

/**
 * A mark name as the editor's Yjs binding (y-tiptap) stores it when one text holds two marks of a
 * kind: the name and a hash, `link--AbCd1234`.
 */
const HASHED_MARK_NAME = /(.*)(--[a-zA-Z0-9+/=]{8})$/

/** ProseMirror's check of attribute values against their `validate`, which `Node.fromJSON` runs (internal to prosemirror-model). */
function checkAttrs(type: NodeType, attrs: Attrs): void {
  ;(type as NodeType & { checkAttrs(attrs: Attrs): void }).checkAttrs(attrs)
}

/**
 * The editor binding's record of which ProseMirror node each Y.XmlElement holds
 * (`@tiptap/y-tiptap`'s mapping: it records elements, not texts).
 */
export type BindingMapping = Map<Y.AbstractType<any>, PMNode> // eslint-disable-line @typescript-eslint/no-explicit-any -- the binding keys it by any shared type

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
 * not: the binding cannot show it. With `mapping`, records the node each element became, as the
 * binding records them when it builds the document itself. Each node is checked as it is built
 * (`sound`), in the same walk.
 */
export function bodyFromYFragment(schema: Schema, fragment: Y.XmlFragment, mapping?: BindingMapping): BuiltBody {
  const state: Build = { schema, mapping, sound: true }
  const body = build(state, fragment)
  return { body, sound: state.sound }
}

/**
 * A body built from a Y.XmlFragment, and whether each of its nodes was {@link soundAsBuilt}: then
 * the body has no defect and needs no repair; otherwise `bodyDefect` and `repairBody` say what is
 * wrong, if anything.
 */
export interface BuiltBody {
  readonly body: PMNode
  readonly sound: boolean
}

function build(state: Build, fragment: Y.XmlFragment): PMNode {
  const blocks = fragment.toArray().map((item) => {
    if (item instanceof Y.XmlText) throw new RangeError('Text outside any block')
    return nodeOf(state, item)
  })
  const doc = state.schema.topNodeType.create(undefined, Fragment.fromArray(blocks))
  checkAttrs(doc.type, doc.attrs)
  return audited(state, doc)
}

/**
 * What a body is built in, where the node each element became is recorded, if anywhere, and
 * whether every node built so far is {@link soundAsBuilt} (false for good from the first that is
 * not: the rest are not checked).
 */
interface Build {
  readonly schema: Schema
  readonly mapping: BindingMapping | undefined
  sound: boolean
}

/** The node, after noting in `build` whether it is sound while every node before it was. */
function audited(build: Build, node: PMNode): PMNode {
  if (build.sound) build.sound = soundAsBuilt(node)
  return node
}

function childrenOf(build: Build, parent: Y.XmlElement): PMNode[] {
  const nodes: PMNode[] = []
  for (const item of parent.toArray()) {
    if (item instanceof Y.XmlText) for (const text of textsOf(build.schema, item)) nodes.push(audited(build, text))
    else nodes.push(nodeOf(build, item))
  }
  return nodes
}

function nodeOf(build: Build, item: unknown): PMNode {
  if (!(item instanceof Y.XmlElement)) throw new RangeError('Unexpected case')
  return elementOf(build, item)
}

function elementOf(build: Build, element: Y.XmlElement): PMNode {
  const attrs = element.getAttributes()
  const node = nodeTypeOf(build.schema, element.nodeName).create(Object.keys(attrs).length > 0 ? attrs : undefined, Fragment.fromArray(childrenOf(build, element)))
  checkAttrs(node.type, node.attrs)
  build.mapping?.set(element, node)
  return audited(build, node)
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
