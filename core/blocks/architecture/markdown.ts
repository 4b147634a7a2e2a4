import type { BlockMarkdown } from '../../markdown/block-markdown.js'
import { lineOf } from '../../markdown/block-markdown.js'
import { fenceInfo, fenceLanguage } from '../../markdown/code.js'
import { childOfType } from '../../markdown/key-value.js'
import { architectureSpec } from './spec.js'

/**
 * An architecture in Markdown: the diagram as a fenced code block (` ```mermaid `, which GitHub
 * draws), then the components table, which maps to the block's table.
 */
export const architectureMarkdown: BlockMarkdown = {
  spec: architectureSpec,
  toMarkdown(block, ctx) {
    const diagram = childOfType(block, 'blockCode')
    const components = childOfType(block, 'table')
    return [
      { type: 'code', ...fenceInfo(diagram?.attrs.language ?? 'mermaid'), value: diagram?.textContent ?? '' },
      ...(components ? ctx.flow(components) : []),
    ]
  },
  fromMarkdown(siblings, ctx) {
    const [code, components] = siblings
    if (code?.type !== 'code') return { error: 'a fenced code block with the diagram is expected after the marker', line: lineOf(code) }
    if (components?.type !== 'table') return { error: 'the components table is expected after the diagram', line: lineOf(components) ?? lineOf(code) }
    return {
      block: {
        type: architectureSpec.type,
        attrs: {},
        content: [
          { type: 'blockCode', attrs: { name: 'diagram', language: fenceLanguage(code) ?? 'mermaid' }, ...(code.value ? { content: [{ type: 'text', text: code.value }] } : {}) },
          ...ctx.flow(components),
        ],
      },
      consumed: 2,
    }
  },
}
