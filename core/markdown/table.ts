import type { JSONContent } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { AlignType, PhrasingContent, Table, TableCell, TableRow } from 'mdast'

const ALIGNS: readonly string[] = ['left', 'center', 'right']

/** A pipe right after an odd number of backslashes: GFM reads it as an escaped pipe in a cell. */
const ESCAPED_PIPE = /(?:^|[^\\])(?:\\\\)*\\\|/

/** Nodes whose inline content Markdown writes as a table cell (block fields are key/value rows). */
const CELLS: ReadonlySet<string> = new Set(['tableCell', 'tableHeader', 'blockField'])

/**
 * The first inline code inside `node` that sits in a table cell and holds a pipe right after an
 * odd number of backslashes (`a\|b`), or null. GFM reads `\|` in a cell as a pipe even inside
 * code, so such code reads back without that backslash (docs/FORMAT.md, Tables).
 */
export function cellCodeWithEscapedPipe(node: PMNode, inCell = false): string | null {
  if (node.isText) return inCell && node.marks.some((mark) => mark.type.name === 'code') && ESCAPED_PIPE.test(node.text!) ? node.text! : null
  const cell = inCell || CELLS.has(node.type.name)
  let found: string | null = null
  node.forEach((child) => {
    found ??= cellCodeWithEscapedPipe(child, cell)
  })
  return found
}

/**
 * A table node as a GFM table. The first row is the header row; merged cells are written as the
 * cell followed by empty cells, so every row has the same columns; each column keeps the
 * alignment of its cell in the first row. `cells.inline` gives a cell's paragraph as phrasing.
 */
export function tableToMdast(table: PMNode, cells: { inline(paragraph: PMNode): PhrasingContent[] }): Table {
  const grid: (PMNode | null)[][] = []
  const covered: Set<number>[] = []
  let width = 0
  for (let r = 0; r < table.childCount; r++) {
    const row = table.child(r)
    const placed: (PMNode | null)[] = (grid[r] ??= [])
    // Columns taken by cells of rows above (only when a cell spans rows).
    const taken = covered[r]
    let col = 0
    for (let i = 0; i < row.childCount; i++) {
      const cell = row.child(i)
      while (taken?.has(col)) placed[col++] = null
      const colspan = Math.max(1, Number(cell.attrs.colspan) || 1)
      const rowspan = Math.max(1, Number(cell.attrs.rowspan) || 1)
      placed[col] = cell
      for (let c = 1; c < colspan; c++) placed[col + c] = null
      for (let below = 1; below < rowspan && r + below < table.childCount; below++) {
        const set = (covered[r + below] ??= new Set())
        for (let c = 0; c < colspan; c++) set.add(col + c)
      }
      col += colspan
    }
    if (taken) for (const c of taken) if (c >= col) placed[c] = null
    width = Math.max(width, placed.length)
  }
  // A GFM table has at least one column.
  width = Math.max(width, 1)
  const align: AlignType[] = []
  for (let c = 0; c < width; c++) {
    const value = grid[0]?.[c]?.attrs.align
    align.push(typeof value === 'string' && ALIGNS.includes(value) ? (value as AlignType) : null)
  }
  const children: TableRow[] = []
  for (const placed of grid) {
    const row: TableCell[] = []
    for (let c = 0; c < width; c++) {
      const paragraph = placed[c]?.firstChild
      row.push({ type: 'tableCell', children: paragraph ? cells.inline(paragraph) : [] })
    }
    children.push({ type: 'tableRow', children: row })
  }
  return { type: 'table', align, children }
}

/**
 * A GFM table as a table node: the first row holds header cells, every row is padded with empty
 * cells to the widest row (so no cell is dropped), and every cell keeps its column's alignment.
 */
export function tableFromMdast(table: Table, cellContent: (cell: TableCell) => JSONContent[]): JSONContent {
  const width = table.children.reduce((max, row) => Math.max(max, row.children.length), 1)
  return {
    type: 'table',
    content: table.children.map((row, r) => {
      const content: JSONContent[] = []
      for (let c = 0; c < width; c++) {
        const cell = row.children[c]
        const inline = cell ? cellContent(cell) : []
        content.push({
          type: r === 0 ? 'tableHeader' : 'tableCell',
          attrs: { colspan: 1, rowspan: 1, colwidth: null, align: table.align?.[c] ?? null },
          content: [inline.length ? { type: 'paragraph', content: inline } : { type: 'paragraph' }],
        })
      }
      return { type: 'tableRow', content }
    }),
  }
}
