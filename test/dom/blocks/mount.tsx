import { Editor, type JSONContent } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import Collaboration from '@tiptap/extension-collaboration'
import { EditorContent } from '@tiptap/react'
import i18next, { type i18n as I18n } from 'i18next'
import { act, Profiler } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import * as Y from 'yjs'
import { emptyBlockJSON } from '../../../core/blocks/define.js'
import { BLOCKS } from '../../../core/blocks/registry.js'
import type { Lang } from '../../../core/i18n.js'
import { mldocExtensions } from '../../../core/schema/index.js'
import { BODY_FRAGMENT } from '../../../core/yjs/doc.js'
import { nodeViews } from '../../../renderer/blocks/index.js'
import '../no-layout.js'

// React checks this flag before it lets `act` flush effects outside a test renderer.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

/** A document holding one of every structured block, new and empty, in a language. */
export function everyBlockDoc(lang: Lang = 'en'): JSONContent {
  return {
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Intro' }] }, ...BLOCKS.map((b) => emptyBlockJSON(b.spec, lang))],
  }
}

/** An editor mounted as the app mounts it: React, react-i18next, EditorContent, the block views. */
export interface MountedEditor {
  readonly editor: Editor
  readonly container: HTMLElement
  readonly i18n: I18n
  /** React commits inside the editor (node views included) since mounting or the last reset. */
  readonly commits: { count: number }
  unmount(): Promise<void>
}

/**
 * Mounts a real Tiptap editor with `mldocExtensions({ nodes: nodeViews })` on `content`,
 * or, given a Y.Doc, bound to it through Collaboration as the app always is.
 */
export async function mountEditor(content: JSONContent | Y.Doc, uiLang: Lang = 'en'): Promise<MountedEditor> {
  const i18n = i18next.createInstance()
  await i18n.use(initReactI18next).init({ lng: uiLang, fallbackLng: 'en', resources: { en: { translation: {} }, uz: { translation: {} } } })
  const editor =
    content instanceof Y.Doc
      ? new Editor({
          extensions: [...mldocExtensions({ nodes: nodeViews, starterKit: { undoRedo: false } }), Collaboration.configure({ document: content, field: BODY_FRAGMENT })],
        })
      : new Editor({ extensions: mldocExtensions({ nodes: nodeViews }), content })
  const container = document.createElement('div')
  document.body.append(container)
  const root = createRoot(container)
  const commits = { count: 0 }
  await act(async () => {
    root.render(
      <I18nextProvider i18n={i18n}>
        <Profiler id="editor" onRender={() => void commits.count++}>
          <EditorContent editor={editor} />
        </Profiler>
      </I18nextProvider>,
    )
  })
  await settle()
  return {
    editor,
    container,
    i18n,
    commits,
    async unmount() {
      await act(async () => root.unmount())
      editor.destroy()
      container.remove()
    },
  }
}

/** Lets queued node view renders (microtasks), timers due within `ms` and React commits finish. */
export async function settle(ms = 0): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms))
  })
}

/** Runs an interaction inside `act` and waits for the node views to render it. */
export async function interact(run: () => void): Promise<void> {
  await act(async () => run())
  await settle()
}

/** The form control labelled `label` inside `scope` (through `<label for>`). */
export function controlByLabel<T extends HTMLElement = HTMLSelectElement>(scope: Element, label: string): T {
  const match = [...scope.querySelectorAll('label')].filter((l) => l.textContent === label && l.htmlFor)
  if (match.length !== 1) throw new Error(`expected one control labelled "${label}", found ${match.length}`)
  const control = scope.ownerDocument.getElementById(match[0]!.htmlFor)
  if (!control) throw new Error(`label "${label}" points at no element`)
  return control as T
}

/** Picks an option of a native select the way a user does (value, then a change event). */
export function choose(select: HTMLSelectElement, value: string): void {
  select.value = value
  select.dispatchEvent(new Event('change', { bubbles: true }))
}

/** Types into an input the way the browser does, so React's change tracking sees it. */
export function typeInto(input: HTMLInputElement, value: string): void {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value)
  input.dispatchEvent(new Event('input', { bubbles: true }))
}

/** The block node of a type (first one) and its position. */
export function findBlock(editor: Editor, type: string): { pos: number; node: PMNode } {
  let found: { pos: number; node: PMNode } | undefined
  editor.state.doc.descendants((node, pos) => {
    if (!found && node.type.name === type) found = { pos, node }
    return !found
  })
  if (!found) throw new Error(`no ${type} block`)
  return found
}

/** Puts the caret at the end of the first field named `field` inside the first block of a type. */
export function placeCaretIn(editor: Editor, type: string, field: string): void {
  const block = findBlock(editor, type)
  let at = -1
  block.node.descendants((node, pos) => {
    if (at < 0 && node.type.name === 'blockField' && node.attrs.name === field) at = block.pos + 1 + pos + 1 + node.content.size
    return at < 0
  })
  editor.commands.setTextSelection(at)
}

/** Text of a named field of a block (the first with that name, at any depth). */
export function fieldTextOf(editor: Editor, type: string, field: string): string {
  let text: string | undefined
  findBlock(editor, type).node.descendants((node) => {
    if (text === undefined && node.type.name === 'blockField' && node.attrs.name === field) text = node.textContent
    return text === undefined
  })
  if (text === undefined) throw new Error(`no ${type}.${field}`)
  return text
}
