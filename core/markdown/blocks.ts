import { architectureMarkdown } from '../blocks/architecture/markdown.js'
import { comparisonMatrixMarkdown } from '../blocks/comparison-matrix/markdown.js'
import type { BlockType } from '../blocks/define.js'
import { lifecycleStageMarkdown } from '../blocks/lifecycle-stage/markdown.js'
import { maturityAssessmentMarkdown } from '../blocks/maturity-assessment/markdown.js'
import { metricMarkdown } from '../blocks/metric/markdown.js'
import { riskMarkdown } from '../blocks/risk/markdown.js'
import { toolChoiceMarkdown } from '../blocks/tool-choice/markdown.js'
import type { BlockMarkdown } from './block-markdown.js'

/** The Markdown codec of every structured block type. */
export const BLOCK_MARKDOWN: Readonly<Record<BlockType, BlockMarkdown>> = {
  metric: metricMarkdown,
  toolChoice: toolChoiceMarkdown,
  lifecycleStage: lifecycleStageMarkdown,
  maturityAssessment: maturityAssessmentMarkdown,
  risk: riskMarkdown,
  comparisonMatrix: comparisonMatrixMarkdown,
  architecture: architectureMarkdown,
}

/** The codec whose marker name is `name` (`<!-- mldoc:<name> v1 -->`), if any. */
export function blockMarkdownByName(name: string): BlockMarkdown | undefined {
  return Object.values(BLOCK_MARKDOWN).find((codec) => codec.spec.markdownName === name)
}
