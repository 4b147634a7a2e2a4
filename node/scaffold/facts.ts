import type { Node as PMNode } from '@tiptap/pm/model'
import { toolCategory } from '../../core/domain/catalog.js'
import { emptyMeta } from '../../core/document/meta.js'
import type { MLDocument } from '../../core/document/model.js'
import { foldLabel, type Lang } from '../../core/i18n.js'
import { exportMarkdown } from '../../core/markdown/index.js'
import { defaultDesignDocPath } from '../repo/export.js'
import { slugify } from '../repo/slug.js'
import { wellFormed } from './serialize.js'

/** A success metric of the document, as the generated project uses it. */
export interface MetricFact {
  readonly name: string
  /** A Python-friendly id made from the name (`Recall at top 10%` -> `recall_at_top_10`), unique. */
  readonly key: string
  readonly layer: string | null
  readonly direction: 'higher' | 'lower' | null
  readonly baseline: string
  readonly target: string
  readonly minimum: string
  readonly window: string
}

/** A tool the document chose (a tool-choice block with its Tool field filled). */
export interface ToolFact {
  /** The category's label in the document's language, or '' when none is picked. */
  readonly category: string
  readonly chosen: string
}

/** Tools whose choice changes which files the project gets, and how a choice names them. */
export const STACK_TOOLS = {
  dvc: /\bdvc\b/,
  airflow: /\bairflow\b/,
  prefect: /\bprefect\b/,
  dagster: /\bdagster\b/,
  mlflow: /\bmlflow\b/,
  bentoml: /\bbentoml\b/,
  evidently: /\bevidently\b/,
  feast: /\bfeast\b/,
} as const

/** A tool of {@link STACK_TOOLS}. */
export type StackTool = keyof typeof STACK_TOOLS

/** What the generated project is made from: everything it needs to know about the document. */
export interface ProjectFacts {
  readonly title: string
  readonly lang: Lang
  /** File-name slug of the title (`churn-prediction-service`). */
  readonly slug: string
  /** The slug with `_` (`churn_prediction_service`), for Python-side names. */
  readonly snake: string
  /** Where the design document goes in the project: `docs/design/<slug>.md`. */
  readonly designDoc: string
  /** The document's Markdown, as `mldoc export` writes it. */
  readonly markdown: string
  /** The problem as the document states it (Markdown), or null when it does not yet. */
  readonly problem: string | null
  readonly metrics: readonly MetricFact[]
  readonly tools: readonly ToolFact[]
  /** Which of {@link STACK_TOOLS} the document chose. */
  readonly stack: Readonly<Record<StackTool, boolean>>
}

/** The trimmed text of a block's field (`''` when empty or absent). */
function field(block: PMNode, name: string): string {
  let text = ''
  block.forEach((child) => {
    if (child.type.name === 'blockField' && child.attrs.name === name) text = child.textContent
  })
  return wellFormed(text.trim())
}

function blocksOf(body: PMNode, type: string): PMNode[] {
  const found: PMNode[] = []
  body.descendants((node) => {
    if (node.type.name === type) found.push(node)
    return node.type.name !== type
  })
  return found
}

function metricFacts(body: PMNode): MetricFact[] {
  const used = new Set<string>()
  return blocksOf(body, 'metric').filter((block) => field(block, 'name') !== '').map((block) => {
    const name = field(block, 'name')
    const base = slugify(name, { separator: '_', fallback: 'metric' })
    let key = base
    for (let n = 2; used.has(key); n++) key = `${base}_${n}`
    used.add(key)
    const direction = block.attrs.direction
    return {
      name,
      key,
      layer: typeof block.attrs.layer === 'string' ? block.attrs.layer : null,
      direction: direction === 'higher' || direction === 'lower' ? direction : null,
      baseline: field(block, 'baseline'),
      target: field(block, 'target'),
      minimum: field(block, 'minimum'),
      window: field(block, 'window'),
    }
  })
}

function toolFacts(body: PMNode, lang: Lang): ToolFact[] {
  return blocksOf(body, 'toolChoice').filter((block) => field(block, 'chosen') !== '').map((block) => ({
    category: toolCategory(block.attrs.category as string | null)?.label[lang] ?? '',
    chosen: field(block, 'chosen'),
  }))
}

/** Which stack tools the chosen tools name (only the Tool field counts, not the alternatives). */
function stackOf(tools: readonly ToolFact[]): Record<StackTool, boolean> {
  const chosen = tools.map((tool) => foldLabel(tool.chosen))
  const entries = Object.entries(STACK_TOOLS).map(([tool, pattern]) => [tool, chosen.some((text) => pattern.test(text))])
  return Object.fromEntries(entries) as Record<StackTool, boolean>
}

/** A section heading that states the problem: "Problem framing", "Problem", "Muammoni shakllantirish"... */
const PROBLEM_HEADING = /^(problem|muammo)/

/** Whether a node states something: a paragraph or list with text. */
function isProse(node: PMNode): boolean {
  return ['paragraph', 'bulletList', 'orderedList'].includes(node.type.name) && node.textContent.trim() !== ''
}

/**
 * The paragraphs and lists of the problem-framing section (its subsections included), or else the
 * document's opening paragraph: its first paragraph with text before the problem-framing heading
 * (anywhere, when there is no such heading), so that reference text further down, such as a
 * template's notes, is never taken for the problem. Empty when the document states neither.
 */
function problemNodes(body: PMNode): PMNode[] {
  const top: PMNode[] = []
  body.forEach((node) => top.push(node))
  const start = top.findIndex((node) => node.type.name === 'heading' && PROBLEM_HEADING.test(foldLabel(node.textContent)))
  if (start !== -1) {
    const level = top[start]!.attrs.level as number
    const rest = top.slice(start + 1)
    const end = rest.findIndex((node) => node.type.name === 'heading' && (node.attrs.level as number) <= level)
    const prose = (end === -1 ? rest : rest.slice(0, end)).filter(isProse)
    if (prose.length > 0) return prose
  }
  const opening = start === -1 ? top : top.slice(0, start)
  const first = opening.find((node) => node.type.name === 'paragraph' && isProse(node))
  return first ? [first] : []
}

/** Nodes of the body as Markdown, written by the same exporter as the design document. */
function bodyMarkdown(body: PMNode, nodes: readonly PMNode[], lang: Lang): string {
  const meta = emptyMeta(lang)
  const doc = body.type.schema.topNodeType
  const header = exportMarkdown({ meta, body: doc.createAndFill()! })
  const full = exportMarkdown({ meta, body: doc.create(null, nodes) })
  return full.slice(header.length).replace(/^\n+/, '')
}

/** Reads what the generated project needs from a document. */
export function projectFacts(doc: MLDocument): ProjectFacts {
  const slug = slugify(doc.meta.title)
  const tools = toolFacts(doc.body, doc.meta.lang)
  const problem = problemNodes(doc.body)
  return {
    title: wellFormed(doc.meta.title.trim()) || slug,
    lang: doc.meta.lang,
    slug,
    snake: slug.replace(/-/g, '_'),
    designDoc: defaultDesignDocPath(doc),
    markdown: exportMarkdown(doc),
    problem: problem.length > 0 ? bodyMarkdown(doc.body, problem, doc.meta.lang) : null,
    metrics: metricFacts(doc.body),
    tools,
    stack: stackOf(tools),
  }
}
