import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, TextSelection, type EditorState } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'

/** Options of {@link SectionGuidance}. */
export interface SectionGuidanceOptions {
  /** The hint on the empty line being typed in (in the UI language, read when shown). */
  emptyLineHint: () => string
}

/** The template's guidance of a heading, or null. */
function guidanceOf(node: PMNode | null | undefined): string | null {
  return node?.type.name === 'heading' && typeof node.attrs.guidance === 'string' && node.attrs.guidance ? node.attrs.guidance : null
}

function isEmptyParagraph(node: PMNode | null | undefined): boolean {
  return node?.type.name === 'paragraph' && node.content.size === 0
}

/** Placeholder text on an empty node: a class for the style and the text in `data-placeholder`. */
function placeholder(from: number, node: PMNode, text: string): Decoration {
  return Decoration.node(from, from + node.nodeSize, { class: 'is-empty', 'data-placeholder': text })
}

/**
 * The guidance of every section not written yet: as placeholder text in the empty paragraph
 * right after a guided heading, or, when no paragraph follows the heading (the next section, a
 * table or a block comes first), as a hint under the heading that starts the section when
 * clicked. Walks the top level only.
 */
function guidanceDecorations(doc: PMNode): DecorationSet {
  const decorations: Decoration[] = []
  let previous: { node: PMNode; end: number } | null = null
  doc.forEach((node, offset) => {
    const guidance = guidanceOf(previous?.node)
    if (guidance && isEmptyParagraph(node)) decorations.push(placeholder(offset, node, guidance))
    else if (guidance && node.type.name !== 'paragraph') decorations.push(hintWidget(offset, guidance))
    previous = { node, end: offset + node.nodeSize }
  })
  const last = previous as { node: PMNode; end: number } | null
  const guidance = guidanceOf(last?.node)
  if (last && guidance) decorations.push(hintWidget(last.end, guidance))
  return DecorationSet.create(doc, decorations)
}

/**
 * The guidance hint under a heading. Its key is the text alone, so typing elsewhere (which moves
 * every position) keeps the same DOM; the click reads the widget's position when it happens.
 */
function hintWidget(pos: number, guidance: string): Decoration {
  return Decoration.widget(pos, (view, getPos) => {
    const hint = document.createElement('div')
    hint.className = 'section-guidance'
    hint.contentEditable = 'false'
    hint.textContent = guidance
    hint.addEventListener('mousedown', (event) => {
      event.preventDefault()
      const at = getPos()
      if (at === undefined) return
      const tr = view.state.tr.insert(at, view.state.schema.nodes.paragraph!.create())
      view.dispatch(tr.setSelection(TextSelection.create(tr.doc, at + 1)).scrollIntoView())
      view.focus()
    })
    return hint
  }, { side: -1, key: `guidance:${guidance}`, ignoreSelection: true })
}

const guidanceKey = new PluginKey<DecorationSet>('sectionGuidance')

/**
 * Section guidance and the empty-line hint. Guidance comes from the template (the heading's
 * `guidance` attribute) and is never content: it is only shown, as placeholder text, until the
 * section is written. The empty top-level line the cursor is on says how to insert a block.
 */
export const SectionGuidance = Extension.create<SectionGuidanceOptions>({
  name: 'sectionGuidance',

  addOptions() {
    return { emptyLineHint: () => '' }
  },

  addProseMirrorPlugins() {
    const { emptyLineHint } = this.options
    return [
      new Plugin<DecorationSet>({
        key: guidanceKey,
        state: {
          init: (_, state) => guidanceDecorations(state.doc),
          apply: (tr, value) => (tr.docChanged ? guidanceDecorations(tr.doc) : value),
        },
        props: {
          decorations(state: EditorState) {
            const guidance = guidanceKey.getState(state) ?? DecorationSet.empty
            const { selection } = state
            const { $from } = selection
            if (!selection.empty || $from.depth !== 1 || !isEmptyParagraph($from.parent)) return guidance
            const from = $from.before(1)
            if (guidance.find(from, from + 1).length > 0) return guidance
            return guidance.add(state.doc, [placeholder(from, $from.parent, emptyLineHint())])
          },
        },
      }),
    ]
  },
})
