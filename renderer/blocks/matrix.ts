// The table extension augments Tiptap's command types with addColumnAfter/addRowAfter.
/// <reference types="@tiptap/extension-table" />
import type { Editor } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { TextSelection } from '@tiptap/pm/state'
import { TableMap } from '@tiptap/pm/tables'

/** The weighted total of one option of a comparison matrix. */
export interface OptionTotal {
  /** The option's name from the header row. */
  readonly option: string
  /** Sum of weight x score over the criteria where both are numbers; null when there is none. */
  readonly total: number | null
  /** How many criteria were counted, out of how many rows there are. */
  readonly counted: number
  readonly of: number
}

const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/

/** A number typed in a cell (`0.5`, `0,5`, `3`), or null for anything else. */
export function cellNumber(text: string): number | null {
  const trimmed = text.trim()
  return NUMBER.test(trimmed) ? Number(trimmed.replace(',', '.')) : null
}

/**
 * Weighted totals of a matrix given as rows of cell text: the header row is
 * `Criterion, Weight, option...`, each following row a criterion with its weight and scores.
 */
export function weightedTotals(rows: readonly (readonly string[])[]): OptionTotal[] {
  const [header = [], ...criteria] = rows
  return header.slice(2).map((option, i) => {
    let total = 0
    let counted = 0
    for (const row of criteria) {
      const weight = cellNumber(row[1] ?? '')
      const score = cellNumber(row[i + 2] ?? '')
      if (weight === null || score === null) continue
      total += weight * score
      counted++
    }
    return { option, total: counted > 0 ? Math.round(total * 1000) / 1000 : null, counted, of: criteria.length }
  })
}

/** The cell text of a comparison matrix block's table, row by row (none without a table). */
export function matrixRows(block: PMNode): string[][] {
  const rows: string[][] = []
  block.forEach((child) => {
    if (child.type.name !== 'table') return
    child.forEach((row) => {
      const cells: string[] = []
      row.forEach((cell) => cells.push(cell.textContent))
      rows.push(cells)
    })
  })
  return rows
}

/** Position of the first `table` child of the block at `blockPos`. */
function tablePos(editor: Editor, blockPos: number): number | undefined {
  const block = editor.state.doc.nodeAt(blockPos)
  let found: number | undefined
  block?.forEach((child, offset) => {
    if (found === undefined && child.type.name === 'table') found = blockPos + 1 + offset
  })
  return found
}

/** Position inside the first paragraph of a table cell, from the table's position and a map index. */
function insideCell(doc: PMNode, tableAt: number, index: number): number {
  const table = doc.nodeAt(tableAt)!
  return tableAt + 1 + TableMap.get(table).map[index]! + 2
}

/**
 * Adds an option (a column at the right) to this block's matrix with Tiptap's table commands,
 * then puts the caret in the new header cell to name it. One transaction.
 */
export function addOption(editor: Editor, blockPos: number | undefined): boolean {
  const at = blockPos === undefined ? undefined : tablePos(editor, blockPos)
  if (at === undefined) return false
  const width = TableMap.get(editor.state.doc.nodeAt(at)!).width
  return editor
    .chain()
    .focus()
    .setTextSelection(insideCell(editor.state.doc, at, width - 1))
    .addColumnAfter()
    .command(({ tr }) => {
      tr.setSelection(TextSelection.create(tr.doc, insideCell(tr.doc, at, width)))
      return true
    })
    .run()
}

/**
 * Adds a criterion (a row at the bottom) to this block's matrix with Tiptap's table commands,
 * then puts the caret in its first cell. One transaction.
 */
export function addCriterion(editor: Editor, blockPos: number | undefined): boolean {
  const at = blockPos === undefined ? undefined : tablePos(editor, blockPos)
  if (at === undefined) return false
  const map = TableMap.get(editor.state.doc.nodeAt(at)!)
  return editor
    .chain()
    .focus()
    .setTextSelection(insideCell(editor.state.doc, at, (map.height - 1) * map.width))
    .addRowAfter()
    .command(({ tr }) => {
      tr.setSelection(TextSelection.create(tr.doc, insideCell(tr.doc, at, map.height * map.width)))
      return true
    })
    .run()
}
