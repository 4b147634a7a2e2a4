import type { JSONContent } from '@tiptap/core'
import { MarkdownManager } from '@tiptap/markdown'
import { mldocExtensions } from '../../core/schema/index.js'

/**
 * `@tiptap/markdown`'s serializer and parser over the same Tiptap extensions as MLDoc
 * (StarterKit, tables, task lists): what a Tiptap editor's `getMarkdown()` and
 * `setContent(markdown, { contentType: 'markdown' })` run.
 */
export function tiptapMarkdown(): MarkdownManager {
  return new MarkdownManager({ extensions: mldocExtensions() })
}

/** `editor.getMarkdown()` of a Tiptap editor holding this document: `serialize(doc.toJSON())`. */
export function tiptapExport(manager: MarkdownManager, json: JSONContent): string {
  return manager.serialize(json)
}
