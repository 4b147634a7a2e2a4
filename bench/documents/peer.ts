import type { JSONContent } from '@tiptap/core'
import { isBlockType } from '../../core/blocks/define.js'
import type { MLDocument } from '../../core/document/model.js'
import { exportMarkdown, importMarkdown } from '../../core/markdown/index.js'
import { mldocSchema } from '../../core/schema/index.js'

/** A block marker line of FORMAT.md: `<!-- mldoc:metric v1 -->`. */
const MARKER_LINE = /^<!-- mldoc:[a-z-]+ v\d+ -->\n/gm

/**
 * The plain content a structured block shows in Markdown (its key/value tables, checklist,
 * Mermaid fence and matrix as ordinary GFM nodes): what a peer library without MLDoc's block
 * nodes is given in place of the block, so every library writes the same visible content.
 * Made by exporting the block alone, dropping its marker, and importing the rest as the plain
 * Markdown it then is (FORMAT.md: Markdown without markers imports as plain content).
 */
function plainBlockContent(block: MLDocument['body'], meta: MLDocument['meta']): JSONContent[] {
  const body = mldocSchema().topNodeType.create(null, [block])
  const markdown = exportMarkdown({ meta, body }).replace(MARKER_LINE, '')
  const { doc, warnings } = importMarkdown(markdown, { source: `plain form of ${block.type.name}` })
  if (warnings.length > 0) throw new Error(`plain form of ${block.type.name}: ${warnings[0]!.message}`)
  return (doc.body.toJSON() as JSONContent).content ?? []
}

/**
 * The document as peers get it: ProseMirror JSON with the same paragraphs, tables, task lists
 * and headings, each structured block replaced by its plain equivalent ({@link plainBlockContent}),
 * and no section guidance or done marks on headings (peers have no such attributes).
 */
export function peerDocumentJSON(doc: MLDocument): JSONContent {
  const content: JSONContent[] = []
  doc.body.forEach((node) => {
    if (isBlockType(node.type.name)) content.push(...plainBlockContent(node, doc.meta))
    else if (node.type.name === 'heading') content.push({ ...(node.toJSON() as JSONContent), attrs: { level: node.attrs.level as number } })
    else content.push(node.toJSON() as JSONContent)
  })
  return { type: 'doc', content }
}
