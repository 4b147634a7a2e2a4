import type { Node as TiptapNode } from '@tiptap/core'
import { architectureSpec } from './architecture/spec.js'
import { comparisonMatrixSpec } from './comparison-matrix/spec.js'
import { blockNode, type BlockSpec, type BlockType } from './define.js'
import { lifecycleStageSpec } from './lifecycle-stage/spec.js'
import { maturityAssessmentSpec } from './maturity-assessment/spec.js'
import { metricSpec } from './metric/spec.js'
import { riskSpec } from './risk/spec.js'
import { toolChoiceSpec } from './tool-choice/spec.js'

/** A structured block type: its spec and the Tiptap node built from it. */
export interface BlockEntry {
  readonly spec: BlockSpec
  readonly node: TiptapNode
}

/** Every structured block, in the order the `/` menu offers them. */
export const BLOCKS: readonly BlockEntry[] = [
  metricSpec,
  toolChoiceSpec,
  lifecycleStageSpec,
  maturityAssessmentSpec,
  riskSpec,
  comparisonMatrixSpec,
  architectureSpec,
].map((spec) => ({ spec, node: blockNode(spec) }))

/** The spec of a block type. */
export function blockSpec(type: BlockType): BlockSpec {
  const entry = BLOCKS.find((b) => b.spec.type === type)
  if (!entry) throw new Error(`unknown block type ${type}`)
  return entry.spec
}

/** The block type whose Markdown marker name is `name`, if any. */
export function blockSpecByMarkdownName(name: string): BlockSpec | undefined {
  return BLOCKS.find((b) => b.spec.markdownName === name)?.spec
}
