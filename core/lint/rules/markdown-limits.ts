import type { Node as PMNode } from '@tiptap/pm/model'
import type { DocumentLintRule, RuleHit } from '../rule.js'

/** A pipe right after an odd number of backslashes: GFM reads it as an escaped pipe in a cell. */
const ESCAPED_PIPE = /(?:^|[^\\])(?:\\\\)*\\\|/

/** Nodes whose inline content Markdown writes as a table cell (block fields are key/value rows). */
const CELLS = new Set(['tableCell', 'tableHeader', 'blockField'])

/** The first inline code in a cell inside `node` that holds an escaped pipe, or null. */
function codeWithEscapedPipe(node: PMNode, inCell: boolean): string | null {
  if (node.isText) return inCell && node.marks.some((mark) => mark.type.name === 'code') && ESCAPED_PIPE.test(node.text!) ? node.text! : null
  const cell = inCell || CELLS.has(node.type.name)
  let found: string | null = null
  node.forEach((child) => {
    found ??= codeWithEscapedPipe(child, cell)
  })
  return found
}

/**
 * Inline code in a table cell with a backslash right before a pipe (`a\|b`, a grep pattern):
 * GitHub-flavoured Markdown reads `\|` in a cell as a pipe even inside code, so the export loses
 * that backslash (docs/FORMAT.md, Tables). One finding per top-level block.
 */
export const codePipeInCell: DocumentLintRule = {
  id: 'code-pipe-in-cell',
  severity: 'warning',
  description: {
    en: 'Inline code in a table cell has a backslash right before a pipe, which Markdown cannot keep.',
    uz: 'Jadval katagidagi ichki kodda chiziq (|) oldida teskari qiya chiziq (\\) bor: Markdown uni saqlay olmaydi.',
  },
  check: (doc) => {
    const hits: RuleHit[] = []
    for (const { node, pos } of doc.topNodes) {
      const code = codeWithEscapedPipe(node, false)
      if (code === null) continue
      const target = doc.blocks.find((block) => block.pos === pos)?.target ?? doc.sectionAt(pos)?.target ?? doc.target
      hits.push({
        pos,
        target,
        message: {
          en: `The code \`${code}\` is in a table cell, where GitHub-flavoured Markdown reads \\| as a pipe even inside code: the exported Markdown loses the backslash before the pipe. Move the code out of the table (a code block below it), or write it without that backslash.`,
          uz: `\`${code}\` kodi jadval katagida turibdi, GitHub-flavoured Markdown esa katakdagi \\| ni kod ichida ham oddiy chiziq deb oʻqiydi: eksport qilingan Markdown chiziq oldidagi teskari qiya chiziqni yoʻqotadi. Kodni jadvaldan tashqariga chiqaring (uning ostida kod bloki qilib) yoki bu teskari qiya chiziqsiz yozing.`,
        },
      })
    }
    return hits
  },
}
