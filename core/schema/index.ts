import type { AnyExtension } from '@tiptap/core'
import { getSchema } from '@tiptap/core'
import { TaskItem, TaskList } from '@tiptap/extension-list'
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table'
import StarterKit, { type StarterKitOptions } from '@tiptap/starter-kit'
import type { Schema } from '@tiptap/pm/model'
import { BLOCKS } from '../blocks/registry.js'
import { BlockCode, BlockField } from '../blocks/field.js'
import { MaturityCriterion } from '../blocks/maturity-assessment/spec.js'
import { MergedBodyRepair } from '../yjs/repair-extension.js'
import { isSafeHref } from './links.js'
import { SectionHeading } from './section.js'

/** Options for {@link mldocExtensions}. */
export interface MLDocExtensionOptions {
  /** StarterKit options of the editor (undo/redo off under collaboration, ...). */
  readonly starterKit?: Partial<StarterKitOptions>
  /** Replacements for node extensions by name: the renderer passes block nodes with their views. */
  readonly nodes?: Readonly<Record<string, AnyExtension>>
}

/** GFM table cells hold one paragraph of inline content, so tables round-trip through Markdown. */
const GfmTableCell = TableCell.extend({ content: 'paragraph' })
const GfmTableHeader = TableHeader.extend({ content: 'paragraph' })

/** A task item (`- [ ]`), which may hold further blocks after its first paragraph, nested lists included. */
export const MLDocTaskItem = TaskItem.configure({ nested: true })

/**
 * Every Tiptap extension that shapes an MLDoc document: GitHub-flavoured Markdown content plus
 * the structured blocks. The CLI, the linter, every peer and the editor build the same schema
 * from it, so a document means the same thing everywhere.
 */
export function mldocExtensions(options: MLDocExtensionOptions = {}): AnyExtension[] {
  const nodes = options.nodes ?? {}
  const pick = (ext: AnyExtension) => nodes[ext.name] ?? ext
  return [
    StarterKit.configure({
      heading: false,
      underline: false,
      // Each peer would add its own trailing paragraph and they would pile up after a sync.
      trailingNode: false,
      link: {
        openOnClick: false,
        autolink: true,
        isAllowedUri: (url) => isSafeHref(url),
      },
      ...options.starterKit,
    }),
    pick(SectionHeading.configure({ levels: [1, 2, 3, 4, 5, 6] })),
    pick(Table.configure({ resizable: false })),
    pick(TableRow),
    pick(GfmTableHeader),
    pick(GfmTableCell),
    pick(TaskList),
    pick(MLDocTaskItem),
    pick(BlockField),
    pick(BlockCode),
    pick(MaturityCriterion),
    ...BLOCKS.map((block) => pick(block.node)),
    // Bodies merged from concurrent edits show as every peer reads them (core/yjs/repair.ts).
    MergedBodyRepair,
  ]
}

let schema: Schema | undefined

/** The ProseMirror schema of MLDoc documents (built once). */
export function mldocSchema(): Schema {
  schema ??= getSchema(mldocExtensions())
  return schema
}
