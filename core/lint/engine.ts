import type { MLDocument } from '../document/model.js'
import type { Lang } from '../i18n.js'
import { BLOCK_RULES } from './block-rules.js'
import { lintContext } from './context.js'
import type { Finding, LintRuleInfo, RuleHit } from './rule.js'
import { DOCUMENT_RULES } from './rules/index.js'

/** Options of {@link lintDocument}. */
export interface LintOptions {
  /** Language of the messages and targets; the document's own language by default. */
  readonly lang?: Lang
}

/** Every rule the linter runs: block rules first (by block), then document rules. */
export const LINT_RULES: readonly LintRuleInfo[] = Object.freeze(
  [...BLOCK_RULES, ...DOCUMENT_RULES].map(({ id, severity, description }) => Object.freeze({ id, severity, description })),
)

/**
 * Checks an ML Engineering Document against every rule in {@link LINT_RULES} and returns what it
 * found, sorted by position and then rule id (ties keep the order the rule reported them in), so
 * the same document always gives the same list.
 */
export function lintDocument(doc: MLDocument, options: LintOptions = {}): Finding[] {
  const lang = options.lang ?? doc.meta.lang
  const context = lintContext(doc)
  const findings: Finding[] = []
  const report = (rule: LintRuleInfo, hits: readonly RuleHit[]) => {
    for (const hit of hits) {
      findings.push({ rule: rule.id, severity: rule.severity, message: hit.message[lang], pos: hit.pos, target: hit.target[lang] })
    }
  }
  for (const rule of BLOCK_RULES) for (const block of context.blocksOf(rule.block)) report(rule, rule.check(block, context))
  for (const rule of DOCUMENT_RULES) report(rule, rule.check(context))
  return findings.sort((a, b) => a.pos - b.pos || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0))
}
