import type { ViewMutationRecord } from '@tiptap/pm/view'

/**
 * Helpers for the node views drawn without React (fields, maturity criterion rows): there are
 * hundreds of them in a long document, and a React view costs a root portal, event listeners
 * and a render each before the document first shows. Their DOM is the one the React views
 * had (outer element, `data-node-view-wrapper` frame, `data-node-view-content` box holding
 * the content element), so the stylesheet and the tests see no difference.
 */

/** Creates an element with attributes (`''` for a flag attribute) and children. */
export function element(tag: string, attrs: Readonly<Record<string, string>> = {}, ...children: (Node | string)[]): HTMLElement {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value)
  el.append(...children)
  return el
}

/** The parts of a node view: the outer element, its frame, the box around the content, and the content element ProseMirror fills. */
export interface ViewShell {
  readonly dom: HTMLElement
  readonly frame: HTMLElement
  readonly contentBox: HTMLElement
  readonly contentDOM: HTMLElement
}

/**
 * The outer element (`node-<typeName> <className>`), the frame (`frameClass`) holding `chrome`
 * then the content box (`contentClass`), with ProseMirror's content element inside.
 */
function buildShell(typeName: string, className: string, frameClass: string, contentClass: string, chrome: readonly Node[]): HTMLElement {
  const contentDOM = element('div', { 'data-node-view-wrapper': '', style: 'white-space: inherit;' })
  const contentBox = element('div', { class: contentClass, 'data-node-view-content': '', style: 'white-space: pre-wrap;' }, contentDOM)
  const frame = element('div', { class: frameClass, 'data-node-view-wrapper': '', style: 'white-space: normal;' }, ...chrome, contentBox)
  return element('div', { class: `node-${typeName} ${className}` }, frame)
}

/**
 * A maker of copies of the tree `build` makes: it builds the first one and clones it after that.
 * Cloning a small tree costs less than building it element by element, and a document holds
 * hundreds of the views that use this.
 */
export function clonesOf(build: () => HTMLElement): () => HTMLElement {
  let template: HTMLElement | undefined
  return () => (template ??= build()).cloneNode(true) as HTMLElement
}

/**
 * A maker of view shells (see {@link buildShell}), cloned ({@link clonesOf}). The chrome comes
 * back as the frame's children before the content box.
 */
export function shellMaker(typeName: string, className: string, frameClass: string, contentClass: string, chrome: () => readonly Node[] = () => []): () => ViewShell & { readonly chrome: Element[] } {
  const copy = clonesOf(() => buildShell(typeName, className, frameClass, contentClass, chrome()))
  return () => {
    const dom = copy()
    const frame = dom.firstElementChild as HTMLElement
    const parts = [...frame.children]
    const contentBox = parts.pop() as HTMLElement
    return { dom, frame, contentBox, contentDOM: contentBox.firstElementChild as HTMLElement, chrome: parts }
  }
}

/**
 * Whether ProseMirror may ignore a DOM change inside a node view: changes to the chrome (a
 * label's language, a class, an attribute) are the view's own; changes inside the content
 * element, and selection changes, are ProseMirror's to read. (Tiptap's rule for its views.)
 */
export function ignoresChromeMutation(contentDOM: HTMLElement, mutation: ViewMutationRecord): boolean {
  if (mutation.type === 'selection') return false
  if (mutation.target === contentDOM && mutation.type === 'attributes') return true
  return !contentDOM.contains(mutation.target)
}

const CONTROLS = ['INPUT', 'BUTTON', 'SELECT', 'TEXTAREA']

/**
 * Whether ProseMirror must leave an event alone, for a node view whose node is selectable and
 * not draggable (Tiptap's rule for its views): events inside the content are ProseMirror's;
 * in the chrome, controls keep theirs (not drags and drops), a mouse press may select the
 * node, clipboard and drop events go to ProseMirror, the rest stay with the chrome.
 */
export function stopsChromeEvent(dom: HTMLElement, contentDOM: HTMLElement, event: Event): boolean {
  const target = event.target as HTMLElement | null
  if (!target || !dom.contains(target) || contentDOM.contains(target)) return false
  const drag = event.type.startsWith('drag')
  const drop = event.type === 'drop'
  if ((CONTROLS.includes(target.tagName) || target.isContentEditable) && !drag && !drop) return true
  if (drag && target === dom) event.preventDefault()
  return !(drop || event.type === 'dragover' || event.type === 'dragenter' || ['copy', 'paste', 'cut', 'mousedown'].includes(event.type))
}

/** Sets a flag attribute when `on`, removes it otherwise. */
export function toggleAttribute(el: Element, name: string, on: boolean): void {
  if (on) el.setAttribute(name, '')
  else el.removeAttribute(name)
}

let ids = 0

/** A document-unique id for a label an element points at (`aria-labelledby`). */
export function uniqueId(prefix: string): string {
  ids += 1
  return `${prefix}-${ids}`
}
