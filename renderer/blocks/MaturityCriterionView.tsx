import type { ReactNodeViewProps } from '@tiptap/react'
import { NodeViewContent, NodeViewWrapper } from '@tiptap/react'
import { useId } from 'react'
import { MATURITY_CRITERIA, MATURITY_LEVELS } from '../../core/domain/maturity.js'
import { useUiLang } from './ui-lang.js'

/**
 * One row of the maturity grid: the criterion's name, a radio group 0/1/2 for its level (each
 * level's description on hover and under the name once picked) and the evidence field.
 */
export function MaturityCriterionView({ node, updateAttributes }: ReactNodeViewProps) {
  const lang = useUiLang()
  const nameId = useId()
  const group = useId()
  const criterionId = String(node.attrs.criterion)
  const criterion = MATURITY_CRITERIA.find((c) => c.id === criterionId)
  const level = typeof node.attrs.level === 'string' ? node.attrs.level : null
  const levelIndex = (MATURITY_LEVELS as readonly string[]).indexOf(level ?? '')
  const described = criterion && levelIndex >= 0 ? criterion.levels[levelIndex]![lang] : ''

  return (
    <NodeViewWrapper className="mldoc-criterion-row">
      <div className="mldoc-criterion-name" contentEditable={false}>
        <span id={nameId}>{criterion?.label[lang] ?? criterionId}</span>
        {described && <small className="mldoc-note">{described}</small>}
      </div>
      <div className="mldoc-levels" role="radiogroup" aria-labelledby={nameId} contentEditable={false}>
        {MATURITY_LEVELS.map((l, i) => {
          const description = criterion?.levels[i]![lang]
          return (
            <label key={l} title={description}>
              <input
                type="radio"
                name={group}
                value={l}
                checked={level === l}
                aria-label={description ? `${l}: ${description}` : l}
                onChange={() => updateAttributes({ level: l })}
              />
              <span aria-hidden="true">{l}</span>
            </label>
          )
        })}
      </div>
      <NodeViewContent className="mldoc-criterion-evidence" />
    </NodeViewWrapper>
  )
}
