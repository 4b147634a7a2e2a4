import { attrRow, fieldRow, keyValueBlockMarkdown } from '../../markdown/key-value.js'
import { riskSpec } from './spec.js'

/** A risk in Markdown: one key/value table (FORMAT.md, "Structured blocks"). */
export const riskMarkdown = keyValueBlockMarkdown(riskSpec, [
  fieldRow(riskSpec, 'description'),
  attrRow(riskSpec, 'category'),
  attrRow(riskSpec, 'likelihood'),
  attrRow(riskSpec, 'impact'),
  attrRow(riskSpec, 'status'),
  fieldRow(riskSpec, 'mitigation'),
  fieldRow(riskSpec, 'fallback'),
  fieldRow(riskSpec, 'owner'),
])
