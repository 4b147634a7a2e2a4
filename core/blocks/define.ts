import { Node, mergeAttributes, type JSONContent } from '@tiptap/core'
import type { Labels, Lang } from '../i18n.js'

/** A text field of a structured block: document content that merges character by character. */
export interface FieldSpec {
  /** Stable key, stored in the `blockField` node's `name` attribute. */
  readonly name: string
  readonly label: Labels
  /** Short help shown as placeholder text while the field is empty. */
  readonly hint: Labels
}

/** One allowed value of a {@link ChoiceSpec}. */
export interface ChoiceValue {
  readonly id: string
  readonly label: Labels
}

/**
 * A value picked from a fixed list (layer, status, level...), stored as a node attribute.
 * Concurrent picks keep one writer's value, which is what a choice means.
 */
export interface ChoiceSpec {
  readonly name: string
  readonly label: Labels
  readonly kind: 'enum'
  readonly values: readonly ChoiceValue[]
  /** Value of a new block; `null` means "not chosen yet". */
  readonly default: string | null
}

/** A calendar date attribute (`YYYY-MM-DD`), or null when not set. */
export interface DateSpec {
  readonly name: string
  readonly label: Labels
  readonly kind: 'date'
  readonly default: null
}

/** An attribute of a structured block. */
export type AttrSpec = ChoiceSpec | DateSpec

/** The part of a block definition that describes its node: shared by every layer. */
export interface BlockSpec {
  /** ProseMirror node name, e.g. `metric`. */
  readonly type: BlockType
  /** Name in the Markdown marker `<!-- mldoc:<markdownName> v<version> -->`. */
  readonly markdownName: string
  /** Format version written in the marker; bump it and add a migration when the form changes. */
  readonly formatVersion: number
  readonly label: Labels
  readonly description: Labels
  readonly attrs: readonly AttrSpec[]
  readonly fields: readonly FieldSpec[]
  /** ProseMirror content expression of the block node. */
  readonly content: string
  /** Content of a new, empty block (children after the attributes), in a language. */
  readonly emptyContent: (lang: Lang) => JSONContent[]
}

/** Every structured block type, by node name. */
export const BLOCK_TYPES = [
  'metric',
  'toolChoice',
  'lifecycleStage',
  'maturityAssessment',
  'risk',
  'comparisonMatrix',
  'architecture',
] as const
/** Node name of a structured block. */
export type BlockType = (typeof BLOCK_TYPES)[number]

/** Narrows a node name to a structured block type. */
export function isBlockType(name: string): name is BlockType {
  return (BLOCK_TYPES as readonly string[]).includes(name)
}

/** JSON of an empty `blockField` node for a field. */
export function fieldJSON(name: string, text = ''): JSONContent {
  return text
    ? { type: 'blockField', attrs: { name }, content: [{ type: 'text', text }] }
    : { type: 'blockField', attrs: { name } }
}

/** JSON of a new block of this spec with default attributes and empty fields. */
export function emptyBlockJSON(spec: BlockSpec, lang: Lang): JSONContent {
  const attrs: Record<string, unknown> = {}
  for (const attr of spec.attrs) attrs[attr.name] = attr.default
  return { type: spec.type, attrs, content: spec.emptyContent(lang) }
}

/** Finds the label of a choice value, or the raw id when it is unknown. */
export function choiceLabel(spec: ChoiceSpec, id: string | null, lang: Lang): string {
  if (id === null) return ''
  return spec.values.find((v) => v.id === id)?.label[lang] ?? id
}

/**
 * The Tiptap node of a structured block. The renderer extends it with a node view;
 * everything else (schema, Markdown, linter, Yjs) uses it as it is.
 */
export function blockNode(spec: BlockSpec) {
  return Node.create({
    name: spec.type,
    group: 'block',
    content: spec.content,
    defining: true,
    isolating: true,
    draggable: true,
    addAttributes() {
      const attributes: Record<string, { default: unknown; parseHTML: (el: ElementAttributes) => unknown; renderHTML: (attrs: Record<string, unknown>) => Record<string, unknown> }> = {}
      for (const attr of spec.attrs) {
        const dataName = `data-${attr.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
        attributes[attr.name] = {
          default: attr.default,
          parseHTML: (el) => el.getAttribute(dataName),
          renderHTML: (attrs) => (attrs[attr.name] == null ? {} : { [dataName]: attrs[attr.name] }),
        }
      }
      return attributes
    },
    parseHTML() {
      return [{ tag: `div[data-block="${spec.type}"]` }]
    },
    renderHTML({ HTMLAttributes }) {
      return ['div', mergeAttributes(HTMLAttributes, { 'data-block': spec.type }), 0]
    },
  })
}

/** The part of a DOM element that `parseHTML` reads: core has no DOM types, the editor passes real elements. */
export interface ElementAttributes {
  getAttribute(name: string): string | null
}
