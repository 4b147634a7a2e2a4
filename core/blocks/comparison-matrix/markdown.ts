import type { BlockMarkdown } from '../../markdown/block-markdown.js'
import { lineOf } from '../../markdown/block-markdown.js'
import { childOfType, fieldContentJSON, fieldRow, keyValueTable, readKeyValueTable } from '../../markdown/key-value.js'
import { comparisonMatrixSpec } from './spec.js'

const ROWS = comparisonMatrixSpec.fields.map((f) => fieldRow(comparisonMatrixSpec, f.name))

/**
 * A comparison matrix in Markdown: a key/value table (subject, chosen, rationale), then the
 * matrix as a plain GFM table (criteria by options, with weights), which maps to the block's table.
 */
export const comparisonMatrixMarkdown: BlockMarkdown = {
  spec: comparisonMatrixSpec,
  toMarkdown(block, ctx) {
    const matrix = childOfType(block, 'table')
    return [keyValueTable(block, ROWS, ctx), ...(matrix ? ctx.flow(matrix) : [])]
  },
  fromMarkdown(siblings, ctx) {
    const values = readKeyValueTable(siblings[0], ROWS, 'comparison', ctx)
    if ('error' in values) return values
    const matrix = siblings[1]
    if (matrix?.type !== 'table') return { error: 'the matrix table is expected after the key/value table', line: lineOf(matrix) ?? lineOf(siblings[0]) }
    return {
      block: {
        type: comparisonMatrixSpec.type,
        attrs: {},
        content: [...comparisonMatrixSpec.fields.map((f) => fieldContentJSON(f.name, values.fields.get(f.name))), ...ctx.flow(matrix)],
      },
      consumed: 2,
    }
  },
}
