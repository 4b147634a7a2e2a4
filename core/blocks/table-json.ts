import type { JSONContent } from '@tiptap/core'

/** JSON of one table cell holding one paragraph of plain text. */
function cellJSON(type: 'tableHeader' | 'tableCell', text: string): JSONContent {
  return { type, content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }] }
}

/** JSON of a table whose first row is the header row, from rows of plain text. */
export function tableJSON(rows: readonly (readonly string[])[]): JSONContent {
  return {
    type: 'table',
    content: rows.map((row, i) => ({
      type: 'tableRow',
      content: row.map((text) => cellJSON(i === 0 ? 'tableHeader' : 'tableCell', text)),
    })),
  }
}
