import type { ReactNodeViewProps } from '@tiptap/react'
import { useId } from 'react'
import type { Lang } from '../../core/i18n.js'
import { BlockFrame } from './BlockFrame.js'
import { COUNTED_LABELS, VIEW_LABELS } from './labels.js'
import { addCriterion, addOption, matrixRows, weightedTotals } from './matrix.js'
import { useUiLang } from './ui-lang.js'

function formatTotal(total: number, lang: Lang): string {
  return total.toLocaleString(lang === 'uz' ? 'uz-Latn' : 'en', { maximumFractionDigits: 2 })
}

/**
 * A comparison matrix: subject, chosen and rationale fields and the editable matrix, with
 * buttons that add an option (column) or a criterion (row) to this matrix, and the weighted
 * total of each option where weights and scores are numbers (the highest is marked).
 */
export function ComparisonMatrixView({ node, editor, getPos }: ReactNodeViewProps) {
  const lang = useUiLang()
  const totalsId = useId()
  const totals = weightedTotals(matrixRows(node))
  const best = Math.max(...totals.map((t) => t.total ?? -Infinity))
  const after = (
    <div className="mldoc-matrix-foot" contentEditable={false}>
      <div className="mldoc-matrix-actions">
        <button type="button" onClick={() => addOption(editor, getPos())}>{VIEW_LABELS.addOption[lang]}</button>
        <button type="button" onClick={() => addCriterion(editor, getPos())}>{VIEW_LABELS.addCriterion[lang]}</button>
      </div>
      <div className="mldoc-matrix-totals" role="group" aria-labelledby={totalsId}>
        <span id={totalsId} className="mldoc-control-label">{VIEW_LABELS.weightedTotal[lang]}</span>
        <ul>
          {totals.map((t, i) => (
            <li key={i} data-best={t.total !== null && t.total === best && totals.length > 1 ? '' : undefined}>
              <span className="mldoc-matrix-option">{t.option.trim() || `${VIEW_LABELS.unnamedOption[lang]} ${i + 1}`}</span>{' '}
              <output>{t.total === null ? '—' : formatTotal(t.total, lang)}</output>
              {t.total !== null && t.counted < t.of && <small className="mldoc-note"> ({COUNTED_LABELS.counted(t.counted, t.of, lang)})</small>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
  return <BlockFrame type="comparisonMatrix" lang={lang} after={after} />
}
