import type { JSONContent } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { PhrasingContent, RootContent, Table } from 'mdast'
import type { AttrSpec, BlockSpec, ChoiceSpec, FieldSpec } from '../blocks/define.js'
import { choiceLabel } from '../blocks/define.js'
import { foldLabel, LANGS, type Labels } from '../i18n.js'
import { lineOf, type BlockExportContext, type BlockImportContext, type BlockMarkdown } from './block-markdown.js'
import { plainText } from './inline-import.js'

/** One row of a key/value table: a field, an attribute, or a value derived from the block. */
export type KeyValueRow =
  | { readonly kind: 'field'; readonly label: Labels; readonly field: FieldSpec }
  | { readonly kind: 'attr'; readonly label: Labels; readonly attr: AttrSpec }
  /** Written for the reader, ignored on import (e.g. the computed maturity level). */
  | { readonly kind: 'derived'; readonly label: Labels; readonly value: (block: PMNode) => string }

/** The values read from a key/value table. */
export interface KeyValues {
  readonly attrs: Readonly<Record<string, string | null>>
  /** Field name to the field's inline content. */
  readonly fields: ReadonlyMap<string, JSONContent[]>
}

/** A problem with a block's visible form, and the line it is on. */
export interface FormError {
  readonly error: string
  readonly line?: number
}

/** The key/value row of a block's field. */
export function fieldRow(spec: BlockSpec, name: string): KeyValueRow {
  const field = spec.fields.find((f) => f.name === name)
  if (!field) throw new Error(`block ${spec.type} has no field ${name}`)
  return { kind: 'field', label: field.label, field }
}

/** The key/value row of a block's attribute (a choice or a date). */
export function attrRow(spec: BlockSpec, name: string): KeyValueRow {
  const attr = spec.attrs.find((a) => a.name === name)
  if (!attr) throw new Error(`block ${spec.type} has no attribute ${name}`)
  return { kind: 'attr', label: attr.label, attr }
}

/** The `blockField` child of a block (or of a maturity row) with this name. */
export function blockField(parent: PMNode, name: string): PMNode | undefined {
  let found: PMNode | undefined
  parent.forEach((child) => {
    if (!found && child.type.name === 'blockField' && child.attrs.name === name) found = child
  })
  return found
}

/** The first child of a block with this node type (its table, its task list). */
export function childOfType(parent: PMNode, type: string): PMNode | undefined {
  let found: PMNode | undefined
  parent.forEach((child) => {
    if (!found && child.type.name === type) found = child
  })
  return found
}

/** JSON of a `blockField` holding inline content. */
export function fieldContentJSON(name: string, content: readonly JSONContent[] | undefined): JSONContent {
  return content && content.length ? { type: 'blockField', attrs: { name }, content: [...content] } : { type: 'blockField', attrs: { name } }
}

function textCell(text: string): PhrasingContent[] {
  return text ? [{ type: 'text', value: text }] : []
}

/** The value of an attribute as written: a choice's label in the document's language, a date as is. */
export function attrText(attr: AttrSpec, value: unknown, ctx: BlockExportContext): string {
  if (value === null || value === undefined) return ''
  return attr.kind === 'enum' ? choiceLabel(attr, String(value), ctx.lang) : String(value)
}

/** A two-column GFM table, one row per key, values in the document's language. */
export function keyValueTable(block: PMNode, rows: readonly KeyValueRow[], ctx: BlockExportContext): Table {
  return {
    type: 'table',
    align: [null, null],
    children: rows.map((row) => {
      let value: PhrasingContent[]
      if (row.kind === 'field') {
        const field = blockField(block, row.field.name)
        value = field ? ctx.inline(field) : []
      } else if (row.kind === 'attr') value = textCell(attrText(row.attr, block.attrs[row.attr.name], ctx))
      else value = textCell(row.value(block))
      return { type: 'tableRow', children: [{ type: 'tableCell', children: textCell(row.label[ctx.lang]) }, { type: 'tableCell', children: value }] }
    }),
  }
}

/** Whether a label, as written, is one of the label's languages (folded). */
export function matchesLabel(text: string, label: Labels): boolean {
  const folded = foldLabel(text)
  return LANGS.some((lang) => foldLabel(label[lang]) === folded)
}

/** Reads a choice value written as its label (either language) or its id; empty is null. */
export function readChoice(choice: ChoiceSpec, text: string): { value: string | null } | { error: string } {
  const folded = foldLabel(text)
  if (!folded) return { value: null }
  const value = choice.values.find((v) => foldLabel(v.id) === folded || matchesLabel(text, v.label))
  if (value) return { value: value.id }
  return { error: `"${text.trim()}" is not a ${choice.label.en} (${choice.values.map((v) => v.label.en).join(', ')})` }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Reads a calendar date `YYYY-MM-DD`; empty is null. */
export function readDate(text: string, label: string): { value: string | null } | { error: string } {
  const value = text.trim()
  if (!value) return { value: null }
  const match = DATE.exec(value)
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
    const date = new Date(Date.UTC(year, month - 1, day))
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return { value }
  }
  return { error: `${label} "${value}" is not a date (YYYY-MM-DD)` }
}

/**
 * Reads a key/value table written by {@link keyValueTable}. Rows are matched by their label in
 * either language (order does not matter); every row except derived ones must be there once,
 * and no other row may be.
 */
export function readKeyValueTable(node: RootContent | undefined, rows: readonly KeyValueRow[], what: string, ctx: BlockImportContext): KeyValues | FormError {
  if (node?.type !== 'table') return { error: `a key/value table of the ${what} is expected here`, line: lineOf(node) }
  const attrs: Record<string, string | null> = {}
  const fields = new Map<string, JSONContent[]>()
  const seen = new Set<KeyValueRow>()
  for (const tableRow of node.children) {
    const line = lineOf(tableRow)
    if (tableRow.children.length > 2) return { error: `a row of the ${what} has more than two columns`, line }
    const key = plainText(tableRow.children[0]?.children ?? [])
    const row = rows.find((r) => matchesLabel(key, r.label))
    if (!row) return { error: `"${key.trim()}" is not a row of the ${what}`, line }
    if (seen.has(row)) return { error: `row "${key.trim()}" appears twice`, line }
    seen.add(row)
    const cell = tableRow.children[1]?.children ?? []
    if (row.kind === 'field') fields.set(row.field.name, ctx.inline(cell))
    else if (row.kind === 'attr') {
      const read = row.attr.kind === 'enum' ? readChoice(row.attr, plainText(cell)) : readDate(plainText(cell), row.attr.label.en)
      if ('error' in read) return { error: read.error, line }
      attrs[row.attr.name] = read.value
    }
  }
  const missing = rows.filter((r) => r.kind !== 'derived' && !seen.has(r))
  if (missing.length) return { error: `row${missing.length > 1 ? 's' : ''} ${missing.map((r) => `"${r.label.en}"`).join(', ')} missing`, line: lineOf(node) }
  return { attrs, fields }
}

/** A block whose whole visible form is one key/value table (metric, tool choice, risk). */
export function keyValueBlockJSON(spec: BlockSpec, values: KeyValues): JSONContent {
  const attrs: Record<string, string | null> = {}
  for (const attr of spec.attrs) attrs[attr.name] = values.attrs[attr.name] ?? null
  return { type: spec.type, attrs, content: spec.fields.map((f) => fieldContentJSON(f.name, values.fields.get(f.name))) }
}

/** The Markdown codec of a block whose visible form is one key/value table of these rows. */
export function keyValueBlockMarkdown(spec: BlockSpec, rows: readonly KeyValueRow[]): BlockMarkdown {
  const what = spec.label.en.toLowerCase()
  return {
    spec,
    toMarkdown: (block, ctx) => [keyValueTable(block, rows, ctx)],
    fromMarkdown: (siblings, ctx) => {
      const values = readKeyValueTable(siblings[0], rows, what, ctx)
      return 'error' in values ? values : { block: keyValueBlockJSON(spec, values), consumed: 1 }
    },
  }
}
