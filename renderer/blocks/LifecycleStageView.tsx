import type { ReactNodeViewProps } from '@tiptap/react'
import { useMemo } from 'react'
import { lifecycleStageSpec } from '../../core/blocks/lifecycle-stage/spec.js'
import { AttributeControls } from './AttributeControls.js'
import { BlockFrame } from './BlockFrame.js'
import { changeStage } from './checklist.js'
import { useUiLang } from './ui-lang.js'

/**
 * A lifecycle stage: stage (1-8 with names), status and due date controls, then the owner role
 * field and the checklist as editable content.
 */
export function LifecycleStageView({ node, editor, getPos, updateAttributes }: ReactNodeViewProps) {
  const lang = useUiLang()
  const onPick = useMemo(() => ({ stage: (value: string | null) => changeStage(editor, getPos(), value) }), [editor, getPos])
  return (
    <BlockFrame
      type="lifecycleStage"
      lang={lang}
      controls={<AttributeControls spec={lifecycleStageSpec} attrs={node.attrs} lang={lang} update={updateAttributes} onPick={onPick} />}
    />
  )
}
