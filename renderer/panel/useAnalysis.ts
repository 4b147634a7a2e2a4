import type { Editor } from '@tiptap/core'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import type { Lang } from '../../core/i18n.js'
import { lintDocument, type Finding } from '../../core/lint/index.js'
import { exportMarkdown } from '../../core/markdown/index.js'
import { META_MAP } from '../../core/yjs/doc.js'
import { currentDocument } from '../document/current.js'
import { outlineOf, readinessOf, type OutlineEntry, type Readiness } from './analysis.js'

/** What the side panel shows, computed from the document off the typing path. */
export interface Analysis {
  readonly outline: readonly OutlineEntry[]
  readonly readiness: Readiness
  /** The linter's findings; null when the linter failed (see `lintError`). */
  readonly findings: readonly Finding[] | null
  readonly lintError: string | null
  /** The Markdown export, computed only while the preview is shown. */
  readonly markdown: string | null
  readonly markdownError: string | null
}

/** Milliseconds of quiet after an edit before the document is analysed again. */
export const ANALYSIS_DELAY = 300

const idle: (callback: () => void) => number =
  typeof requestIdleCallback === 'function' ? (callback) => requestIdleCallback(callback, { timeout: 1000 }) : (callback) => window.setTimeout(callback, 0)
const cancelIdle: (handle: number) => void = typeof cancelIdleCallback === 'function' ? cancelIdleCallback : window.clearTimeout

function analyse(editor: Editor, ydoc: Y.Doc, lang: Lang, preview: boolean): Analysis {
  const body = editor.state.doc
  let findings: Finding[] | null = null
  let lintError: string | null = null
  let markdown: string | null = null
  let markdownError: string | null = null
  try {
    const doc = currentDocument(editor, ydoc)
    try {
      findings = lintDocument(doc, { lang })
    } catch (error) {
      lintError = (error as Error).message
    }
    if (preview) {
      try {
        markdown = exportMarkdown(doc)
      } catch (error) {
        markdownError = (error as Error).message
      }
    }
  } catch (error) {
    lintError = markdownError = (error as Error).message
  }
  return { outline: outlineOf(body), readiness: readinessOf(body), findings, lintError, markdown, markdownError }
}

/**
 * Keeps the outline, readiness, lint findings and (when shown) the Markdown preview up to date:
 * recomputed ~300 ms after the document or its header stops changing, in an idle callback, so
 * typing never waits for them.
 */
export function useAnalysis(editor: Editor, ydoc: Y.Doc, lang: Lang, preview: boolean): Analysis {
  const [analysis, setAnalysis] = useState(() => analyse(editor, ydoc, lang, preview))
  useEffect(() => {
    let timer: number | undefined
    let handle: number | undefined
    const schedule = (delay: number) => {
      window.clearTimeout(timer)
      if (handle !== undefined) cancelIdle(handle)
      timer = window.setTimeout(() => {
        handle = idle(() => {
          handle = undefined
          if (!editor.isDestroyed) setAnalysis(analyse(editor, ydoc, lang, preview))
        })
      }, delay)
    }
    const onChange = () => schedule(ANALYSIS_DELAY)
    const meta = ydoc.getMap(META_MAP)
    editor.on('update', onChange)
    meta.observe(onChange)
    schedule(0)
    return () => {
      window.clearTimeout(timer)
      if (handle !== undefined) cancelIdle(handle)
      editor.off('update', onChange)
      meta.unobserve(onChange)
    }
  }, [editor, ydoc, lang, preview])
  return analysis
}
