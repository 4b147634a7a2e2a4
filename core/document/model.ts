import type { Node as PMNode } from '@tiptap/pm/model'
import type { DocumentMeta } from './meta.js'

/** An ML Engineering Document: its header and its body (a ProseMirror `doc` node of {@link mldocSchema}). */
export interface MLDocument {
  readonly meta: DocumentMeta
  readonly body: PMNode
}
