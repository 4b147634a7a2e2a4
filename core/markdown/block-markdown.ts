import type { JSONContent } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { PhrasingContent, RootContent } from 'mdast'
import type { BlockSpec } from '../blocks/define.js'
import type { Lang } from '../i18n.js'

/** What the exporter lends a block's Markdown codec. */
export interface BlockExportContext {
  /** The document's language: labels and choice values are written in it. */
  readonly lang: Lang
  /** Inline content (a field, a table cell's paragraph) as one line of mdast phrasing. */
  inline(node: PMNode): PhrasingContent[]
  /** A body node inside the block (a table, a task list) as mdast flow, exactly as outside blocks. */
  flow(node: PMNode): RootContent[]
}

/** What the importer lends a block's Markdown codec. */
export interface BlockImportContext {
  /** One line of phrasing (a table cell) as a field's content: text with its marks. */
  inline(nodes: readonly PhrasingContent[]): JSONContent[]
  /** An mdast flow node (a table, a list) as ProseMirror JSON, exactly as outside blocks. */
  flow(node: RootContent): JSONContent[]
}

/** A block read back from its visible form, or why the visible form is not the block's. */
export type BlockParse =
  | { readonly block: JSONContent; readonly consumed: number }
  | { readonly error: string; readonly line?: number }

/**
 * The Markdown form of one structured block type: the visible nodes written after its marker
 * (`<!-- mldoc:<markdownName> v<formatVersion> -->`), and the way back from them.
 */
export interface BlockMarkdown {
  readonly spec: BlockSpec
  /** The visible form of a block node, in the document's language. */
  toMarkdown(block: PMNode, ctx: BlockExportContext): RootContent[]
  /**
   * Reads a block from the nodes that follow its marker (at most {@link MAX_BLOCK_NODES}):
   * the block's JSON and how many nodes it used, or why they are not this block.
   */
  fromMarkdown(siblings: readonly RootContent[], ctx: BlockImportContext): BlockParse
}

/** The most mdast nodes a block's visible form spans. */
export const MAX_BLOCK_NODES = 4

/** Line where an mdast node starts (1-based), if known. */
export function lineOf(node: { position?: { start: { line: number } } } | undefined): number | undefined {
  return node?.position?.start.line
}
