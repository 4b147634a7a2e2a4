import type { ReactNodeViewProps } from '@tiptap/react'
import type { Node as PMNode } from '@tiptap/pm/model'
import { maturityAssessmentSpec, maturityLevelChoice } from '../../core/blocks/maturity-assessment/spec.js'
import { computedMaturityLevel } from '../../core/domain/maturity.js'
import { AttributeControls } from './AttributeControls.js'
import { BlockFrame } from './BlockFrame.js'
import { COUNTED_LABELS, VIEW_LABELS } from './labels.js'
import { useUiLang } from './ui-lang.js'

/** The level rated on each criterion row of an assessment, in order (null = not rated). */
export function criterionLevels(assessment: PMNode): (string | null)[] {
  const levels: (string | null)[] = []
  assessment.forEach((child) => {
    if (child.type.name === 'maturityCriterion') levels.push(typeof child.attrs.level === 'string' ? child.attrs.level : null)
  })
  return levels
}

/**
 * The maturity assessment: claimed and target level selects, the computed level (the lowest
 * criterion level) updated as levels are picked, a note when the claim differs from it, and the
 * criteria x level grid (one `maturityCriterion` row each) with the gaps field below.
 */
export function MaturityAssessmentView({ node, updateAttributes }: ReactNodeViewProps) {
  const lang = useUiLang()
  const levels = criterionLevels(node)
  const computed = computedMaturityLevel(levels)
  const unrated = levels.filter((l) => l === null).length
  const claimed = typeof node.attrs.claimed === 'string' ? node.attrs.claimed : null

  const controls = (
    <>
      <AttributeControls spec={maturityAssessmentSpec} attrs={node.attrs} lang={lang} update={updateAttributes} />
      <div className="mldoc-control mldoc-computed">
        <span className="mldoc-control-label">{VIEW_LABELS.computedLevel[lang]}</span>
        <span className="mldoc-computed-value">
          <output className="mldoc-computed-level" aria-label={VIEW_LABELS.computedLevel[lang]}>
            {computed ?? '—'}
          </output>
          {computed === null && unrated > 0 && <span className="mldoc-note">{COUNTED_LABELS.unrated(unrated, lang)}</span>}
        </span>
      </div>
    </>
  )
  const mismatch =
    claimed !== null && computed !== null && claimed !== computed ? (
      <p className="mldoc-warning" role="status" contentEditable={false}>
        {COUNTED_LABELS.levelMismatch(claimed, computed, lang)}
      </p>
    ) : null
  const header = (
    <div className="mldoc-criteria-head" contentEditable={false} aria-hidden="true">
      <span>{VIEW_LABELS.criterion[lang]}</span>
      <span>{maturityLevelChoice.label[lang]}</span>
      <span>{maturityAssessmentSpec.fields[0]!.label[lang]}</span>
    </div>
  )
  return (
    <BlockFrame
      type="maturityAssessment"
      lang={lang}
      controls={controls}
      before={
        <>
          {mismatch}
          {header}
        </>
      }
    />
  )
}
