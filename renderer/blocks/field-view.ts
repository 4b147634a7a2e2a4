import type { NodeViewRendererProps } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state'
import type { EditorView, NodeView, ViewMutationRecord } from '@tiptap/pm/view'
import type { FieldSpec } from '../../core/blocks/define.js'
import type { Lang } from '../../core/i18n.js'
import { element, ignoresChromeMutation, toggleAttribute, uniqueId, viewShell } from './dom-view.js'
import { fieldSpecIn, focusEndOf } from './fields.js'
import { onUiLangChange, uiLang } from './ui-lang.js'

/** Field views by their outer element, so the active-field tracker finds the view ProseMirror drew. */
const views = new WeakMap<Node, FieldView>()

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
 * (see {@link activeFieldTracker}). Label and hint follow the UI language.
 */
export class FieldView implements NodeView {
  readonly dom: HTMLElement
  readonly contentDOM: HTMLElement
  private readonly frame: HTMLElement
  private readonly label: HTMLElement
  private readonly text: HTMLElement
  private readonly spec: FieldSpec | undefined
  private readonly stopListening: () => void
  private node: PMNode

  constructor({ node, view, getPos }: Pick<NodeViewRendererProps, 'node' | 'view' | 'getPos'>) {
    this.node = node
    const name = String(node.attrs.name)
    // A field never moves to another parent, so the parent (which decides the label) is read once.
    const pos = getPos()
    this.spec = fieldSpecIn(pos === undefined ? '' : view.state.doc.resolve(pos).parent.type.name, name)
    const shell = viewShell(node, 'mldoc-field', { 'data-field': name }, 'mldoc-field-frame', 'mldoc-field-text')
    this.dom = shell.dom
    this.frame = shell.frame
    this.text = shell.contentBox
    this.contentDOM = shell.contentDOM
    const labelId = uniqueId('mldoc-field-label')
    this.label = element('span', { class: 'mldoc-field-label', id: labelId, contenteditable: 'false' })
    this.label.addEventListener('mousedown', (event) => {
      event.preventDefault()
      focusEndOf(view, getPos())
    })
    this.frame.prepend(this.label)
    this.text.setAttribute('role', 'textbox')
    this.text.setAttribute('aria-labelledby', labelId)
    this.showLang(uiLang())
    this.showEmpty()
    this.stopListening = onUiLangChange((lang) => this.showLang(lang))
    views.set(this.dom, this)
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
 * Keeps `data-active` on the frame of the field the selection is in (the CSS rings it), with one
 * check per update of the editor instead of one per field.
 */
export function activeFieldTracker(): Plugin {
  return new Plugin({
    key: new PluginKey('mldocActiveField'),
    view(editorView) {
      let active: FieldView | undefined
      const sync = (view: EditorView) => {
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
