import type { NodeViewProps } from '@tiptap/core'
import { memo, useId } from 'react'
import type { ChoiceSpec, DateSpec } from '../../core/blocks/define.js'
import type { Lang } from '../../core/i18n.js'
import { VIEW_LABELS } from './labels.js'

type UpdateAttributes = NodeViewProps['updateAttributes']

/** Props of {@link ChoiceSelect}. */
export interface ChoiceSelectProps {
  readonly spec: ChoiceSpec
  readonly value: string | null
  readonly lang: Lang
  /** The node view's `updateAttributes` (stable for the view's life, so the select stays memoized). */
  readonly update: UpdateAttributes
  /** Replaces the plain attribute update, e.g. to change related attributes in the same transaction. */
  readonly onPick?: (value: string | null) => void
}

/**
 * A labelled native `<select>` for a choice attribute. An empty entry means "not set" (null);
 * a value the spec does not know (written by hand in Markdown) is shown as it is, not dropped.
 */
export const ChoiceSelect = memo(function ChoiceSelect({ spec, value, lang, update, onPick }: ChoiceSelectProps) {
  const id = useId()
  const known = value === null || spec.values.some((v) => v.id === value)
  const pick = (raw: string) => {
    const next = raw === '' ? null : raw
    if (onPick) onPick(next)
    else update({ [spec.name]: next })
  }
  return (
    <div className="mldoc-control" data-attr={spec.name}>
      <label htmlFor={id}>{spec.label[lang]}</label>
      <select id={id} value={value ?? ''} onChange={(e) => pick(e.target.value)}>
        {(spec.default === null || value === null) && <option value="">{VIEW_LABELS.notChosen[lang]}</option>}
        {spec.values.map((v) => (
          <option key={v.id} value={v.id}>{v.label[lang]}</option>
        ))}
        {!known && <option value={value}>{value}</option>}
      </select>
    </div>
  )
})

/** Props of {@link DateInput}. */
export interface DateInputProps {
  readonly spec: DateSpec
  readonly value: string | null
  readonly lang: Lang
  readonly update: UpdateAttributes
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** A labelled `<input type=date>` for a date attribute; clearing it sets the attribute to null. */
export const DateInput = memo(function DateInput({ spec, value, lang, update }: DateInputProps) {
  const id = useId()
  return (
    <div className="mldoc-control" data-attr={spec.name}>
      <label htmlFor={id}>{spec.label[lang]}</label>
      <input
        id={id}
        type="date"
        value={value !== null && ISO_DATE.test(value) ? value : ''}
        onChange={(e) => update({ [spec.name]: ISO_DATE.test(e.target.value) ? e.target.value : null })}
      />
    </div>
  )
})
