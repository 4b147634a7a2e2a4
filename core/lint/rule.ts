import type { BlockType } from '../blocks/define.js'
import type { Labels } from '../i18n.js'
import type { LintBlock, LintContext } from './context.js'

/** How serious a finding is: an error blocks approval, a warning is advice. */
export type Severity = 'error' | 'warning'

/** One problem the linter found, in one language, pointing at a block or a heading. */
export interface Finding {
  /** Id of the rule, e.g. `metric-offline-incomplete`. */
  readonly rule: string
  readonly severity: Severity
  readonly message: string
  /** ProseMirror position of the block or heading the finding points at (0 = the document as a whole). */
  readonly pos: number
  /** Short words naming what it points at, e.g. `metric "Recall at top 10%"` or `section "Monitoring"`. */
  readonly target: string
}

/** What every rule declares about itself: listed by {@link LINT_RULES} and shown in help. */
export interface LintRuleInfo {
  /** Stable kebab-case id. */
  readonly id: string
  readonly severity: Severity
  readonly description: Labels
}

/** One place a rule fires, in every language; the engine picks the language. */
export interface RuleHit {
  readonly pos: number
  readonly target: Labels
  readonly message: Labels
}

/** A rule about one structured block, run once per block of its type; it may read the whole document. */
export interface BlockLintRule extends LintRuleInfo {
  readonly block: BlockType
  check(block: LintBlock, doc: LintContext): readonly RuleHit[]
}

/** A rule about the document as a whole. */
export interface DocumentLintRule extends LintRuleInfo {
  check(doc: LintContext): readonly RuleHit[]
}
