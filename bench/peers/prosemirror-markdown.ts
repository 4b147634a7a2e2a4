import type { Node as PMNode } from '@tiptap/pm/model'
import { defaultMarkdownSerializer, MarkdownSerializer, type MarkdownSerializerState } from 'prosemirror-markdown'

const base = defaultMarkdownSerializer.nodes

/** A GFM table row by row; stock prosemirror-markdown has no table serializer, so this is the usual one. */
function table(state: MarkdownSerializerState, node: PMNode): void {
  node.forEach((row, _offset, rowIndex) => {
    state.write('|')
    row.forEach((cell) => {
      state.write(' ')
      state.renderInline(cell.firstChild!, false)
      state.write(' |')
    })
    state.ensureNewLine()
    if (rowIndex === 0) {
      state.write(`|${' --- |'.repeat(row.childCount)}`)
      state.ensureNewLine()
    }
  })
  state.closeBlock(node)
}

/** Stock `code_block`, reading Tiptap's `language` attribute where the basic schema has `params`. */
function codeBlock(state: MarkdownSerializerState, node: PMNode): void {
  const backticks = node.textContent.match(/`{3,}/gm)
  const fence = backticks ? `${backticks.sort().slice(-1)[0]}\`` : '```'
  state.write(`${fence}${(node.attrs.language as string | null) ?? ''}\n`)
  state.text(node.textContent, false)
  state.write('\n')
  state.write(fence)
  state.closeBlock(node)
}

/**
 * Stock `prosemirror-markdown` (its `defaultMarkdownSerializer` functions, unchanged) mapped onto
 * Tiptap's node and mark names, plus GFM tables and task lists written with its own state
 * methods: the serializer a ProseMirror editor gets out of the box.
 */
export const prosemirrorSerializer = new MarkdownSerializer(
  {
    doc: (state, node) => state.renderContent(node),
    blockquote: base.blockquote!,
    codeBlock,
    heading: base.heading!,
    horizontalRule: base.horizontal_rule!,
    bulletList: (state, node) => state.renderList(node, '  ', () => '- '),
    orderedList: base.ordered_list!,
    listItem: base.list_item!,
    taskList: (state, node) => state.renderList(node, '  ', (i) => (node.child(i).attrs.checked ? '- [x] ' : '- [ ] ')),
    taskItem: base.list_item!,
    paragraph: base.paragraph!,
    hardBreak: base.hard_break!,
    text: base.text!,
    table,
  },
  {
    italic: defaultMarkdownSerializer.marks.em!,
    bold: defaultMarkdownSerializer.marks.strong!,
    strike: { open: '~~', close: '~~', mixable: true, expelEnclosingWhitespace: true },
    code: defaultMarkdownSerializer.marks.code!,
    link: defaultMarkdownSerializer.marks.link!,
  },
)

/** Stock prosemirror-markdown's Markdown of a document body. */
export function prosemirrorExport(body: PMNode): string {
  return prosemirrorSerializer.serialize(body)
}
