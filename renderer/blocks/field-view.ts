import type { NodeViewRendererProps } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state'
import type { EditorView, NodeView, ViewMutationRecord } from '@tiptap/pm/view'
import type { FieldSpec } from '../../core/blocks/define.js'
import type { Lang } from '../../core/i18n.js'
import { element, ignoresChromeMutation, shellMaker, toggleAttribute, uniqueId } from './dom-view.js'
import { fieldSpecIn, focusEndOf } from './fields.js'
import { onUiLangChange, uiLang } from './ui-lang.js'

/** Field views by their outer element, so the active-field tracker finds the view ProseMirror drew. */
const views = new WeakMap<Node, FieldView>()

/** Field views made but not yet labelled: they learn which block they belong to once in the document. */
const unplaced = new Set<FieldView>()

const fieldShell = shellMaker('blockField', 'mldoc-field', 'mldoc-field-frame', 'mldoc-field-text', () => [element('span', { class: 'mldoc-field-label', contenteditable: 'false' })])

/** Whether an event happened on a field's label (chrome that ProseMirror must not handle: the view puts the caret itself). */
export function inFieldLabel(event: Event): boolean {
  const target = event.target
  return typeof Element !== 'undefined' && target instanceof Element && target.closest('.mldoc-field-label') !== null
}

/**
 * A labelled text field of a structured block (`blockField`), drawn without React: a label,
 * and the field's text as ProseMirror content with the spec's hint as placeholder while it is
 * empty. The text box is a `role="textbox"` named by the label; clicking the label puts the
 * caret at the end of the text; the frame carries `data-active` while the selection is inside
 * (see {@link fieldViewsPlugin}). Label and hint follow the UI language.
 */
export class FieldView implements NodeView {
  readonly dom: HTMLElement
  readonly contentDOM: HTMLElement
  private readonly frame: HTMLElement
  private readonly label: HTMLElement
  private readonly text: HTMLElement
  private spec: FieldSpec | undefined
  private readonly stopListening: () => void
  private node: PMNode

  constructor({ node, view, getPos }: Pick<NodeViewRendererProps, 'node' | 'view' | 'getPos'>) {
    this.node = node
    const shell = fieldShell()
    this.dom = shell.dom
    this.dom.setAttribute('data-field', String(node.attrs.name))
    this.frame = shell.frame
    this.label = shell.chrome[0] as HTMLElement
    this.text = shell.contentBox
    this.contentDOM = shell.contentDOM
    const labelId = uniqueId('mldoc-field-label')
    this.label.id = labelId
    this.label.addEventListener('mousedown', (event) => {
      event.preventDefault()
      focusEndOf(view, getPos())
    })
    this.text.setAttribute('role', 'textbox')
    this.text.setAttribute('aria-labelledby', labelId)
    this.showEmpty()
    this.stopListening = onUiLangChange((lang) => this.showLang(lang))
    views.set(this.dom, this)
    unplaced.add(this)
  }

  /**
   * Labels the field once ProseMirror has put it into its block: names repeat across blocks with
   * other labels (`owner`, `chosen`), so the block decides, read from the DOM around the field
   * (its block's `data-block`, or the `data-criterion` of a maturity row). Resolving each field's
   * position in the document instead cost more than drawing the field. Does nothing while the
   * field is not in a block's DOM yet.
   */
  place(): void {
    const owner = this.dom.parentElement?.closest('[data-criterion], [data-block]')
    if (!owner) return
    const parentType = owner.hasAttribute('data-criterion') ? 'maturityCriterion' : owner.getAttribute('data-block')!
    this.spec = fieldSpecIn(parentType, String(this.node.attrs.name))
    this.showLang(uiLang())
    unplaced.delete(this)
  }

  /** Writes the label and the hint in a language. */
  private showLang(lang: Lang): void {
    const label = this.spec?.label[lang] ?? String(this.node.attrs.name)
    const hint = this.spec?.hint[lang] ?? ''
    if (this.label.textContent !== label) this.label.textContent = label
    if (hint) this.text.setAttribute('aria-placeholder', hint)
    else this.text.removeAttribute('aria-placeholder')
    this.text.setAttribute('data-placeholder', hint)
  }

  private showEmpty(): void {
    this.text.classList.toggle('is-empty', this.node.content.size === 0)
  }

  /** Marks the field as the one the selection is in. */
  setActive(active: boolean): void {
    toggleAttribute(this.frame, 'data-active', active)
  }

  update(node: PMNode): boolean {
    if (node.type !== this.node.type || node.attrs.name !== this.node.attrs.name) return false
    this.node = node
    this.showEmpty()
    return true
  }

  stopEvent(event: Event): boolean {
    return inFieldLabel(event)
  }

  ignoreMutation(mutation: ViewMutationRecord): boolean {
    return ignoresChromeMutation(this.contentDOM, mutation)
  }

  destroy(): void {
    this.stopListening()
    views.delete(this.dom)
    unplaced.delete(this)
  }
}

/** The field the selection is in: a text selection whose two ends are inside the same field. */
function fieldWithSelection(view: EditorView): FieldView | undefined {
  const { selection } = view.state
  if (!(selection instanceof TextSelection)) return undefined
  const { $from, $to } = selection
  if ($from.parent.type.name !== 'blockField' || !$from.sameParent($to)) return undefined
  const dom = view.nodeDOM($from.before())
  return dom ? views.get(dom) : undefined
}

/**
 * After each update of the editor's DOM (in the same task, before the browser paints): labels
 * the fields it added (see {@link FieldView.place}), and keeps `data-active` on the frame of the
 * field the selection is in (the CSS rings it), with one check per update instead of one per field.
 */
export function fieldViewsPlugin(): Plugin {
  return new Plugin({
    key: new PluginKey('mldocFieldViews'),
    view(editorView) {
      let active: FieldView | undefined
      const sync = (view: EditorView) => {
        for (const field of unplaced) field.place()
        const next = fieldWithSelection(view)
        if (next === active) return
        active?.setActive(false)
        next?.setActive(true)
        active = next
      }
      sync(editorView)
      return { update: sync, destroy: () => active?.setActive(false) }
    },
  })
}
