import type { Node as PMNode } from '@tiptap/pm/model'
import type * as Y from 'yjs'
import type { Lang } from '../../core/i18n.js'
import { lintDocument, type Finding } from '../../core/lint/index.js'
import { readBody, readMeta } from '../../core/yjs/doc.js'
import { structureOf, type Analysis } from './analysis.js'

// The linter's part of the side panel's analysis: it runs in the document's replica worker (or,
// without one, loads on this thread when first asked), so the editor does not load it as it opens.

/**
 * Analyses the document a Y.Doc holds: outline, readiness and lint findings (the Markdown
 * preview is made elsewhere: the Markdown code needs a DOM, this runs in a worker). A body that
 * cannot be read leaves the panel empty with the reason; a header that does not parse (a peer
 * wrote a value MLDoc does not know) keeps the outline and gives the reason instead of findings.
 */
export function analyseDocument(ydoc: Y.Doc, lang: Lang): Analysis {
  let body: PMNode
  try {
    body = readBody(ydoc)
  } catch (error) {
    return { outline: [], readiness: { sections: [], done: 0, maturity: null }, findings: null, lintError: (error as Error).message, markdown: null, markdownError: null }
  }
  let findings: Finding[] | null = null
  let lintError: string | null = null
  try {
    findings = lintDocument({ meta: readMeta(ydoc), body }, { lang })
  } catch (error) {
    lintError = (error as Error).message
  }
  return { ...structureOf(body), findings, lintError }
}
