import { Node, mergeAttributes } from '@tiptap/core'
import type { ElementAttributes } from './define.js'

/**
 * A labelled text field inside a structured block (a metric's definition, a risk's mitigation).
 * Its text is ordinary inline content, so two people typing into it at once merge per character.
 */
export const BlockField = Node.create({
  name: 'blockField',
  content: 'text*',
  marks: 'bold italic strike code link',
  defining: true,
  isolating: true,
  addAttributes() {
    return {
      name: {
        default: '',
        parseHTML: (el: ElementAttributes) => el.getAttribute('data-field') ?? '',
        renderHTML: (attrs: Record<string, unknown>) => ({ 'data-field': attrs.name }),
      },
    }
  },
  parseHTML() {
    return [{ tag: 'div[data-field]' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes, { class: 'block-field' }), 0]
  },
})

/** Source code inside a block (the architecture's Mermaid diagram): plain text, newlines kept. */
export const BlockCode = Node.create({
  name: 'blockCode',
  content: 'text*',
  marks: '',
  code: true,
  defining: true,
  isolating: true,
  addAttributes() {
    return {
      name: {
        default: '',
        parseHTML: (el: ElementAttributes) => el.getAttribute('data-code') ?? '',
        renderHTML: (attrs: Record<string, unknown>) => ({ 'data-code': attrs.name }),
      },
      language: {
        default: 'mermaid',
        parseHTML: (el: ElementAttributes) => el.getAttribute('data-language') ?? 'mermaid',
        renderHTML: (attrs: Record<string, unknown>) => ({ 'data-language': attrs.language }),
      },
    }
  },
  parseHTML() {
    return [{ tag: 'pre[data-code]', preserveWhitespace: 'full' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['pre', mergeAttributes(HTMLAttributes, { class: 'block-code' }), ['code', 0]]
  },
})
