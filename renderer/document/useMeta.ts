import { useCallback, useRef, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { emptyMeta, type DocumentMeta } from '../../core/document/meta.js'
import { META_MAP, readMeta } from '../../core/yjs/doc.js'

/**
 * The document header held by the Y.Doc, re-read whenever a peer or this window changes it.
 * A header that does not parse (a foreign peer wrote a bad value) reads as the defaults for the
 * keys it cannot use, so the form stays usable.
 */
export function useMeta(ydoc: Y.Doc): DocumentMeta {
  const cache = useRef<DocumentMeta | null>(null)
  const subscribe = useCallback((listener: () => void) => {
    const map = ydoc.getMap(META_MAP)
    const onChange = () => {
      cache.current = null
      listener()
    }
    map.observe(onChange)
    return () => map.unobserve(onChange)
  }, [ydoc])
  const read = useCallback(() => {
    if (!cache.current) {
      try {
        cache.current = readMeta(ydoc)
      } catch {
        cache.current = emptyMeta()
      }
    }
    return cache.current
  }, [ydoc])
  return useSyncExternalStore(subscribe, read)
}
