import type { JSONContent } from '@tiptap/core'
import { emptyBlockJSON } from '../../core/blocks/define.js'
import { BLOCKS } from '../../core/blocks/registry.js'
import { emptyMeta } from '../../core/document/meta.js'
import type { MLDocument } from '../../core/document/model.js'
import { mldocSchema } from '../../core/schema/index.js'
import { SeededRandom } from './random.js'

/** What a generated document holds at scale 1; scale k holds k times each. */
export const BASE_COUNTS = { paragraphs: 2000, tables: 200, taskItems: 500, blocks: 100 } as const

/** The seed every benchmark uses, so each run measures the same documents. */
export const BENCH_SEED = 20261126

/** Sections of a scale-1 document: each holds 20 paragraphs, 2 tables, 5 task items and 1 block. */
export const BASE_SECTIONS = 100
const PARAGRAPHS_PER_SECTION = BASE_COUNTS.paragraphs / BASE_SECTIONS
const TASKS_PER_SECTION = BASE_COUNTS.taskItems / BASE_SECTIONS

const WORDS = [
  'model', 'feature', 'pipeline', 'training', 'serving', 'latency', 'recall', 'precision', 'drift', 'baseline',
  'dataset', 'label', 'schema', 'batch', 'stream', 'monitor', 'threshold', 'rollback', 'registry', 'experiment',
  'the', 'a', 'of', 'to', 'and', 'in', 'for', 'on', 'with', 'from', 'by', 'each', 'every', 'when', 'then',
  'customer', 'churn', 'score', 'weekly', 'nightly', 'owner', 'review', 'evidence', 'target', 'metric',
  'validation', 'holdout', 'split', 'leakage', 'calibration', 'fairness', 'budget', 'quota', 'alert', 'dashboard',
  'Kubernetes', 'Airflow', 'MLflow', 'Feast', 'BigQuery', 'Spark', 'PyTorch', 'XGBoost', 'Triton', 'Prometheus',
] as const

/** Words as people type them, with the characters Markdown must escape now and then. */
const ODD_WORDS = ['snake_case', 'a*b', '<tag>', 'p|q', '#1', '[draft]', 'C:\\path', '50%'] as const

function words(random: SeededRandom, min: number, max: number): string {
  const count = random.int(min, max)
  const out: string[] = []
  for (let i = 0; i < count; i++) out.push(random.chance(0.02) ? random.pick(ODD_WORDS) : random.pick(WORDS))
  return out.join(' ')
}

function text(value: string, marks?: JSONContent['marks']): JSONContent {
  return marks ? { type: 'text', text: value, marks } : { type: 'text', text: value }
}

/** A paragraph of 15-60 words; about one in three carries bold, italic, code or a link. */
function paragraph(random: SeededRandom): JSONContent {
  const content: JSONContent[] = [text(`${words(random, 8, 30)} `)]
  if (random.chance(0.35)) {
    const mark = random.pick([
      { type: 'bold' },
      { type: 'italic' },
      { type: 'code' },
      { type: 'link', attrs: { href: `https://example.com/runbook/${random.int(1, 999)}` } },
    ])
    content.push(text(words(random, 1, 4), [mark]))
    content.push(text(` ${words(random, 6, 26)}.`))
  } else {
    const last = content[0]!
    last.text = `${last.text!.trimEnd()}.`
  }
  return { type: 'paragraph', content }
}

function cell(type: 'tableHeader' | 'tableCell', value: string): JSONContent {
  return { type, content: [{ type: 'paragraph', content: value ? [text(value)] : [] }] }
}

/** A GFM table of 3-5 columns and 3-6 body rows. */
function table(random: SeededRandom): JSONContent {
  const columns = random.int(3, 5)
  const rows: JSONContent[] = [{ type: 'tableRow', content: Array.from({ length: columns }, () => cell('tableHeader', words(random, 1, 2))) }]
  const bodyRows = random.int(3, 6)
  for (let r = 0; r < bodyRows; r++) {
    rows.push({ type: 'tableRow', content: Array.from({ length: columns }, () => cell('tableCell', words(random, 1, 5))) })
  }
  return { type: 'table', content: rows }
}

function taskList(random: SeededRandom, items: number): JSONContent {
  return {
    type: 'taskList',
    content: Array.from({ length: items }, () => ({
      type: 'taskItem',
      attrs: { checked: random.chance(0.4) },
      content: [{ type: 'paragraph', content: [text(words(random, 3, 10))] }],
    })),
  }
}

/**
 * Fills a new block the way a team would: every choice picked, every text field and empty
 * table cell written, every maturity row rated, some checklist items ticked.
 */
function fillBlock(node: JSONContent, random: SeededRandom, attrsOf: (type: string) => readonly { name: string; kind: string; values?: readonly { id: string }[] }[]): JSONContent {
  const filled: JSONContent = { ...node }
  const specAttrs = attrsOf(node.type ?? '')
  if (specAttrs.length > 0) {
    const attrs: Record<string, unknown> = { ...node.attrs }
    for (const attr of specAttrs) {
      attrs[attr.name] = attr.kind === 'date'
        ? `2027-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`
        : random.pick(attr.values!).id
    }
    filled.attrs = attrs
  }
  if (node.type === 'maturityCriterion') filled.attrs = { ...node.attrs, level: random.pick(['0', '1', '2']) }
  if (node.type === 'taskItem') filled.attrs = { ...node.attrs, checked: random.chance(0.5) }
  if ((node.type === 'blockField' || node.type === 'paragraph') && !node.content?.length) {
    filled.content = [text(words(random, 2, 12))]
  } else if (node.content) {
    filled.content = node.content.map((child) => fillBlock(child, random, attrsOf))
  }
  return filled
}

function blockAttrs(type: string) {
  return BLOCKS.find((b) => b.spec.type === type)?.spec.attrs ?? []
}

/** The k-th structured block of a document: the seven types in turn, each filled. */
function structuredBlock(random: SeededRandom, k: number): JSONContent {
  const spec = BLOCKS[k % BLOCKS.length]!.spec
  return fillBlock(emptyBlockJSON(spec, 'en'), random, blockAttrs)
}

/** A section: a heading (every third one with template guidance, some marked done), then its content. */
function section(random: SeededRandom, index: number): JSONContent[] {
  const out: JSONContent[] = [{
    type: 'heading',
    attrs: {
      level: index % 10 === 0 ? 1 : 2,
      guidance: index % 3 === 0 ? `Describe ${words(random, 3, 8)}.` : null,
      done: index % 4 === 0,
    },
    content: [text(`${index + 1}. ${words(random, 2, 5)}`)],
  }]
  const blockAt = random.int(0, PARAGRAPHS_PER_SECTION - 1)
  // Two tables per section (BASE_COUNTS.tables / BASE_SECTIONS), after the 5th and the 14th paragraph.
  const tablesAt = new Set([4, 13])
  const tasksAt = 9
  for (let p = 0; p < PARAGRAPHS_PER_SECTION; p++) {
    out.push(paragraph(random))
    if (tablesAt.has(p)) out.push(table(random))
    if (p === tasksAt) out.push(taskList(random, TASKS_PER_SECTION))
    if (p === blockAt) out.push(structuredBlock(random, index))
  }
  return out
}

/** What to generate: the size, and for tests a smaller base. */
export interface GenerateOptions {
  /** Multiple of the base counts (1, 2, 4, 8). */
  readonly scale: number
  /** Sections at scale 1: {@link BASE_SECTIONS} gives the base counts; tests pass a handful. */
  readonly sections?: number
  readonly seed?: number
}

/**
 * The ProseMirror JSON of a generated ML Engineering Document: at scale 1 it holds
 * {@link BASE_COUNTS} (2,000 paragraphs, 200 tables, 500 task items, 100 filled structured
 * blocks of the seven types in turn) in 100 sections; scale k holds k times as many sections.
 * Deterministic for a seed.
 */
export function generateDocumentJSON(options: GenerateOptions): JSONContent {
  const { scale, sections = BASE_SECTIONS, seed = BENCH_SEED } = options
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`generateDocumentJSON: scale must be a positive integer, got ${scale}`)
  const random = new SeededRandom(seed)
  const content: JSONContent[] = []
  for (let s = 0; s < sections * scale; s++) content.push(...section(random, s))
  return { type: 'doc', content }
}

/** A generated document (header and checked body); see {@link generateDocumentJSON}. */
export function generateDocument(options: GenerateOptions): MLDocument {
  const { scale } = options
  const body = mldocSchema().nodeFromJSON(generateDocumentJSON(options))
  body.check()
  const meta = { ...emptyMeta('en'), title: `Benchmark document x${scale}`, template: 'ml-engineering-document', version: '1.0', authors: ['Bench Author'], reviewers: ['Bench Reviewer'] }
  return { meta, body }
}

/** How many of each kind of node a body holds: the benchmarks print time per node. */
export function countNodes(body: MLDocument['body']): { nodes: number; textChars: number } {
  let nodes = 0
  let textChars = 0
  body.descendants((node) => {
    nodes++
    if (node.isText) textChars += node.text!.length
    return true
  })
  return { nodes, textChars }
}
