import type { ReactNodeViewProps } from '@tiptap/react'
import { NodeViewContent, NodeViewWrapper } from '@tiptap/react'
import { useEffect, useId, useRef, useState, type RefObject } from 'react'
import { focusEndOf } from './fields.js'
import { VIEW_LABELS } from './labels.js'
import { renderMermaid, type DiagramResult } from './mermaid-render.js'
import { useUiLang } from './ui-lang.js'

/** How long the source must rest before the diagram is drawn again. */
export const DIAGRAM_DEBOUNCE_MS = 300

type Drawing = { readonly svg: string | null; readonly error: string | null; readonly busy: boolean }

/**
 * Draws the Mermaid source `source`, once `seen`, after it has not changed for {@link DIAGRAM_DEBOUNCE_MS};
 * keeps the last good drawing while the source has an error, so the diagram does not flicker.
 */
function useMermaidDrawing(source: string, seen: boolean): Drawing {
  const [drawing, setDrawing] = useState<Drawing>({ svg: null, error: null, busy: source.trim() !== '' })
  useEffect(() => {
    if (!seen) return
    if (source.trim() === '') {
      setDrawing({ svg: null, error: null, busy: false })
      return
    }
    let current = true
    setDrawing((d) => (d.busy ? d : { ...d, busy: true }))
    const timer = setTimeout(() => {
      void renderMermaid(source).then((result: DiagramResult) => {
        if (!current) return
        setDrawing((d) => ('svg' in result ? { svg: result.svg, error: null, busy: false } : { svg: d.svg, error: result.error, busy: false }))
      })
    }, DIAGRAM_DEBOUNCE_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [source, seen])
  return drawing
}

/**
 * Whether the element has come within a screen's height of the visible part of the page (and
 * stays true from then on). A long document holds many diagrams: each is drawn when it is about
 * to be seen, not all at once while the document opens. Without IntersectionObserver, true.
 */
function useSeen(element: RefObject<Element | null>): boolean {
  const [seen, setSeen] = useState(() => typeof IntersectionObserver !== 'function')
  useEffect(() => {
    const target = element.current
    if (seen || !target) return
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setSeen(true)
    }, { rootMargin: '100% 0px' })
    observer.observe(target)
    return () => observer.disconnect()
  }, [seen, element])
  return seen
}

/**
 * Source code inside a block (the architecture's Mermaid diagram): the source, edited as
 * ProseMirror text, beside its live drawing, with Mermaid's error text where it does not parse.
 */
export function BlockCodeView({ node, view, getPos }: ReactNodeViewProps) {
  const lang = useUiLang()
  const labelId = useId()
  const mermaid = node.attrs.language === 'mermaid'
  const figure = useRef<HTMLElement>(null)
  const drawing = useMermaidDrawing(mermaid ? node.textContent : '', useSeen(figure))

  return (
    <NodeViewWrapper className={mermaid ? 'mldoc-code-frame mldoc-code-with-preview' : 'mldoc-code-frame'}>
      <div className="mldoc-code-source">
        <span
          className="mldoc-field-label"
          id={labelId}
          contentEditable={false}
          onMouseDown={(event) => {
            event.preventDefault()
            focusEndOf(view, getPos())
          }}
        >
          {mermaid ? VIEW_LABELS.mermaidSource[lang] : String(node.attrs.language)}
        </span>
        <NodeViewContent className="mldoc-code-text" role="textbox" aria-multiline="true" aria-labelledby={labelId} spellCheck={false} />
      </div>
      {mermaid && (
        <figure ref={figure} className="mldoc-diagram" contentEditable={false} aria-label={VIEW_LABELS.diagram[lang]} aria-busy={drawing.busy}>
          {drawing.svg !== null && (
            <div className={drawing.error ? 'mldoc-diagram-svg is-stale' : 'mldoc-diagram-svg'} dangerouslySetInnerHTML={{ __html: drawing.svg }} />
          )}
          {drawing.error !== null && (
            <div className="mldoc-diagram-error">
              <strong>{VIEW_LABELS.diagramError[lang]}</strong>
              <pre>{drawing.error}</pre>
            </div>
          )}
          {drawing.svg === null && drawing.error === null && (
            <p className="mldoc-note">{drawing.busy ? VIEW_LABELS.diagramRendering[lang] : VIEW_LABELS.diagramEmpty[lang]}</p>
          )}
        </figure>
      )}
    </NodeViewWrapper>
  )
}
