import type { JSONContent } from '@tiptap/core'
import type { PhrasingContent, TableRow } from 'mdast'
import { computedMaturityLevel, MATURITY_CRITERIA, MATURITY_LEVELS } from '../../domain/maturity.js'
import { foldLabel, type Labels } from '../../i18n.js'
import type { BlockMarkdown } from '../../markdown/block-markdown.js'
import { lineOf } from '../../markdown/block-markdown.js'
import { plainText } from '../../markdown/inline-import.js'
import { attrRow, blockField, fieldContentJSON, fieldRow, keyValueTable, matchesLabel, readKeyValueTable, type KeyValueRow } from '../../markdown/key-value.js'
import { maturityAssessmentSpec, maturityLevelChoice } from './spec.js'

const CRITERION: Labels = { en: 'Criterion', uz: 'Mezon' }
const LEVEL = maturityLevelChoice.label
const EVIDENCE = fieldRow(maturityAssessmentSpec, 'evidence').label
const COMPUTED: Labels = { en: 'Computed level', uz: 'Hisoblangan daraja' }

const SUMMARY_ROWS: readonly KeyValueRow[] = [
  attrRow(maturityAssessmentSpec, 'claimed'),
  {
    kind: 'derived',
    label: COMPUTED,
    value: (block) => {
      const levels: (string | null)[] = []
      block.forEach((row) => {
        if (row.type.name === 'maturityCriterion') levels.push((row.attrs.level as string | null) ?? null)
      })
      return computedMaturityLevel(levels) ?? ''
    },
  },
  attrRow(maturityAssessmentSpec, 'target'),
  fieldRow(maturityAssessmentSpec, 'gaps'),
]

const text = (value: string): PhrasingContent[] => (value ? [{ type: 'text', value }] : [])
const cell = (children: PhrasingContent[]) => ({ type: 'tableCell' as const, children })

/** The criterion a label (either language) or id names. */
function criterionId(label: string): string | undefined {
  const folded = foldLabel(label)
  return MATURITY_CRITERIA.find((c) => foldLabel(c.id) === folded || matchesLabel(label, c.label))?.id
}

/**
 * A maturity assessment in Markdown: a `Criterion / Level / Evidence` table with one row per
 * criterion, then a key/value table of the claimed, computed and target levels and the gaps.
 * The computed level is derived from the rows, so it is ignored on import.
 */
export const maturityAssessmentMarkdown: BlockMarkdown = {
  spec: maturityAssessmentSpec,
  toMarkdown(block, ctx) {
    const rows: TableRow[] = [{ type: 'tableRow', children: [CRITERION, LEVEL, EVIDENCE].map((l) => cell(text(l[ctx.lang]))) }]
    block.forEach((row) => {
      if (row.type.name !== 'maturityCriterion') return
      const id = String(row.attrs.criterion)
      const label = MATURITY_CRITERIA.find((c) => c.id === id)?.label[ctx.lang] ?? id
      const evidence = blockField(row, 'evidence')
      rows.push({ type: 'tableRow', children: [cell(text(label)), cell(text((row.attrs.level as string | null) ?? '')), cell(evidence ? ctx.inline(evidence) : [])] })
    })
    return [{ type: 'table', align: [null, null, null], children: rows }, keyValueTable(block, SUMMARY_ROWS, ctx)]
  },
  fromMarkdown(siblings, ctx) {
    const table = siblings[0]
    if (table?.type !== 'table') return { error: 'a Criterion / Level / Evidence table is expected after the marker', line: lineOf(table) }
    const [header, ...rows] = table.children
    const headings = header!.children.map((c) => plainText(c.children))
    if (headings.length !== 3 || ![CRITERION, LEVEL, EVIDENCE].every((label, i) => matchesLabel(headings[i]!, label))) {
      return { error: `the criteria table's header must be Criterion / Level / Evidence, not ${headings.join(' / ')}`, line: lineOf(header) }
    }
    if (rows.length === 0) return { error: 'the criteria table has no criterion', line: lineOf(table) }
    const criteria: JSONContent[] = []
    const seen = new Set<string>()
    for (const row of rows) {
      const line = lineOf(row)
      if (row.children.length > 3) return { error: 'a criterion row has more than three columns', line }
      const label = plainText(row.children[0]?.children ?? [])
      const id = criterionId(label)
      if (!id) return { error: `"${label.trim()}" is not a maturity criterion`, line }
      if (seen.has(id)) return { error: `criterion "${label.trim()}" appears twice`, line }
      seen.add(id)
      const level = plainText(row.children[1]?.children ?? []).trim()
      if (level && !(MATURITY_LEVELS as readonly string[]).includes(level)) return { error: `level "${level}" of "${label.trim()}" must be 0, 1, 2 or empty`, line }
      criteria.push({
        type: 'maturityCriterion',
        attrs: { criterion: id, level: level || null },
        content: [fieldContentJSON('evidence', ctx.inline(row.children[2]?.children ?? []))],
      })
    }
    const summary = readKeyValueTable(siblings[1], SUMMARY_ROWS, 'maturity summary', ctx)
    if ('error' in summary) return summary
    return {
      block: {
        type: maturityAssessmentSpec.type,
        attrs: { claimed: summary.attrs.claimed ?? null, target: summary.attrs.target ?? null },
        content: [...criteria, fieldContentJSON('gaps', summary.fields.get('gaps'))],
      },
      consumed: 2,
    }
  },
}
