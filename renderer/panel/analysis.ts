import type { Node as PMNode } from '@tiptap/pm/model'
import { computedMaturityLevel, MATURITY_CRITERIA, type MaturityLevel } from '../../core/domain/maturity.js'
import type { Finding } from '../../core/lint/index.js'

/** A heading in the outline. */
export interface OutlineEntry {
  readonly level: number
  readonly text: string
  /** ProseMirror position of the heading. */
  readonly pos: number
}

/** The document's H1-H3 headings, in order (the sections a reader navigates by). */
export function outlineOf(doc: PMNode): OutlineEntry[] {
  const entries: OutlineEntry[] = []
  doc.forEach((node, pos) => {
    if (node.type.name === 'heading' && node.attrs.level <= 3) entries.push({ level: node.attrs.level as number, text: node.textContent, pos })
  })
  return entries
}

/** A second-level section, which the team marks done when it is written. */
export interface SectionState {
  readonly title: string
  readonly pos: number
  readonly done: boolean
}

/** The MLOps maturity a document's assessment computes. */
export interface MaturityState {
  /** The lowest level rated, or null while a criterion is unrated. */
  readonly level: MaturityLevel | null
  readonly rated: number
  readonly total: number
}

/** How far the document is: sections done of all, and the computed maturity level. */
export interface Readiness {
  readonly sections: readonly SectionState[]
  readonly done: number
  /** The first maturity assessment's computed level; null when the document has none. */
  readonly maturity: MaturityState | null
}

/** Reads readiness from the document: H2 sections with their done mark, and the first maturity assessment. */
export function readinessOf(doc: PMNode): Readiness {
  const sections: SectionState[] = []
  let maturity: MaturityState | null = null
  doc.forEach((node, pos) => {
    if (node.type.name === 'heading' && node.attrs.level === 2) sections.push({ title: node.textContent, pos, done: node.attrs.done === true })
    if (node.type.name === 'maturityAssessment' && !maturity) {
      const levels: (string | null)[] = []
      node.forEach((child) => {
        if (child.type.name === 'maturityCriterion') levels.push((child.attrs.level as string | null) ?? null)
      })
      maturity = {
        level: computedMaturityLevel(levels),
        rated: levels.filter((l) => l !== null).length,
        total: levels.length || MATURITY_CRITERIA.length,
      }
    }
  })
  return { sections, done: sections.filter((s) => s.done).length, maturity }
}

/** What the side panel shows, computed from the document off the typing path. */
export interface Analysis {
  readonly outline: readonly OutlineEntry[]
  readonly readiness: Readiness
  /** The linter's findings; null when the linter failed (see `lintError`) or has not run yet. */
  readonly findings: readonly Finding[] | null
  readonly lintError: string | null
  /** The Markdown export, computed only while the preview is shown. */
  readonly markdown: string | null
  readonly markdownError: string | null
}

/** The outline and readiness of a body, before the linter has run. */
export function structureOf(body: PMNode): Analysis {
  return { outline: outlineOf(body), readiness: readinessOf(body), findings: null, lintError: null, markdown: null, markdownError: null }
}

/**
 * `next`, unless the side panel shows the same for it as for `shown`: then `shown`. The positions
 * an analysis holds (where each heading, section and finding starts) are not shown, and typing
 * moves those of everything after the caret, so nearly every analysis differs from the last in
 * them alone. Keeping `shown` then spares a React commit, which walks the whole editor's DOM while
 * the editor has the focus (some 10 ms on a long document, delaying a keystroke typed meanwhile).
 */
export function shownAnalysis(shown: Analysis, next: Analysis): Analysis {
  const withoutPositions = (analysis: Analysis) => JSON.stringify(analysis, (key, value: unknown) => (key === 'pos' ? undefined : value))
  return shown === next || withoutPositions(shown) === withoutPositions(next) ? shown : next
}
