import type { Editor, NodeViewRendererProps } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { NodeView, ViewMutationRecord } from '@tiptap/pm/view'
import { MLDocTaskItem } from '../../core/schema/index.js'
import type { Lang } from '../../core/i18n.js'
import { clonesOf, element, ignoresChromeMutation } from './dom-view.js'
import { COUNTED_LABELS } from './labels.js'
import { deferrable } from './stand-ins.js'
import { onUiLangChange, uiLang } from './ui-lang.js'

/** A task item's elements, cloned for each item: a long document holds hundreds. */
const copyTaskItem = clonesOf(() => element('li', { 'data-type': 'taskItem' }, element('label', { contenteditable: 'false' }, element('input', { type: 'checkbox' })), element('div')))

function taskItemShell(): { dom: HTMLElement; checkbox: HTMLInputElement; contentDOM: HTMLElement } {
  const dom = copyTaskItem()
  return { dom, checkbox: dom.firstElementChild!.firstElementChild as HTMLInputElement, contentDOM: dom.lastElementChild as HTMLElement }
}

/**
 * A task item (`- [ ]` in Markdown) drawn as Tiptap's own view draws it, a checkbox before the
 * item's text, with less work per item: Tiptap's view builds its elements one by one and works
 * out its attributes for each of the hundreds of items a long document holds. The checkbox is
 * named (`aria-label`), in the UI language, after the item's text. Ticking it sets the node's
 * `checked` in one transaction without moving the caret; in a read-only editor it does not change.
 */
export class TaskItemView implements NodeView {
  readonly dom: HTMLElement
  readonly contentDOM: HTMLElement
  private readonly checkbox: HTMLInputElement
  private readonly stopListening: () => void
  private node: PMNode
  private lang: Lang

  constructor({ node, editor, getPos }: Pick<NodeViewRendererProps, 'node' | 'editor' | 'getPos'>) {
    this.node = node
    const shell = taskItemShell()
    this.dom = shell.dom
    this.checkbox = shell.checkbox
    this.contentDOM = shell.contentDOM
    // The caret stays where it was: pressing the box does not focus it.
    this.checkbox.addEventListener('mousedown', (event) => event.preventDefault())
    this.checkbox.addEventListener('change', () => this.tick(editor, getPos()))
    this.lang = uiLang()
    this.show()
    this.stopListening = onUiLangChange((lang) => {
      this.lang = lang
      this.show()
    })
  }

  /** Writes the box's state into the node, or puts the box back where the editor cannot be edited. */
  private tick(editor: Editor, pos: number | undefined): void {
    const checked = this.checkbox.checked
    if (!editor.isEditable || pos === undefined) {
      this.checkbox.checked = !checked
      return
    }
    editor
      .chain()
      .focus(undefined, { scrollIntoView: false })
      .command(({ tr }) => {
        const item = tr.doc.nodeAt(pos)
        if (item?.type !== this.node.type) return false
        tr.setNodeMarkup(pos, undefined, { ...item.attrs, checked })
        return true
      })
      .run()
  }

  /** Draws the node's state: `data-checked` (the stylesheet strikes a done item through), the box, its name. */
  private show(): void {
    const checked = this.node.attrs.checked === true
    this.dom.setAttribute('data-checked', String(checked))
    this.checkbox.checked = checked
    this.checkbox.setAttribute('aria-label', COUNTED_LABELS.taskItem(this.node.textContent, this.lang))
  }

  update(node: PMNode): boolean {
    if (node.type !== this.node.type) return false
    this.node = node
    this.show()
    return true
  }

  ignoreMutation(mutation: ViewMutationRecord): boolean {
    return ignoresChromeMutation(this.contentDOM, mutation)
  }

  destroy(): void {
    this.stopListening()
  }
}

/** MLDoc's task item with {@link TaskItemView}. */
export const TaskItemWithView = MLDocTaskItem.extend({
  addNodeView: () => deferrable((props) => new TaskItemView(props)),
})
