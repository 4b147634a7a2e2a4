import type { Table } from 'mdast'
import { containerPhrasing } from './inline.js'
import type { WriterState } from './state.js'

/** The delimiter of a column: three characters, colons for its alignment. */
function delimiter(align: string | null | undefined): string {
  const code = typeof align === 'string' ? align.charAt(0).toLowerCase() : ''
  if (code === 'c') return ':-:'
  if (code === 'l') return ':--'
  if (code === 'r') return '--:'
  return '---'
}

/** One table line: `| a | b |`, an empty cell as `| |`. */
function line(cells: readonly string[], count: number): string {
  let out = '|'
  for (let c = 0; c < count; c++) {
    const cell = cells[c] ?? ''
    out += cell ? ` ${cell} |` : ' |'
  }
  return out
}

/** The constructs a table cell's text is written inside. */
export const TABLE_CELL = ['table', 'tableRow', 'tableCell', 'phrasing'] as const

/**
 * A GFM table with unaligned columns (a changed cell changes one line of the diff) and a
 * delimiter row of three characters per column: `---`, `:--`, `:-:`, `--:`. The header row has
 * as many cells as the table has columns; other rows have their own cells.
 */
export function writeTable(state: WriterState, table: Table): string {
  const { stack } = state
  stack.push(...TABLE_CELL)
  const rows: string[][] = []
  for (const row of table.children) {
    const cells: string[] = []
    for (const cell of row.children) cells.push(containerPhrasing(state, cell, ' ', ' '))
    rows.push(cells)
  }
  stack.length -= TABLE_CELL.length
  return tableLines(rows, table.align ?? [])
}

/**
 * A table's lines from its written cells (`rows[0]` the header row, each cell written inside
 * {@link TABLE_CELL}) and the alignment of its columns: see {@link writeTable}.
 */
export function tableLines(rows: string[][], align: readonly (string | null | undefined)[]): string {
  const head = rows[0]
  if (!head) return ''
  let widest = 0
  for (const row of rows) widest = Math.max(widest, row.length)
  const columns = align.length || widest
  while (head.length < columns) head.push('')
  widest = Math.max(widest, head.length)
  const delimiters: string[] = []
  for (let c = 0; c < widest; c++) delimiters.push(delimiter(align[c]))
  const lines = [line(head, Math.max(1, head.length)), line(delimiters, Math.max(1, head.length))]
  for (let r = 1; r < rows.length; r++) lines.push(line(rows[r]!, Math.max(1, rows[r]!.length)))
  return lines.join('\n')
}
