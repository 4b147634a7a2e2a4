import { useEffect, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { useApp } from '../app/settings.js'
import { collabFor, type CollabSession, type CollabState } from './session.js'

/**
 * The co-editing session of a document, kept in step with the settings (name, colour, servers).
 * Call it in the component that makes the editor:
 * `const collab = useCollab(session.ydoc)`, then add `collaborationCaret(collab)` to the
 * editor's extensions and render `<ShareButton collab={collab} />` and `<PeersPanel collab={collab} />`.
 */
export function useCollab(ydoc: Y.Doc): CollabSession {
  const { settings } = useApp()
  const collab = collabFor(ydoc, settings)
  useEffect(() => {
    collab.updateSettings(settings)
  }, [collab, settings])
  // Closing the document leaves its room. The leave waits a tick, so a component that is
  // unmounted and mounted again at once (React's StrictMode) keeps its room.
  useEffect(() => {
    clearTimeout(pendingDispose.get(collab))
    return () => {
      pendingDispose.set(collab, setTimeout(() => collab.dispose(), 0))
    }
  }, [collab])
  return collab
}

/** Sessions whose document view went away, to be disposed unless it comes back at once. */
const pendingDispose = new WeakMap<CollabSession, ReturnType<typeof setTimeout>>()

/** The session's state, re-rendering on change. */
export function useCollabState(collab: CollabSession): CollabState {
  return useSyncExternalStore(collab.subscribe, collab.getState)
}
