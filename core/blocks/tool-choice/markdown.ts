import { attrRow, fieldRow, keyValueBlockMarkdown } from '../../markdown/key-value.js'
import { toolChoiceSpec } from './spec.js'

/** A tool choice in Markdown: one key/value table (FORMAT.md, "Structured blocks"). */
export const toolChoiceMarkdown = keyValueBlockMarkdown(toolChoiceSpec, [
  attrRow(toolChoiceSpec, 'category'),
  fieldRow(toolChoiceSpec, 'chosen'),
  attrRow(toolChoiceSpec, 'stage'),
  fieldRow(toolChoiceSpec, 'alternatives'),
  fieldRow(toolChoiceSpec, 'rationale'),
])
