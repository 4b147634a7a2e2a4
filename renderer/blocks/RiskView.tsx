import type { ReactNodeViewProps } from '@tiptap/react'
import { riskSpec } from '../../core/blocks/risk/spec.js'
import { AttributeControls } from './AttributeControls.js'
import { BlockFrame } from './BlockFrame.js'
import { useUiLang } from './ui-lang.js'

/** A risk as a form: category, likelihood, impact and status selects, then its fields. */
export function RiskView({ node, updateAttributes }: ReactNodeViewProps) {
  const lang = useUiLang()
  return (
    <BlockFrame
      type="risk"
      lang={lang}
      controls={<AttributeControls spec={riskSpec} attrs={node.attrs} lang={lang} update={updateAttributes} />}
      contentClassName="mldoc-form-grid"
    />
  )
}
