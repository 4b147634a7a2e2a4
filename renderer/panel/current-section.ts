import type { Editor } from '@tiptap/core'
import { useEffect, useState } from 'react'

/** How far below the top of the editor's scroll area a heading counts as reached, at most. */
const READING_LINE_PX = 120

/**
 * The index of the outline entry whose section holds the reading line (a little below the top of
 * the editor's scroll area): the last heading at or above that line, or -1 above the first one.
 * `positions` are the headings' document positions, in document order, so a binary search reads
 * a handful of boxes whatever the document's length.
 */
export function currentSectionIndex(editor: Editor, positions: readonly number[], line: number): number {
  const top = (index: number): number | null => {
    const dom = editor.view.nodeDOM(positions[index]!)
    return dom instanceof Element ? dom.getBoundingClientRect().top : null
  }
  let low = 0
  let high = positions.length - 1
  let found = -1
  while (low <= high) {
    const middle = (low + high) >> 1
    const at = top(middle)
    if (at === null) return found
    if (at <= line) {
      found = middle
      low = middle + 1
    } else {
      high = middle - 1
    }
  }
  return found
}

/**
 * The outline entry of the section being read, followed as the editor scrolls (once per frame)
 * and when the headings change. `positions` reads the latest headings' positions.
 */
export function useCurrentSection(editor: Editor, positions: () => readonly number[], headings: number): number {
  const [current, setCurrent] = useState(-1)
  useEffect(() => {
    if (headings === 0) return
    const scroller = editor.view.dom.closest('.page-scroll')
    let frame: number | null = null
    const update = () => {
      frame = null
      if (editor.isDestroyed) return
      const area = (scroller ?? document.documentElement).getBoundingClientRect()
      setCurrent(currentSectionIndex(editor, positions(), area.top + Math.min(READING_LINE_PX, area.height / 4)))
    }
    const schedule = () => {
      frame ??= requestAnimationFrame(update)
    }
    schedule()
    const target = scroller ?? window
    target.addEventListener('scroll', schedule, { passive: true })
    return () => {
      target.removeEventListener('scroll', schedule)
      if (frame !== null) cancelAnimationFrame(frame)
    }
  }, [editor, positions, headings])
  return current
}
