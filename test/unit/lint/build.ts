// Builders for lint tests: documents made the way the editor makes them, from empty block JSON
// with fields filled in, checked against the real schema.
import type { JSONContent } from '@tiptap/core'
import { emptyBlockJSON, fieldJSON, type BlockType } from '../../../core/blocks/define.js'
import { blockSpec } from '../../../core/blocks/registry.js'
import { tableJSON } from '../../../core/blocks/table-json.js'
import { emptyMeta, type DocumentMeta } from '../../../core/document/meta.js'
import type { MLDocument } from '../../../core/document/model.js'
import type { Lang } from '../../../core/i18n.js'
import { mldocSchema } from '../../../core/schema/index.js'

/** A document of the given top-level nodes; the header defaults to an English draft. */
export function makeDoc(content: JSONContent[], meta: Partial<DocumentMeta> = {}): MLDocument {
  const body = mldocSchema().nodeFromJSON({ type: 'doc', content: content.length ? content : [paragraph('')] })
  body.check()
  return { meta: { ...emptyMeta(meta.lang ?? 'en'), title: 'Test document', ...meta }, body }
}

export function paragraph(text: string): JSONContent {
  return { type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }
}

export function heading(text: string, level = 2, attrs: { done?: boolean; guidance?: string } = {}): JSONContent {
  return { type: 'heading', attrs: { level, done: attrs.done ?? false, guidance: attrs.guidance ?? null }, content: [{ type: 'text', text }] }
}

export function taskList(items: readonly (readonly [string, boolean])[]): JSONContent {
  return {
    type: 'taskList',
    content: items.map(([text, checked]) => ({ type: 'taskItem', attrs: { checked }, content: [paragraph(text)] })),
  }
}

/** A block of a type with attributes set and fields filled, everything else as a new block has it. */
export function block(type: BlockType, attrs: Record<string, unknown> = {}, fields: Record<string, string> = {}, lang: Lang = 'en'): JSONContent {
  const json = emptyBlockJSON(blockSpec(type), lang)
  const unknown = Object.keys(fields).filter((name) => !blockSpec(type).fields.some((f) => f.name === name))
  if (unknown.length) throw new Error(`${type} has no fields ${unknown.join(', ')}`)
  return {
    ...json,
    attrs: { ...json.attrs, ...attrs },
    content: (json.content ?? []).map((child) => {
      const name = child.type === 'blockField' ? String(child.attrs?.name) : ''
      return name in fields ? fieldJSON(name, fields[name]) : child
    }),
  }
}

/** A complete metric: every field filled; override what the test is about. */
export function metric(attrs: Record<string, unknown>, fields: Record<string, string> = {}): JSONContent {
  return block('metric', { layer: 'offline', direction: 'higher', ...attrs }, {
    name: 'Recall at top 10%',
    definition: 'Share of churners among the 10% scored highest',
    baseline: '0.31',
    baselineSource: 'CRM report, Q3 2026',
    target: '0.55',
    minimum: '0.45',
    window: '30 days after scoring',
    parent: 'Retained customers per 1,000 calls',
    owner: 'Data Scientist',
    ...fields,
  })
}

/** A complete tool choice. */
export function toolChoice(attrs: Record<string, unknown>, fields: Record<string, string> = {}): JSONContent {
  return block('toolChoice', attrs, { chosen: 'MLflow', alternatives: 'Weights & Biases', rationale: 'Self-hosted, free, the team knows it', ...fields })
}

/** A lifecycle stage block with its checklist replaced. */
export function stage(id: string, attrs: Record<string, unknown>, owner: string, items: readonly (readonly [string, boolean])[]): JSONContent {
  const json = block('lifecycleStage', { stage: id, ...attrs }, { owner })
  return { ...json, content: [json.content![0]!, taskList(items)] }
}

/** A maturity assessment with a level per criterion (one level for all, or one per row). */
export function maturity(attrs: Record<string, unknown>, levels: string | null | readonly (string | null)[]): JSONContent {
  const json = block('maturityAssessment', attrs)
  let row = 0
  return {
    ...json,
    content: json.content!.map((child) => {
      if (child.type !== 'maturityCriterion') return child
      const level = Array.isArray(levels) ? (levels[row] ?? null) : levels
      row++
      return { ...child, attrs: { ...child.attrs, level } }
    }),
  }
}

/** A complete risk. */
export function risk(attrs: Record<string, unknown>, fields: Record<string, string> = {}): JSONContent {
  return block('risk', { category: 'data-drift', likelihood: 'medium', impact: 'medium', ...attrs }, {
    description: 'Usage patterns shift after a tariff change',
    mitigation: 'Weekly drift report and retraining',
    fallback: 'PSI alert on the top 20 features',
    owner: 'ML Engineer',
    ...fields,
  })
}

/** A comparison matrix with its table rows (the first row is the header). */
export function matrix(fields: Record<string, string>, rows: readonly (readonly string[])[]): JSONContent {
  const json = block('comparisonMatrix', {}, { subject: 'Model serving', rationale: 'Fastest to run for us', ...fields })
  return { ...json, content: [...json.content!.filter((c) => c.type === 'blockField'), tableJSON(rows)] }
}

/** An architecture block with its Mermaid source and the names in its components table. */
export function architecture(diagram: string, components: readonly string[]): JSONContent {
  return {
    type: 'architecture',
    content: [
      { type: 'blockCode', attrs: { name: 'diagram', language: 'mermaid' }, content: diagram ? [{ type: 'text', text: diagram }] : [] },
      tableJSON([['Component', 'Type', 'Technology', 'Owner'], ...components.map((c) => [c, 'service', 'Python', 'ML Engineer'])]),
    ],
  }
}
