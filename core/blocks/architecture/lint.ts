import { foldLabel } from '../../i18n.js'
import type { LintBlock } from '../../lint/context.js'
import type { BlockLintRule, RuleHit } from '../../lint/rule.js'
import { parseFlowchart, type FlowchartParseResult } from '../../mermaid/flowchart.js'

/** The Mermaid source of the diagram. */
function diagramSource(block: LintBlock): string {
  let source = ''
  block.node.forEach((child) => {
    if (child.type.name === 'blockCode' && !source) source = child.textContent
  })
  return source
}

/** The names in the first column of the components table (its header row left out), folded. */
function componentNames(block: LintBlock): Set<string> {
  const names = new Set<string>()
  block.node.forEach((child) => {
    if (child.type.name !== 'table') return
    child.forEach((row, _offset, index) => {
      const first = row.firstChild?.textContent.trim()
      if (index > 0 && first) names.add(foldLabel(first))
    })
  })
  return names
}

function parse(block: LintBlock): FlowchartParseResult {
  return parseFlowchart(diagramSource(block))
}

/** A label as plain words: HTML line breaks and Markdown emphasis removed. */
function plainLabel(label: string): string {
  return label.replace(/<[^>]*>/g, ' ').replace(/[*_`]/g, '')
}

/** Rules about one architecture block. */
export const architectureLintRules: readonly BlockLintRule[] = [
  {
    id: 'diagram-parse-error',
    severity: 'error',
    block: 'architecture',
    description: { en: 'The architecture’s Mermaid flowchart does not parse.', uz: 'Arxitekturaning Mermaid sxemasi tahlil qilinmaydi.' },
    check: (block) => {
      const result = parse(block)
      if (result.ok) return []
      const { line, column, message } = result.error
      return [{
        pos: block.pos,
        target: block.target,
        message: {
          en: `The Mermaid diagram does not parse, so it cannot be drawn. Line ${line}, column ${column}: ${message.en}.`,
          uz: `Mermaid diagrammasi tahlil qilinmadi, shuning uchun uni chizib boʻlmaydi. ${line}-qator, ${column}-ustun: ${message.uz}.`,
        },
      }]
    },
  },
  {
    id: 'diagram-node-unlisted',
    severity: 'warning',
    block: 'architecture',
    description: { en: 'A diagram node is not listed in the components table.', uz: 'Diagramma tuguni komponentlar jadvalida yoʻq.' },
    check: (block) => {
      const result = parse(block)
      if (!result.ok) return []
      const listed = componentNames(block)
      const subgraphs = new Set(result.flowchart.subgraphs.map((s) => s.id))
      const hits: RuleHit[] = []
      for (const node of result.flowchart.nodes) {
        if (subgraphs.has(node.id)) continue
        const label = node.label === null ? null : plainLabel(node.label)
        if (listed.has(foldLabel(node.id)) || (label !== null && listed.has(foldLabel(label)))) continue
        const shown = label === null || foldLabel(label) === foldLabel(node.id) ? `"${node.id}"` : `"${label.replace(/\s+/g, ' ').trim()}" (${node.id})`
        hits.push({
          pos: block.pos,
          target: block.target,
          message: {
            en: `The diagram shows ${shown}, but the components table does not list it: add a row with its type, technology and owner (or name an existing row as the node), so every box in the picture has someone responsible.`,
            uz: `Diagrammada ${shown} bor, lekin komponentlar jadvalida u yoʻq: uning turi, texnologiyasi va masʼuli bilan qator qoʻshing (yoki mavjud qator nomini tugunga bering), shunda rasmdagi har bir qism uchun kimdir javob beradi.`,
          },
        })
      }
      return hits
    },
  },
]
