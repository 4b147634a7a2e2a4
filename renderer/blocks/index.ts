import type { AnyExtension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { ReactNodeViewRenderer, type ReactNodeViewProps, type ReactNodeViewRendererOptions } from '@tiptap/react'
import type { ComponentType } from 'react'
import type { BlockType } from '../../core/blocks/define.js'
import { BlockCode, BlockField } from '../../core/blocks/field.js'
import { MaturityCriterion } from '../../core/blocks/maturity-assessment/spec.js'
import { BLOCKS } from '../../core/blocks/registry.js'
import { ArchitectureView } from './ArchitectureView.js'
import { BlockCodeView } from './BlockCodeView.js'
import { ComparisonMatrixView } from './ComparisonMatrixView.js'
import { CriterionView } from './criterion-view.js'
import { fieldViewsPlugin, FieldView, inFieldLabel } from './field-view.js'
import { fieldText, leaveBlock, moveToField } from './fields.js'
import { LifecycleStageView } from './LifecycleStageView.js'
import { matrixRows } from './matrix.js'
import { criterionLevels, MaturityAssessmentView } from './MaturityAssessmentView.js'
import { MetricView } from './MetricView.js'
import { RiskView } from './RiskView.js'
import { deferrable } from './stand-ins.js'
import { TaskItemWithView } from './task-item-view.js'
import { ToolChoiceView } from './ToolChoiceView.js'
import './blocks.css'

type Update = ReactNodeViewRendererOptions['update']

/**
 * Re-render a view only when `key(node)` changes. A block's node changes on every keystroke in
 * its fields, but most block chrome shows only the block's attributes: typing then re-renders
 * the field being typed in and nothing else.
 */
function rerenderWhen(key: (node: PMNode) => string): Update {
  return ({ oldNode, newNode, updateProps }) => {
    if (key(oldNode) !== key(newNode)) updateProps()
    return true
  }
}

const attrsKey = (node: PMNode) => JSON.stringify(node.attrs)

/** Each block's view, and the part of the node its chrome reads (it re-renders when that changes). */
const VIEWS: Record<BlockType, { view: ComponentType<ReactNodeViewProps>; key: (node: PMNode) => string }> = {
  metric: { view: MetricView, key: attrsKey },
  toolChoice: { view: ToolChoiceView, key: (node) => `${attrsKey(node)}\n${fieldText(node, 'chosen')}` },
  lifecycleStage: { view: LifecycleStageView, key: attrsKey },
  maturityAssessment: { view: MaturityAssessmentView, key: (node) => `${attrsKey(node)}\n${JSON.stringify(criterionLevels(node))}` },
  risk: { view: RiskView, key: attrsKey },
  comparisonMatrix: { view: ComparisonMatrixView, key: (node) => JSON.stringify(matrixRows(node)) },
  architecture: { view: ArchitectureView, key: () => '' },
}

function blockView(type: BlockType, node: AnyExtension): AnyExtension {
  const { view, key } = VIEWS[type]
  return node.extend({
    addNodeView: () =>
      deferrable(
        ReactNodeViewRenderer(view, {
          className: `mldoc-block mldoc-block-${type}`,
          attrs: { 'data-block': type },
          update: rerenderWhen(key),
        }),
      ),
  })
}

/**
 * The `blockField` node with its view (plain DOM: a long document holds hundreds of fields),
 * the tracker of the field the selection is in, and keys that fill a block like a form: Enter
 * and Tab go to the next field of the block, Shift-Tab to the previous one; Enter in the last
 * field leaves the block for a paragraph after it. A field never splits into two.
 */
const BlockFieldWithView = BlockField.extend({
  addNodeView: () => deferrable((props) => new FieldView(props)),
  addProseMirrorPlugins: () => [fieldViewsPlugin()],
  addKeyboardShortcuts() {
    return {
      Enter: ({ editor }) => {
        const { state, view } = editor
        if (state.selection.$from.parent.type.name !== 'blockField') return false
        return moveToField(state, view.dispatch, 1) || leaveBlock(state, view.dispatch) || true
      },
      Tab: ({ editor }) => moveToField(editor.state, editor.view.dispatch, 1),
      'Shift-Tab': ({ editor }) => moveToField(editor.state, editor.view.dispatch, -1),
    }
  },
})

/**
 * The renderer's node views, by node name, for `mldocExtensions({ nodes: nodeViews })`: each
 * block node from core extended with its React view (DOM root `[data-block="<type>"]`), the views
 * of the parts blocks are made of (`blockCode` in React; `blockField` and `maturityCriterion`,
 * the many small ones, in plain DOM), and the task item's (plain DOM too: a long document holds
 * hundreds). The schema stays the one core defines. Every view is {@link deferrable}: an editor's
 * first drawing of a long document draws stand-ins for the views beyond its first screens.
 */
export const nodeViews: Record<string, AnyExtension> = {
  ...Object.fromEntries(BLOCKS.map(({ spec, node }) => [spec.type, blockView(spec.type, node)])),
  blockField: BlockFieldWithView,
  blockCode: BlockCode.extend({
    addNodeView: () =>
      deferrable(
        ReactNodeViewRenderer(BlockCodeView, {
          className: 'mldoc-code',
          attrs: ({ node }) => ({ 'data-code': String(node.attrs.name) }),
          stopEvent: ({ event }) => inFieldLabel(event),
        }),
      ),
  }),
  maturityCriterion: MaturityCriterion.extend({
    addNodeView: () => deferrable((props) => new CriterionView(props)),
  }),
  taskItem: TaskItemWithView,
}
