import { NodeViewContent, NodeViewWrapper } from '@tiptap/react'
import type { ReactNode } from 'react'
import type { BlockType } from '../../core/blocks/define.js'
import { blockSpec } from '../../core/blocks/registry.js'
import type { Lang } from '../../core/i18n.js'

/** Props of {@link BlockFrame}. */
export interface BlockFrameProps {
  readonly type: BlockType
  readonly lang: Lang
  /** Controls for the block's choices, shown in its header. */
  readonly controls?: ReactNode
  /** Chrome between the header and the editable content. */
  readonly before?: ReactNode
  /** Chrome after the editable content. */
  readonly after?: ReactNode
  /** Class of the editable content (e.g. the two-column form grid). */
  readonly contentClassName?: string
}

/**
 * The frame every structured block view shares: a header with the block's name (also its drag
 * handle) and its choices, then the block's children as ProseMirror content. React renders only
 * this chrome; the text in the fields is rendered and edited by ProseMirror.
 */
export function BlockFrame({ type, lang, controls, before, after, contentClassName }: BlockFrameProps) {
  const label = blockSpec(type).label[lang]
  return (
    <NodeViewWrapper className="mldoc-block-frame" role="group" aria-label={label}>
      <div className="mldoc-block-head" contentEditable={false}>
        <span className="mldoc-block-title" data-drag-handle="" draggable="true">{label}</span>
        {controls && <div className="mldoc-block-controls">{controls}</div>}
      </div>
      {before}
      <NodeViewContent className={`mldoc-block-content ${contentClassName ?? ''}`.trim()} />
      {after}
    </NodeViewWrapper>
  )
}
