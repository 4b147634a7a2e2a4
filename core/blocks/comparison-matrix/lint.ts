import type { Node as PMNode } from '@tiptap/pm/model'
import { foldLabel, type Labels } from '../../i18n.js'
import type { LintBlock } from '../../lint/context.js'
import type { BlockLintRule, RuleHit } from '../../lint/rule.js'

/** The matrix as rows of cell texts; the first row is the header `Criterion / Weight / option...`. */
export function tableRows(node: PMNode): string[][] {
  const rows: string[][] = []
  node.forEach((child) => {
    if (child.type.name !== 'table') return
    child.forEach((row) => {
      const cells: string[] = []
      row.forEach((cell) => cells.push(cell.textContent.trim()))
      rows.push(cells)
    })
  })
  return rows
}

/** The compared options: the header cells after the criterion and weight columns. */
function options(block: LintBlock): string[] {
  return (tableRows(block.node)[0] ?? []).slice(2).filter(Boolean)
}

function hit(block: LintBlock, message: Labels): RuleHit[] {
  return [{ pos: block.pos, target: block.target, message }]
}

/** Where a cell is, in words: `row "Latency", column "BentoML"`. */
function cellName(rows: readonly string[][], r: number, c: number): Labels {
  const column = rows[0]?.[c] ? `"${rows[0][c]}"` : String(c + 1)
  if (r === 0) return { en: `the header, column ${c + 1}`, uz: `sarlavha, ${c + 1}-ustun` }
  const row = rows[r]?.[0] ? `"${rows[r]![0]}"` : String(r + 1)
  return { en: `row ${row}, column ${column}`, uz: `${row} qatori, ${column} ustuni` }
}

/** Rules about one comparison matrix block. */
export const comparisonMatrixLintRules: readonly BlockLintRule[] = [
  {
    id: 'matrix-cells-empty',
    severity: 'error',
    block: 'comparisonMatrix',
    description: { en: 'A comparison matrix has empty cells.', uz: 'Taqqoslash matritsasida boʻsh kataklar bor.' },
    check: (block) => {
      const rows = tableRows(block.node)
      const empty: [number, number][] = []
      rows.forEach((row, r) => row.forEach((text, c) => (text ? undefined : empty.push([r, c]))))
      if (empty.length === 0) return []
      const where = cellName(rows, ...empty[0]!)
      const count = empty.length
      return hit(block, {
        en: `${count === 1 ? '1 cell of the matrix is' : `${count} cells of the matrix are`} empty (first: ${where.en}): fill every cell, or a reader cannot see why the chosen option wins.`,
        uz: `Matritsada ${count} ta boʻsh katak bor (birinchisi: ${where.uz}): har bir katakni toʻldiring, aks holda oʻquvchi tanlangan variant nega yutganini koʻrmaydi.`,
      })
    },
  },
  {
    id: 'matrix-chosen-missing',
    severity: 'error',
    block: 'comparisonMatrix',
    description: { en: 'A comparison matrix has no chosen option.', uz: 'Taqqoslash matritsasida tanlangan variant yoʻq.' },
    check: (block) =>
      block.field('chosen')
        ? []
        : hit(block, {
            en: 'No option is chosen: write the winning option under "Chosen"; a comparison without a decision leaves the question open.',
            uz: 'Variant tanlanmagan: "Tanlangan" maydoniga gʻolib variantni yozing; qarorsiz taqqoslash savolni ochiq qoldiradi.',
          }),
  },
  {
    id: 'matrix-chosen-unknown',
    severity: 'error',
    block: 'comparisonMatrix',
    description: { en: 'The chosen option is not one of the matrix’s option columns.', uz: 'Tanlangan variant matritsadagi variant ustunlaridan biri emas.' },
    check: (block) => {
      const chosen = block.field('chosen')
      const all = options(block)
      if (!chosen || all.some((o) => foldLabel(o) === foldLabel(chosen))) return []
      const list = all.map((o) => `"${o}"`).join(', ')
      return hit(block, {
        en: `The chosen option "${chosen}" is not one of the compared options (${list || 'none yet'}): write it exactly as its column is named, so the decision points at the scores behind it.`,
        uz: `Tanlangan "${chosen}" varianti solishtirilgan variantlardan (${list || 'hali yoʻq'}) biri emas: uni ustun nomi bilan aynan bir xil yozing, shunda qaror uning ortidagi baholarga bogʻlanadi.`,
      })
    },
  },
]
