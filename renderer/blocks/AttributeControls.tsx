import type { NodeViewProps } from '@tiptap/core'
import type { BlockSpec } from '../../core/blocks/define.js'
import type { Lang } from '../../core/i18n.js'
import { ChoiceSelect, DateInput } from './controls.js'

/** Props of {@link AttributeControls}. */
export interface AttributeControlsProps {
  readonly spec: BlockSpec
  readonly attrs: Record<string, unknown>
  readonly lang: Lang
  readonly update: NodeViewProps['updateAttributes']
  /** Custom pickers by attribute name (used instead of a plain attribute update). */
  readonly onPick?: Readonly<Record<string, (value: string | null) => void>>
}

/** One labelled control per attribute of a block: a select for a choice, a date input for a date. */
export function AttributeControls({ spec, attrs, lang, update, onPick }: AttributeControlsProps) {
  return (
    <>
      {spec.attrs.map((attr) => {
        const value = typeof attrs[attr.name] === 'string' ? (attrs[attr.name] as string) : null
        return attr.kind === 'date' ? (
          <DateInput key={attr.name} spec={attr} value={value} lang={lang} update={update} />
        ) : (
          <ChoiceSelect key={attr.name} spec={attr} value={value} lang={lang} update={update} onPick={onPick?.[attr.name]} />
        )
      })}
    </>
  )
}
