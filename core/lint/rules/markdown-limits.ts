import { cellCodeWithEscapedPipe } from '../../markdown/table.js'
import type { DocumentLintRule, RuleHit } from '../rule.js'

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
      const code = cellCodeWithEscapedPipe(node)
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
