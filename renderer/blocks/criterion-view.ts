import type { NodeViewRendererProps } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { EditorView, NodeView, ViewMutationRecord } from '@tiptap/pm/view'
import { MATURITY_CRITERIA, MATURITY_LEVELS, type MaturityCriterionInfo } from '../../core/domain/maturity.js'
import type { Lang } from '../../core/i18n.js'
import { element, ignoresChromeMutation, shellMaker, stopsChromeEvent, uniqueId } from './dom-view.js'
import { onUiLangChange, uiLang } from './ui-lang.js'

/** The level a criterion row is rated at, or null when it is not rated. */
function levelOf(node: PMNode): string | null {
  return typeof node.attrs.level === 'string' ? node.attrs.level : null
}

const criterionShell = shellMaker('maturityCriterion', 'mldoc-criterion', 'mldoc-criterion-row', 'mldoc-criterion-evidence', () => [
  element('div', { class: 'mldoc-criterion-name', contenteditable: 'false' }, element('span')),
  element(
    'div',
    { class: 'mldoc-levels', role: 'radiogroup', contenteditable: 'false' },
    ...MATURITY_LEVELS.map((level) => element('label', {}, element('input', { type: 'radio', value: level }), element('span', { 'aria-hidden': 'true' }, level))),
  ),
])

/**
 * One row of the maturity grid (`maturityCriterion`), drawn without React: the criterion's
 * name, a radio group 0/1/2 for its level (each level's description on hover and under the
 * name once picked) and the evidence field. Picking a level sets the node's `level`.
 */
export class CriterionView implements NodeView {
  readonly dom: HTMLElement
  readonly contentDOM: HTMLElement
  private readonly criterion: MaturityCriterionInfo | undefined
  private readonly name: HTMLElement
  private readonly described: HTMLElement
  private readonly radios: HTMLInputElement[]
  private readonly choices: HTMLLabelElement[]
  private readonly stopListening: () => void
  private node: PMNode
  private lang: Lang

  constructor({ node, view, getPos }: Pick<NodeViewRendererProps, 'node' | 'view' | 'getPos'>) {
    this.node = node
    const id = String(node.attrs.criterion)
    this.criterion = MATURITY_CRITERIA.find((c) => c.id === id)
    const shell = criterionShell()
    this.dom = shell.dom
    this.dom.setAttribute('data-criterion', id)
    this.contentDOM = shell.contentDOM
    const [names, levels] = shell.chrome as [HTMLElement, HTMLElement]
    this.name = names.firstElementChild as HTMLElement
    this.name.id = uniqueId('mldoc-criterion-name')
    levels.setAttribute('aria-labelledby', this.name.id)
    this.described = element('small', { class: 'mldoc-note' })
    this.choices = [...levels.children] as HTMLLabelElement[]
    const group = uniqueId('mldoc-criterion-level')
    this.radios = this.choices.map((choice, i) => {
      const radio = choice.firstElementChild as HTMLInputElement
      radio.name = group
      radio.addEventListener('change', () => this.pick(view, getPos(), MATURITY_LEVELS[i]!))
      return radio
    })
    this.lang = uiLang()
    this.show()
    this.stopListening = onUiLangChange((lang) => {
      this.lang = lang
      this.show()
    })
  }

  /** Sets this row's level in one transaction (the radios show the node's level again if that fails). */
  private pick(view: EditorView, pos: number | undefined, level: string): void {
    if (pos !== undefined) view.dispatch(view.state.tr.setNodeMarkup(pos, undefined, { ...this.node.attrs, level }))
    if (levelOf(this.node) !== level) this.show()
  }

  /** Draws the name, the levels' descriptions and the picked level in the UI language. */
  private show(): void {
    const { criterion, lang } = this
    const level = levelOf(this.node)
    this.name.textContent = criterion?.label[lang] ?? String(this.node.attrs.criterion)
    MATURITY_LEVELS.forEach((l, i) => {
      const description = criterion?.levels[i]![lang]
      const choice = this.choices[i]!
      if (description) choice.title = description
      else choice.removeAttribute('title')
      this.radios[i]!.setAttribute('aria-label', description ? `${l}: ${description}` : l)
      this.radios[i]!.checked = level === l
    })
    const index = (MATURITY_LEVELS as readonly string[]).indexOf(level ?? '')
    const described = criterion && index >= 0 ? criterion.levels[index]![lang] : ''
    this.described.textContent = described
    if (described) this.name.after(this.described)
    else this.described.remove()
  }

  update(node: PMNode): boolean {
    if (node.type !== this.node.type || node.attrs.criterion !== this.node.attrs.criterion) return false
    const changed = levelOf(node) !== levelOf(this.node)
    this.node = node
    if (changed) this.show()
    return true
  }

  stopEvent(event: Event): boolean {
    return stopsChromeEvent(this.dom, this.contentDOM, event)
  }

  ignoreMutation(mutation: ViewMutationRecord): boolean {
    return ignoresChromeMutation(this.contentDOM, mutation)
  }

  destroy(): void {
    this.stopListening()
  }
}
