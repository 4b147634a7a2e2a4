import type { Node as PMNode } from '@tiptap/pm/model'
import { isBlockType, type BlockType } from '../blocks/define.js'
import type { MLDocument } from '../document/model.js'
import { MATURITY_CRITERIA } from '../domain/maturity.js'
import { foldLabel, type Labels } from '../i18n.js'
import { blockTarget, documentTarget, sectionTarget } from './targets.js'

/** A structured block as the rules see it. */
export interface LintBlock {
  readonly node: PMNode
  readonly pos: number
  readonly type: BlockType
  /** 1-based position among the blocks of its type, to name a block that has no name yet. */
  readonly ordinal: number
  /** Value of a choice attribute, or null when none is picked. */
  attr(name: string): string | null
  /** Trimmed text of the block's own field of that name ('' when empty or absent). */
  field(name: string): string
  readonly target: Labels
}

/** A heading and what follows it up to the next heading of the same or a higher level. */
export interface LintSection {
  readonly title: string
  readonly level: number
  /** Position of the heading. */
  readonly pos: number
  /** Position where the section ends (the next heading of the same or a higher level, or the document's end). */
  readonly end: number
  readonly done: boolean
  readonly guidance: string | null
  readonly target: Labels
}

/**
 * A piece of text the document states: a paragraph, a cell, a field, a checked checklist item.
 * Not statements: headings (structure), unchecked checklist items (plans), table rows with only
 * their first cell filled (an empty form), and text copied from MLDoc's maturity reference (the
 * level descriptions say what a level means, not what this project does).
 */
export interface Statement {
  readonly text: string
  /** The text folded with {@link foldLabel}: lower case, one kind of apostrophe, single spaces. */
  readonly folded: string
  /** Position of the top-level node that holds it (what a finding about it points at). */
  readonly pos: number
}

/** A top-level node of the body with its position. */
export interface TopNode {
  readonly node: PMNode
  readonly pos: number
}

/** Everything the rules read, computed once per lint run. */
export interface LintContext {
  readonly doc: MLDocument
  readonly blocks: readonly LintBlock[]
  readonly sections: readonly LintSection[]
  readonly statements: readonly Statement[]
  readonly topNodes: readonly TopNode[]
  readonly target: Labels
  blocksOf(type: BlockType): readonly LintBlock[]
  /** The innermost section that contains a position, if any. */
  sectionAt(pos: number): LintSection | undefined
  /**
   * The first statement whose folded text matches a pattern written for folded text, if any;
   * `match` is the matching words as the document writes them (their case kept).
   */
  findStatement(pattern: RegExp): { statement: Statement; match: string } | undefined
}

/** The text with every apostrophe written as `'`, as {@link foldLabel} does, and nothing else changed. */
function unifyApostrophes(text: string): string {
  return text.replace(/[\u2018\u2019\u02BB\u02BC\u0060\u00B4]/g, "'")
}

/** Reads a document once into what the rules need. */
export function lintContext(doc: MLDocument): LintContext {
  const body = doc.body
  const topNodes: TopNode[] = []
  body.forEach((node, pos) => topNodes.push({ node, pos }))

  const counts = new Map<BlockType, number>()
  const blocks: LintBlock[] = []
  body.descendants((node, pos) => {
    if (!isBlockType(node.type.name)) return true
    const type = node.type.name
    const ordinal = (counts.get(type) ?? 0) + 1
    counts.set(type, ordinal)
    blocks.push(lintBlock(node, pos, type, ordinal))
    return false
  })

  const sections = readSections(topNodes, body.content.size)
  const statements = readStatements(topNodes)
  return {
    doc,
    blocks,
    sections,
    statements,
    topNodes,
    target: documentTarget(doc.meta.title),
    blocksOf: (type) => blocks.filter((b) => b.type === type),
    sectionAt: (pos) => {
      let inner: LintSection | undefined
      for (const s of sections) if (s.pos <= pos && pos < s.end && (!inner || s.pos > inner.pos)) inner = s
      return inner
    },
    findStatement: (pattern) => {
      const statement = statements.find((s) => pattern.test(s.folded))
      if (!statement) return undefined
      const asWritten = new RegExp(pattern.source, `${pattern.flags.replace(/[gy]/g, '')}i`).exec(unifyApostrophes(statement.text))
      return { statement, match: asWritten?.[0] ?? pattern.exec(statement.folded)![0] }
    },
  }
}

function lintBlock(node: PMNode, pos: number, type: BlockType, ordinal: number): LintBlock {
  const fields = new Map<string, string>()
  node.forEach((child) => {
    if (child.type.name === 'blockField') fields.set(String(child.attrs.name), child.textContent.trim())
  })
  const attr = (name: string) => {
    const value: unknown = node.attrs[name]
    return typeof value === 'string' && value !== '' ? value : null
  }
  const field = (name: string) => fields.get(name) ?? ''
  return { node, pos, type, ordinal, attr, field, target: blockTarget(type, ordinal, attr, field) }
}

function readSections(topNodes: readonly TopNode[], size: number): LintSection[] {
  const headings = topNodes.filter((t) => t.node.type.name === 'heading')
  return headings.map(({ node, pos }, i) => {
    const level = Number(node.attrs.level)
    const next = headings.slice(i + 1).find((h) => Number(h.node.attrs.level) <= level)
    const title = node.textContent.trim()
    const guidance = typeof node.attrs.guidance === 'string' && node.attrs.guidance.trim() ? node.attrs.guidance : null
    return { title, level, pos, end: next?.pos ?? size, done: node.attrs.done === true, guidance, target: sectionTarget(title) }
  })
}

/** The maturity model's own words (criteria and level descriptions), folded. */
const REFERENCE_TEXTS: ReadonlySet<string> = new Set(
  MATURITY_CRITERIA.flatMap((c) => [c.label, ...c.levels]).flatMap((l) => [foldLabel(l.en), foldLabel(l.uz)]),
)

/** A table row that has a label but nothing filled in after it. */
function isEmptyFormRow(row: PMNode): boolean {
  let filled = false
  row.forEach((cell, _offset, index) => {
    if (index > 0 && cell.textContent.trim()) filled = true
  })
  return row.childCount > 1 && !filled
}

function readStatements(topNodes: readonly TopNode[]): Statement[] {
  const statements: Statement[] = []
  const add = (node: PMNode, pos: number) => {
    const text = node.textContent
    const folded = foldLabel(text)
    if (folded && !REFERENCE_TEXTS.has(folded)) statements.push({ text, folded, pos })
  }
  for (const top of topNodes) {
    if (top.node.type.name === 'heading') continue
    if (top.node.isTextblock) {
      add(top.node, top.pos)
      continue
    }
    top.node.descendants((node) => {
      if (node.type.name === 'taskItem' && node.attrs.checked !== true) return false
      if (node.type.name === 'heading') return false
      if (node.type.name === 'tableRow' && isEmptyFormRow(node)) return false
      if (node.isTextblock) {
        add(node, top.pos)
        return false
      }
      return true
    })
  }
  return statements
}
