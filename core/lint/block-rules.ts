import { architectureLintRules } from '../blocks/architecture/lint.js'
import { comparisonMatrixLintRules } from '../blocks/comparison-matrix/lint.js'
import { lifecycleStageLintRules } from '../blocks/lifecycle-stage/lint.js'
import { maturityAssessmentLintRules } from '../blocks/maturity-assessment/lint.js'
import { metricLintRules } from '../blocks/metric/lint.js'
import { riskLintRules } from '../blocks/risk/lint.js'
import { toolChoiceLintRules } from '../blocks/tool-choice/lint.js'
import type { BlockLintRule } from './rule.js'

/** Every block's rules, each defined beside its block in `core/blocks/<block>/lint.ts`. */
export const BLOCK_RULES: readonly BlockLintRule[] = [
  ...metricLintRules,
  ...toolChoiceLintRules,
  ...lifecycleStageLintRules,
  ...maturityAssessmentLintRules,
  ...riskLintRules,
  ...comparisonMatrixLintRules,
  ...architectureLintRules,
]
