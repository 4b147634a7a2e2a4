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
 * Whether a node is something people wrote in a section, as opposed to an empty line or the
 * scaffolding a template puts there (a table to fill, a structured block).
 */
function isWriting(node: PMNode): boolean {
  if (node.type.name === 'paragraph') return node.content.size > 0
  return !(node.type.name === 'table' || node.type.spec.isolating)
}

/**
 * The guidance of every section not written yet (nothing in it but empty lines, tables and
 * blocks): as placeholder text in the empty paragraph right after a guided heading, or, when
 * none follows it, as a hint under the heading that starts the section when clicked. Walks the
 * top level only.
 */
function guidanceDecorations(doc: PMNode): DecorationSet {
  const decorations: Decoration[] = []
  const sections: { heading: PMNode; end: number; next: PMNode | null; nextAt: number; written: boolean }[] = []
  doc.forEach((node, offset) => {
    const open = sections.at(-1)
    if (node.type.name === 'heading') {
      sections.push({ heading: node, end: offset + node.nodeSize, next: null, nextAt: -1, written: false })
      return
    }
    if (!open) return
    if (open.next === null) {
      open.next = node
      open.nextAt = offset
    }
    if (isWriting(node)) open.written = true
  })
  for (const section of sections) {
    const guidance = guidanceOf(section.heading)
    if (!guidance || section.written) continue
    if (isEmptyParagraph(section.next)) decorations.push(placeholder(section.nextAt, section.next!, guidance))
    else decorations.push(hintWidget(section.end, guidance))
  }
  return DecorationSet.create(doc, decorations)
}

/**
 * Whether a change leaves the guidance where it was: the same top-level nodes, and each one that
 * changed still reads the same to {@link guidanceDecorations} (typing inside a written paragraph,
 * a table or a block). The decorations are then only moved with the change, not made again:
 * that walk of the whole top level ran on every keystroke.
 */
function sameGuidance(before: PMNode, after: PMNode): boolean {
  if (before.childCount !== after.childCount) return false
  for (let i = 0; i < before.childCount; i++) {
    const a = before.child(i)
    const b = after.child(i)
    if (a === b) continue
    if (a.type !== b.type || guidanceOf(a) !== guidanceOf(b) || isWriting(a) !== isWriting(b) || isEmptyParagraph(a) !== isEmptyParagraph(b)) return false
  }
  return true
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
          apply: (tr, value) => {
            if (!tr.docChanged) return value
            return sameGuidance(tr.before, tr.doc) ? value.map(tr.mapping, tr.doc) : guidanceDecorations(tr.doc)
          },
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
