import { Fragment, Mark, type AttributeSpec, type Attrs, type ContentMatch, type Node as PMNode, type NodeType, type Schema } from '@tiptap/pm/model'
import { EditorState } from '@tiptap/pm/state'
import { fixTables, TableMap } from '@tiptap/pm/tables'

/**
 * Merged bodies. Each peer's edits keep its own document valid, but a merge of concurrent edits
 * need not be: two people delete the last two rows of a table, or the two items of a list; one
 * makes a word code while another makes it italic; one deletes a cell while another adds a
 * column. Every peer holds the same merged Y.Doc, so every reader of a body (the editor, saving,
 * export, the CLI) turns such a state into the same valid document with {@link repairBody}, a
 * pure function of the body that does what the editor does with it. What no merge of honest
 * edits can produce (a node where its parent can never hold one, text outside any textblock, an
 * attribute of the wrong kind) is a {@link bodyDefect}: the receive path drops updates that bring
 * one, and reading a file that holds one fails.
 */

/** Every node type a node of `type` can hold somewhere in its content, whatever comes around it. */
const holdable = new WeakMap<NodeType, ReadonlySet<NodeType>>()

/** Whether a node of type `parent` can hold a `child` anywhere in its content. */
export function canHold(parent: NodeType, child: NodeType): boolean {
  return typesHeldBy(parent).has(child)
}

function typesHeldBy(type: NodeType): ReadonlySet<NodeType> {
  let types = holdable.get(type)
  if (!types) {
    const found = new Set<NodeType>()
    const seen = new Set<ContentMatch>()
    const walk = (match: ContentMatch): void => {
      if (seen.has(match)) return
      seen.add(match)
      for (let i = 0; i < match.edgeCount; i++) {
        const edge = match.edge(i)
        found.add(edge.type)
        walk(edge.next)
      }
    }
    walk(type.contentMatch)
    types = found
    holdable.set(type, types)
  }
  return types
}

/**
 * What in a body no merge of honest edits can produce, in words, or null when there is nothing:
 * a node inside a parent that can never hold that kind of node (text included), or node or mark
 * attributes the schema refuses. Unknown node and mark types never get this far: building the
 * body (`Node.fromJSON`) already throws on them. Content rules (how many children, in which
 * order, which marks go together) are left to {@link repairBody}.
 */
export function bodyDefect(node: PMNode): string | null {
  const own = ownDefect(node)
  if (own !== null) return own
  for (let i = 0; i < node.childCount; i++) {
    const defect = bodyDefect(node.child(i))
    if (defect !== null) return defect
  }
  return null
}

/**
 * What {@link bodyDefect} finds in a node itself, leaving its children's own content aside: its
 * attributes, its marks' attributes, a child its type can never hold.
 */
function ownDefect(node: PMNode): string | null {
  // Loops, not callbacks, and no work for what has no attributes: this runs on every node of a
  // document as it opens, in code that runs for the first time (41-46 ms cold for the 1x bench
  // document with forEach and a string split per attribute, against 4-8 ms warm).
  // Text has no attributes in ProseMirror; marks and nodes whose types have none hold none.
  const refused = node.isText ? null : attributeProblem(node.type.spec.attrs ?? NO_ATTRIBUTES, node.attrs)
  if (refused !== null) return `a "${node.type.name}" has ${refused}`
  for (const mark of node.marks) {
    const markSpecs = mark.type.spec.attrs
    const refused = markSpecs === undefined && mark.attrs === mark.type.create().attrs ? null : attributeProblem(markSpecs ?? NO_ATTRIBUTES, mark.attrs)
    if (refused !== null) return `the "${mark.type.name}" mark of a "${node.type.name}" has ${refused}`
  }
  const count = node.childCount
  if (count === 0) return null
  const held = typesHeldBy(node.type)
  for (let i = 0; i < count; i++) {
    const child = node.child(i)
    if (!held.has(child.type)) return `a "${node.type.name}" cannot hold ${child.isText ? 'text' : `a "${child.type.name}"`}`
  }
  return null
}

/**
 * Whether a node just built, whose children each passed this check, is sound as it stands:
 * nothing in it that {@link bodyDefect} names and nothing {@link repairBody} would change (its
 * content breaks its rule, two of its marks exclude each other, it is a ragged table). A body
 * built from nodes that all pass has no defect and is its own repair, so opening it needs neither
 * walk (`bodyFromYFragment` checks each node as it builds it). False when in doubt: the caller
 * then runs both on the whole body, which say what is wrong.
 */
export function soundAsBuilt(node: PMNode): boolean {
  if (ownDefect(node) !== null) return false
  if (!node.isLeaf && !node.type.validContent(node.content)) return false
  if (node.isInline && compatibleMarks(node) !== node) return false
  return !(node.type.spec.tableRole === 'table' && TableMap.get(node).problems)
}

/** The kind of an attribute value, as {@link attributeProblem} tells them apart. */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return value.every((item) => typeof item === 'number') ? 'list of numbers' : 'list'
  return value === null ? 'null' : typeof value
}

/** One attribute of a node or mark type, as {@link attributeProblem} checks it. */
interface AttributeRule {
  readonly name: string
  /** A `validate` function of the spec. */
  readonly validate: ((value: unknown) => void) | null
  /** The kinds (`typeof`, and "null") a `validate` string allows: `"string|null"`. */
  readonly validateKinds: readonly string[] | null
  /** The kinds a value other than null may be. */
  readonly kinds: readonly string[]
}

const NO_ATTRIBUTES: Readonly<Record<string, AttributeSpec>> = {}

/** The rules of each type's attributes, worked out once per type (a body has thousands of nodes). */
const attributeRules = new WeakMap<Readonly<Record<string, AttributeSpec>>, readonly AttributeRule[]>()

function rulesOf(specs: Readonly<Record<string, AttributeSpec>>): readonly AttributeRule[] {
  let rules = attributeRules.get(specs)
  if (!rules) {
    rules = Object.entries(specs).map(([name, { validate, default: initial }]) => ({
      name,
      validate: typeof validate === 'function' ? validate : null,
      validateKinds: typeof validate === 'string' ? validate.split('|') : null,
      kinds: ['string', 'number', 'boolean'].includes(kindOf(initial)) ? [kindOf(initial)] : ['string', 'number', 'boolean', 'list of numbers'],
    }))
    attributeRules.set(specs, rules)
  }
  return rules
}

/**
 * What is wrong with attribute values, or null: an attribute the node does not have, a value its
 * `validate` refuses (as ProseMirror's own check does), or a value of the wrong kind. Every value
 * may be null; one whose default is a string, number or boolean must be one too; any other holds
 * a string, number, boolean or list of numbers (a column width), never an object.
 */
function attributeProblem(specs: Readonly<Record<string, AttributeSpec>>, values: Attrs): string | null {
  for (const name in values) if (!(name in specs)) return `an attribute MLDoc does not know ("${name}")`
  for (const { name, validate, validateKinds, kinds } of rulesOf(specs)) {
    const value = values[name]
    const kind = kindOf(value)
    if (kind !== 'null' && !kinds.includes(kind)) return `a "${name}" attribute of the wrong kind (${kind} where ${kinds.join(' or ')} is expected)`
    if (validateKinds !== null && !validateKinds.includes(value === null ? 'null' : typeof value)) {
      return `a "${name}" attribute of the wrong kind (${kind} where ${validateKinds.join('|')} is expected)`
    }
    if (validate !== null) {
      try {
        validate(value)
      } catch (error) {
        return `a "${name}" attribute MLDoc refuses (${(error as Error).message})`
      }
    }
  }
  return null
}

/**
 * The marks a text (or other inline node) keeps: of marks that exclude each other (code and
 * italic) the one that excludes the other, so code wins, as ProseMirror's own `addToSet` decides.
 * The marks come in the schema's order, so every peer keeps the same ones.
 */
function compatibleMarks(node: PMNode): PMNode {
  if (node.marks.length < 2) return node
  let kept = Mark.none
  for (const mark of node.marks) if (!kept.some((other) => other.type.excludes(mark.type))) kept = mark.addToSet(kept)
  return Mark.sameSet(kept, node.marks) ? node : node.mark(kept)
}

/**
 * A node as the editor binding (`@tiptap/y-tiptap`) builds it from the Y.Doc: children first,
 * then the node, which is dropped (null) when its content breaks its rule (a table without rows,
 * a cell with two paragraphs, a mark the node does not allow), so a broken child can take its
 * parent with it. The binding also deletes what it drops from the Y.Doc, so every peer's copy ends
 * up without it. Marks that exclude each other are left to {@link compatibleMarks}, as the
 * binding leaves them. The same node when nothing was dropped.
 */
function asBound(node: PMNode): PMNode | null {
  if (node.isLeaf) return node
  const children = childrenChanged(node, asBound)
  const content = children ? Fragment.fromArray(children) : node.content
  if (!node.type.validContent(content)) return null
  return children ? node.copy(content) : node
}

/**
 * The children of `node` after `change`, leaving out those it drops (null), or null when it
 * returned every child as it was: most nodes of a body change nothing, and build no array.
 */
function childrenChanged(node: PMNode, change: (child: PMNode) => PMNode | null): PMNode[] | null {
  let children: PMNode[] | null = null
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i)
    const next = change(child)
    if (next !== child && children === null) children = node.content.content.slice(0, i)
    if (children !== null && next !== null) children.push(next)
  }
  return children
}

/** A node with compatible marks on all its inline content; the same node when they all were. */
function withCompatibleMarks(node: PMNode): PMNode {
  if (node.isLeaf) return node
  const children = childrenChanged(node, (child) => (child.isInline ? compatibleMarks(child) : withCompatibleMarks(child)))
  return children ? node.copy(Fragment.fromArray(children)) : node
}

/** A top-level block as every reader shows it, or null when the editor binding drops it. */
function repairedBlock(block: PMNode): PMNode | null {
  const bound = asBound(block)
  return bound && withCompatibleMarks(bound)
}

/** Per schema: the node types that can hold a table somewhere inside them (a table too, when its cells can). */
const tableHolders = new WeakMap<Schema, ReadonlySet<NodeType>>()

function typesHoldingTables(schema: Schema): ReadonlySet<NodeType> {
  let holders = tableHolders.get(schema)
  if (!holders) {
    const types = Object.values(schema.nodes)
    const found = new Set<NodeType>()
    let reached = types.filter((type) => type.spec.tableRole === 'table')
    while (reached.length > 0) {
      const next = types.filter((type) => !found.has(type) && reached.some((held) => canHold(type, held)))
      for (const type of next) found.add(type)
      reached = next
    }
    holders = found
    tableHolders.set(schema, holders)
  }
  return holders
}

/**
 * Whether a table that `fixTables` would pad (one whose map has problems) lies inside `node`,
 * looking only into nodes that can hold a table and skipping `skipped` (blocks a repair returned
 * before): the paragraphs and text that make up nearly all of a body are never walked.
 */
function holdsRaggedTable(node: PMNode, holders: ReadonlySet<NodeType>, skipped: ReadonlySet<PMNode>): boolean {
  let found = false
  node.forEach((child) => {
    if (found || skipped.has(child)) return
    if (child.type.spec.tableRole === 'table' && TableMap.get(child).problems) found = true
    else if (holders.has(child.type)) found = holdsRaggedTable(child, holders, skipped)
  })
  return found
}

/**
 * The body with every ragged table padded, as prosemirror-tables' `fixTables` does in the editor;
 * with `previous`, only tables that are not nodes of `previous` are looked at. `fixTables` runs
 * only when some table needs it: it walks every node of the body, text included.
 */
function withTablesFixed(body: PMNode, previous: PMNode | undefined, previousBlocks: ReadonlySet<PMNode>): PMNode {
  if (!holdsRaggedTable(body, typesHoldingTables(body.type.schema), previousBlocks)) return body
  const tr = fixTables(EditorState.create({ doc: body }), previous ? EditorState.create({ doc: previous }) : undefined)
  return tr ? tr.doc : body
}

/**
 * The valid document a body merged from concurrent edits stands for, as the editor shows it:
 * nodes whose content breaks their rule dropped, as the editor binding drops them (a table
 * without rows, a list without items, and a block that needs the table it lost); an emptied body
 * given one empty paragraph, as ProseMirror fills it; ragged tables padded, as prosemirror-tables'
 * `fixTables` pads them; of two marks that cannot go together (code and italic) the one that
 * excludes the other kept. A pure function of the body, so every peer reading the same Y.Doc gets
 * the same document; a valid body comes back as the same node. The body must have no
 * {@link bodyDefect}.
 *
 * `previous`, a body this function returned (or a valid one), makes the repair cost what changed:
 * its top-level blocks, and the tables in them, are taken as they are. The editor passes the
 * document it showed before each change from the Y.Doc.
 */
export function repairBody(body: PMNode, previous?: PMNode): PMNode {
  const repaired = new Set<PMNode>()
  previous?.forEach((block) => repaired.add(block))
  const blocks: PMNode[] = []
  let changed = false
  body.forEach((block) => {
    const next = repaired.has(block) ? block : repairedBlock(block)
    if (next !== block) changed = true
    if (next) blocks.push(next)
  })
  let doc = changed ? body.copy(Fragment.fromArray(blocks)) : body
  if (!doc.type.validContent(doc.content)) doc = doc.type.createAndFill(doc.attrs, doc.content) ?? doc
  return withTablesFixed(doc, previous, repaired)
}
