import type { Editor } from '@tiptap/core'
import { createContentComponent } from '@tiptap/react'
import { memo, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react'
import { drawWithStandIns } from '../blocks/stand-ins.js'

/** Tiptap's React view of an editor: where its node views' React trees are kept. */
type ContentComponent = ReturnType<typeof createContentComponent>
type ReactEditor = Editor & { contentComponent?: ContentComponent | null; isEditorContentInitialized?: boolean }

/** The React trees of the block views, rendered into their ProseMirror elements through portals. */
function NodeViewPortals({ content }: { content: ContentComponent }) {
  const portals = useSyncExternalStore(content.subscribe, content.getSnapshot, content.getServerSnapshot)
  return <>{Object.values(portals)}</>
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
 * once, with its node views, those beyond the first screens drawn as stand-ins and redrawn
 * after the first paint (see `drawWithStandIns`). (`useEditor` cannot make such an editor: it
 * takes one without a view for a destroyed one and makes another; see `useEditorLifetime`.)
 * Until `onMounted(true)` the editor has no view and its state no plugins, so nothing may run
 * commands on it: the parts that do render after that call, in the same frame.
 */
export const EditorMount = memo(function EditorMount({ editor, className, onMounted }: { editor: Editor; className?: string; onMounted: (mounted: boolean) => void }) {
  const element = useRef<HTMLDivElement>(null)
  const [content] = useState(createContentComponent)
  useLayoutEffect(() => {
    const target = editor as ReactEditor
    if (!element.current) return
    target.contentComponent = content
    // Built off the page, then put in: nothing ProseMirror reads as it mounts (the DOM
    // selection) makes the browser lay out the whole document before the first frame does.
    const offPage = document.createElement('div')
    // A stand-in's React view, made after the mount, renders at once (flushSync) unless the
    // content is marked as not initialised: the views of one redraw then render together.
    const standIns = drawWithStandIns(target, () => target.mount(offPage), (redraw) => {
      target.isEditorContentInitialized = false
      try {
        redraw()
      } finally {
        target.isEditorContentInitialized = true
      }
    })
    element.current.append(...offPage.childNodes)
    standIns.redrawInBackground()
    // From now on a new node view renders at once (flushSync), as with EditorContent; the ones
    // made by mount render in microtasks queued already.
    target.isEditorContentInitialized = true
    onMounted(true)
    return () => {
      onMounted(false)
      standIns.dispose()
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
