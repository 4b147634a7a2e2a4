import type { Node as PMNode } from '@tiptap/pm/model'
import type { BlockExportContext } from '../block-markdown.js'
import { writeFlow } from './blocks.js'
import { writeBody } from './body.js'
import { WriterState } from './state.js'

/**
 * A document as Markdown in the fixed style of FORMAT.md, ending with one newline: the front
 * matter (its YAML), then the body; `blocks` gives structured blocks' content as mdast.
 */
export function writeMarkdown(frontMatter: string, body: PMNode, blocks: BlockExportContext): string {
  const state = new WriterState()
  const yaml = writeFlow(state, { type: 'yaml', value: frontMatter }, { type: 'root', children: [] })
  const rest = writeBody(state, body, blocks)
  const value = rest ? `${yaml}\n\n${rest}` : yaml
  const last = value.charCodeAt(value.length - 1)
  return value && last !== 10 && last !== 13 ? `${value}\n` : value
}
