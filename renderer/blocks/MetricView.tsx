import type { ReactNodeViewProps } from '@tiptap/react'
import { metricSpec } from '../../core/blocks/metric/spec.js'
import { AttributeControls } from './AttributeControls.js'
import { BlockFrame } from './BlockFrame.js'
import { useUiLang } from './ui-lang.js'

/** A metric as a form: layer and direction selects, its fields in a two-column grid. */
export function MetricView({ node, updateAttributes }: ReactNodeViewProps) {
  const lang = useUiLang()
  return (
    <BlockFrame
      type="metric"
      lang={lang}
      controls={<AttributeControls spec={metricSpec} attrs={node.attrs} lang={lang} update={updateAttributes} />}
      contentClassName="mldoc-form-grid"
    />
  )
}
