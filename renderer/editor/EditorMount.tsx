import type { Editor } from '@tiptap/core'
import { createContentComponent, type ReactRenderer } from '@tiptap/react'
import { memo, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react'

/** Tiptap's React view of an editor: where its node views' React trees are kept. */
type ContentComponent = ReturnType<typeof createContentComponent>
type ReactEditor = Editor & { contentComponent?: ContentComponent | null; isEditorContentInitialized?: boolean }

/** The React trees of the block views, rendered into their ProseMirror elements through portals. */
function NodeViewPortals({ content }: { content: ContentComponent }) {
  const portals = useSyncExternalStore(content.subscribe, content.getSnapshot, content.getServerSnapshot)
  return <>{Object.values(portals)}</>
}

/** How far beyond the visible part of the page a block view counts as about to be seen: one screen. */
const NEAR = '100% 0px'

/**
 * The top-level nodes a document opens with on the screen or within a screen of it, at most:
 * short paragraphs are some 30 px high, so forty of them fill two 900 px screens.
 */
const FIRST_SCREENS = 40

/** Waiting block views drawn per idle callback (a block's chrome renders in a few milliseconds). */
const IDLE_BATCH = 8

/**
 * Node views' React trees as Tiptap's content component holds them, except that the views made
 * while the editor first opens wait, once {@link settle} has run, unless they are on or near the
 * screen: a long document holds a hundred blocks, and drawing every block's chrome (selects,
 * suggestions, totals) before the first paint cost about as much as drawing the whole text.
 * The waiting ones are drawn, in document order, when the browser is idle, and at once when
 * one comes near the screen. Until then a waiting block shows its fields without its frame;
 * the stylesheet skips the layout and paint of top-level nodes off the screen
 * (`content-visibility: auto`), so nobody sees the difference.
 */
export class OpeningContent implements ContentComponent {
  readonly subscribe: ContentComponent['subscribe']
  readonly getSnapshot: ContentComponent['getSnapshot']
  readonly getServerSnapshot: ContentComponent['getServerSnapshot']
  /** Views not drawn yet, in the order they were made (document order). */
  private readonly waiting = new Map<string, ReactRenderer>()
  private readonly ids = new WeakMap<Element, string>()
  private opening = true
  private observer: IntersectionObserver | null = null
  private idle: number | null = null

  constructor(private readonly content: ContentComponent) {
    this.subscribe = content.subscribe
    this.getSnapshot = content.getSnapshot
    this.getServerSnapshot = content.getServerSnapshot
  }

  readonly setRenderer = (id: string, renderer: ReactRenderer): void => {
    if (!this.opening && !this.waiting.has(id)) return this.content.setRenderer(id, renderer)
    this.waiting.set(id, renderer)
    this.ids.set(renderer.element, id)
  }

  readonly removeRenderer = (id: string): void => {
    const renderer = this.waiting.get(id)
    if (renderer) this.observer?.unobserve(renderer.element)
    this.waiting.delete(id)
    this.content.removeRenderer(id)
  }

  private draw(id: string): void {
    const renderer = this.waiting.get(id)
    if (!renderer) return
    this.observer?.unobserve(renderer.element)
    this.waiting.delete(id)
    this.content.setRenderer(id, renderer)
  }

  /**
   * Ends the opening: draws the views made so far inside the first {@link FIRST_SCREENS}
   * top-level nodes of `editorDOM` (a document opens at its top; asking the layout where each
   * view is would lay the whole document out before the first paint), and leaves the others
   * waiting for idle time or for coming near the screen. Views made from now on are drawn at once.
   */
  settle(editorDOM: Element): void {
    this.opening = false
    const first = new Set<Element>()
    for (let node = editorDOM.firstElementChild; node && first.size < FIRST_SCREENS; node = node.nextElementSibling) first.add(node)
    for (const [id, renderer] of [...this.waiting]) {
      let top: Element = renderer.element
      while (top.parentElement && top.parentElement !== editorDOM) top = top.parentElement
      if (top.parentElement !== editorDOM || first.has(top)) this.draw(id)
    }
    if (this.waiting.size === 0) return
    if (typeof IntersectionObserver === 'function') {
      this.observer = new IntersectionObserver((entries) => {
        for (const entry of entries) {
          const id = this.ids.get(entry.target)
          if (entry.isIntersecting && id !== undefined) this.draw(id)
        }
      }, { rootMargin: NEAR })
      for (const renderer of this.waiting.values()) this.observer.observe(renderer.element)
    }
    this.scheduleIdle()
  }

  /**
   * Draws waiting views in document order while the browser is idle, {@link IDLE_BATCH} at a
   * time: React renders them after the idle callback returns, so its deadline cannot bound them,
   * and a small batch keeps each of those tasks short enough not to delay a key press.
   */
  private scheduleIdle(): void {
    const step = () => {
      this.idle = null
      for (const id of [...this.waiting.keys()].slice(0, IDLE_BATCH)) this.draw(id)
      if (this.waiting.size > 0) this.scheduleIdle()
    }
    this.idle = typeof requestIdleCallback === 'function' ? requestIdleCallback(step, { timeout: 1000 }) : window.setTimeout(step, 50)
  }

  /** Stops waiting (the editor is going away): nothing more is drawn. */
  dispose(): void {
    this.observer?.disconnect()
    if (this.idle !== null) (typeof cancelIdleCallback === 'function' ? cancelIdleCallback : clearTimeout)(this.idle)
    this.waiting.clear()
  }
}

/**
 * Destroys the editor when the component that made it goes away. Later by a moment, so that
 * React's development double run of effects (unmount, mount again) keeps it.
 */
export function useEditorLifetime(editor: Editor): void {
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => {
    clearTimeout(pending.current)
    return () => {
      pending.current = setTimeout(() => editor.destroy(), 0)
    }
  }, [editor])
}

/**
 * Mounts an editor created without an element (`element: null`) into a div and renders its React
 * node views through portals. Tiptap's `EditorContent` takes an editor that is already mounted
 * and then installs the React node views, which makes ProseMirror draw the whole document a
 * second time (on a 1x document that took as long as the first drawing); here the view is made
 * once, with its node views, and the React chrome of blocks away from the screen is drawn after
 * the first paint (see {@link OpeningContent}). (`useEditor` cannot make such an editor: it takes
 * one without a view for a destroyed one and makes another; see `useEditorLifetime`.) Until
 * `onMounted(true)` the editor has no view and its state no plugins, so nothing may run commands
 * on it: the parts that do render after that call, in the same frame.
 */
export const EditorMount = memo(function EditorMount({ editor, className, onMounted }: { editor: Editor; className?: string; onMounted: (mounted: boolean) => void }) {
  const element = useRef<HTMLDivElement>(null)
  const [content] = useState(createContentComponent)
  useLayoutEffect(() => {
    const target = editor as ReactEditor
    if (!element.current) return
    const opening = new OpeningContent(content)
    target.contentComponent = opening
    // Built off the page, then put in: nothing ProseMirror reads as it mounts (the DOM
    // selection) makes the browser lay out the whole document before the first frame does.
    const offPage = document.createElement('div')
    target.mount(offPage)
    element.current.append(...offPage.childNodes)
    // The node views made by mount render in microtasks queued before this one.
    const editorDOM = target.view.dom
    queueMicrotask(() => opening.settle(editorDOM))
    // From now on a new node view renders at once (flushSync), as with EditorContent.
    target.isEditorContentInitialized = true
    onMounted(true)
    return () => {
      onMounted(false)
      opening.dispose()
      target.isEditorContentInitialized = false
      if (!target.isDestroyed) target.unmount()
      target.contentComponent = null
    }
  }, [editor, content, onMounted])
  return (
    <>
      <div ref={element} className={className} />
      <NodeViewPortals content={content} />
    </>
  )
})
