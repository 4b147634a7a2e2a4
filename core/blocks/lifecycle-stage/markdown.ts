import type { BlockMarkdown } from '../../markdown/block-markdown.js'
import { lineOf } from '../../markdown/block-markdown.js'
import { attrRow, childOfType, fieldContentJSON, fieldRow, keyValueTable, readKeyValueTable } from '../../markdown/key-value.js'
import { lifecycleStageSpec } from './spec.js'

const ROWS = [
  attrRow(lifecycleStageSpec, 'stage'),
  fieldRow(lifecycleStageSpec, 'owner'),
  attrRow(lifecycleStageSpec, 'status'),
  attrRow(lifecycleStageSpec, 'due'),
]

/** A lifecycle stage in Markdown: a key/value table, then its checklist as a task list. */
export const lifecycleStageMarkdown: BlockMarkdown = {
  spec: lifecycleStageSpec,
  toMarkdown(block, ctx) {
    const checklist = childOfType(block, 'taskList')
    return [keyValueTable(block, ROWS, ctx), ...(checklist ? ctx.flow(checklist) : [])]
  },
  fromMarkdown(siblings, ctx) {
    const values = readKeyValueTable(siblings[0], ROWS, 'lifecycle stage', ctx)
    if ('error' in values) return values
    const list = siblings[1]
    const checklist = list?.type === 'list' ? ctx.flow(list) : []
    if (checklist.length !== 1 || checklist[0]!.type !== 'taskList') {
      return { error: 'a task list (the stage checklist) is expected after the table', line: lineOf(list) ?? lineOf(siblings[0]) }
    }
    return {
      block: {
        type: lifecycleStageSpec.type,
        attrs: { stage: values.attrs.stage ?? null, status: values.attrs.status ?? null, due: values.attrs.due ?? null },
        content: [fieldContentJSON('owner', values.fields.get('owner')), checklist[0]!],
      },
      consumed: 2,
    }
  },
}
