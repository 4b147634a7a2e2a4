import type { Editor } from '@tiptap/core'
import { useEffect, useRef, useState } from 'react'
import type * as Y from 'yjs'
import type { Lang } from '../../core/i18n.js'
import { whenIdle } from '../app/idle.js'
import { documentMarkdown } from '../document/markdown.js'
import { DocumentReplica } from '../document/replica.js'
import { shownAnalysis, structureOf, type Analysis } from './analysis.js'

export type { Analysis } from './analysis.js'

/** Milliseconds of quiet after an edit before the document is analysed again. */
export const ANALYSIS_DELAY = 300

/** The Markdown preview of the editor's document, made in an idle callback on this thread (the Markdown code needs a DOM). */
function previewOf(editor: Editor, ydoc: Y.Doc): Promise<Pick<Analysis, 'markdown' | 'markdownError'>> {
  return new Promise((resolve) => whenIdle(() => {
    documentMarkdown(editor, ydoc).then(
      (markdown) => resolve({ markdown, markdownError: null }),
      (error: unknown) => resolve({ markdown: null, markdownError: (error as Error).message }),
    )
  }))
}

/** What the side panel shows, and the latest analysis, whose positions the panel's buttons use. */
export interface PanelAnalysis {
  /** Changes only when what the panel shows changes ({@link shownAnalysis}). */
  readonly shown: Analysis
  /** The latest analysis: as `shown` but for positions. Read it when a button is pressed. */
  readonly latest: { readonly current: Analysis }
}

/**
 * Keeps the outline, readiness, lint findings and (when shown) the Markdown preview up to date:
 * analysed ~300 ms after the document or its header stops changing, one analysis at a time, by
 * the document's replica in a worker ({@link DocumentReplica}), so the linter never delays a
 * keystroke. The first analysis starts once the editor has been painted.
 */
export function useAnalysis(editor: Editor, ydoc: Y.Doc, lang: Lang, preview: boolean): PanelAnalysis {
  const [shown, setShown] = useState(() => structureOf(editor.state.doc))
  const latest = useRef(shown)

  useEffect(() => {
    const replica = DocumentReplica.use(ydoc)
    let live = true
    let timer: ReturnType<typeof setTimeout> | undefined
    let running = false
    let changedMeanwhile = false
    const run = () => {
      if (running) {
        changedMeanwhile = true
        return
      }
      running = true
      void Promise.all([replica.analyse(lang), preview ? previewOf(editor, ydoc) : null]).then(([result, markdown]) => {
        running = false
        if (!live) return
        const next = markdown ? { ...result, ...markdown } : result
        latest.current = next
        setShown((current) => shownAnalysis(current, next))
        if (changedMeanwhile) {
          changedMeanwhile = false
          schedule(ANALYSIS_DELAY)
        }
      })
    }
    const schedule = (delay: number) => {
      clearTimeout(timer)
      timer = setTimeout(run, delay)
    }
    // Body and header changes both reach the Y.Doc (the editor writes every transaction to it).
    const onChange = () => schedule(ANALYSIS_DELAY)
    ydoc.on('update', onChange)
    // After the first paint, so that opening a document does not wait for it.
    const frame = requestAnimationFrame(() => schedule(0))
    return () => {
      live = false
      cancelAnimationFrame(frame)
      clearTimeout(timer)
      ydoc.off('update', onChange)
      replica.release()
    }
  }, [editor, ydoc, lang, preview])

  return { shown, latest }
}
