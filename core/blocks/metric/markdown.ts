import { attrRow, fieldRow, keyValueBlockMarkdown } from '../../markdown/key-value.js'
import { metricSpec } from './spec.js'

/** A metric in Markdown: one key/value table (FORMAT.md, "Structured blocks"). */
export const metricMarkdown = keyValueBlockMarkdown(metricSpec, [
  fieldRow(metricSpec, 'name'),
  attrRow(metricSpec, 'layer'),
  attrRow(metricSpec, 'direction'),
  fieldRow(metricSpec, 'definition'),
  fieldRow(metricSpec, 'baseline'),
  fieldRow(metricSpec, 'baselineSource'),
  fieldRow(metricSpec, 'target'),
  fieldRow(metricSpec, 'minimum'),
  fieldRow(metricSpec, 'window'),
  fieldRow(metricSpec, 'parent'),
  fieldRow(metricSpec, 'owner'),
])
