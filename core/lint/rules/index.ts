import type { DocumentLintRule } from '../rule.js'
import { baselineModelMissing } from './baseline-model.js'
import { fairnessAnalysisMissing } from './fairness.js'
import { leftoverInDoneSection } from './leftovers.js'
import { codePipeInCell } from './markdown-limits.js'
import { businessMetricMissing } from './metrics.js'
import { monitoringSignalMissing } from './monitoring.js'
import { rolloutGuardrailMissing } from './rollout.js'
import { signoffMissing } from './signoff.js'
import { stageToolingMissing } from './tooling.js'

/** Rules about the document as a whole, in the order they are listed. */
export const DOCUMENT_RULES: readonly DocumentLintRule[] = [
  businessMetricMissing,
  stageToolingMissing,
  rolloutGuardrailMissing,
  fairnessAnalysisMissing,
  baselineModelMissing,
  monitoringSignalMissing,
  leftoverInDoneSection,
  signoffMissing,
  codePipeInCell,
]
