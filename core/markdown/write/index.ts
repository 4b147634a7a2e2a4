import type { Root } from 'mdast'
import { containerFlow } from './blocks.js'
import { WriterState } from './state.js'

/**
 * An mdast tree of the kinds MLDoc writes (front matter, GFM blocks and inline content, its
 * comments) as Markdown in the fixed style of FORMAT.md, ending with one newline.
 */
export function writeMarkdown(root: Root): string {
  const value = containerFlow(new WriterState(), root)
  const last = value.charCodeAt(value.length - 1)
  return value && last !== 10 && last !== 13 ? `${value}\n` : value
}
