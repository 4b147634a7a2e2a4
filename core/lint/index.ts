/** The design-document linter: rules from the ML lifecycle that a document is checked against. */
export { lintDocument, LINT_RULES, type LintOptions } from './engine.js'
export type { Finding, Severity, LintRuleInfo } from './rule.js'
