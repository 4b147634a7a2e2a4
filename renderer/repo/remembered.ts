import type * as Y from 'yjs'

/** What the repository dialogs remember about an open document: the last repository, file in it, and project folder. */
export interface RememberedFolders {
  readonly repo: string
  readonly path: string
  readonly project: string
}

const EMPTY: RememberedFolders = { repo: '', path: '', project: '' }
const byDocument = new WeakMap<Y.Doc, RememberedFolders>()

/** The folders last used with this document while it is open (empty at first). */
export function rememberedFolders(ydoc: Y.Doc): RememberedFolders {
  return byDocument.get(ydoc) ?? EMPTY
}

/** Keeps folders used with this document, so reopening a dialog starts from them. */
export function rememberFolders(ydoc: Y.Doc, change: Partial<RememberedFolders>): void {
  byDocument.set(ydoc, { ...rememberedFolders(ydoc), ...change })
}
