import type { ReactNodeViewProps } from '@tiptap/react'
import { useCallback, useMemo } from 'react'
import { toolChoiceSpec } from '../../core/blocks/tool-choice/spec.js'
import { toolCategory } from '../../core/domain/catalog.js'
import { AttributeControls } from './AttributeControls.js'
import { BlockFrame } from './BlockFrame.js'
import { fieldText, setFieldText } from './fields.js'
import { COUNTED_LABELS, VIEW_LABELS } from './labels.js'
import { useUiLang } from './ui-lang.js'

/**
 * A tool choice: category and stage selects, the catalog's tools for the category as buttons
 * that put the name into the Tool field (any other name can be typed), then the fields.
 */
export function ToolChoiceView({ node, editor, getPos, updateAttributes }: ReactNodeViewProps) {
  const lang = useUiLang()
  const category = toolCategory(typeof node.attrs.category === 'string' ? node.attrs.category : null)
  const stage: unknown = node.attrs.stage
  const chosen = fieldText(node, 'chosen').trim()

  // Picking a category also fills an unset stage with the stage the category mainly serves.
  const pickCategory = useCallback(
    (value: string | null) => {
      const serves = toolCategory(value)?.stage
      updateAttributes(stage == null && serves ? { category: value, stage: serves } : { category: value })
    },
    [stage, updateAttributes],
  )
  const onPick = useMemo(() => ({ category: pickCategory }), [pickCategory])

  const suggestions = category ? (
    category.tools.length > 0 ? (
      <div className="mldoc-suggestions" role="group" aria-label={COUNTED_LABELS.suggestionsFor(category.label[lang], lang)}>
        <span className="mldoc-suggestions-label" aria-hidden="true">{VIEW_LABELS.catalogSuggestions[lang]}</span>
        {category.tools.map((tool) => (
          <button
            key={tool}
            type="button"
            aria-pressed={chosen === tool}
            title={COUNTED_LABELS.useTool(tool, lang)}
            onClick={() => setFieldText(editor, getPos(), 'chosen', tool)}
          >
            {tool}
          </button>
        ))}
      </div>
    ) : (
      <p className="mldoc-note">{VIEW_LABELS.noCatalogTools[lang]}</p>
    )
  ) : (
    <p className="mldoc-note">{VIEW_LABELS.chooseCategoryFirst[lang]}</p>
  )

  return (
    <BlockFrame
      type="toolChoice"
      lang={lang}
      controls={<AttributeControls spec={toolChoiceSpec} attrs={node.attrs} lang={lang} update={updateAttributes} onPick={onPick} />}
      before={<div className="mldoc-block-aside" contentEditable={false}>{suggestions}</div>}
    />
  )
}
