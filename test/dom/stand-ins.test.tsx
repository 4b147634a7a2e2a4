// @vitest-environment jsdom
import { Editor, type JSONContent } from '@tiptap/core'
import i18next from 'i18next'
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { afterEach, describe, expect, it } from 'vitest'
import { BLOCKS } from '../../core/blocks/registry.js'
import { mldocExtensions } from '../../core/schema/index.js'
import { nodeViews } from '../../renderer/blocks/index.js'
import { drawWithStandIns, StandInRedraw } from '../../renderer/blocks/stand-ins.js'
import { EditorMount } from '../../renderer/editor/EditorMount.js'
import { everyBlockDoc, settle } from './blocks/mount.js'

const paragraph = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] })
const task = (text: string, checked: boolean): JSONContent => ({ type: 'taskItem', attrs: { checked }, content: [paragraph(text)] })
const tasks = (name: string): JSONContent => ({ type: 'taskList', content: [task(`${name} one`, false), task(`${name} two`, true)] })

/** Every block and a task list within the first screens, then 60 paragraphs, then all of them again. */
function longDoc(): JSONContent {
  const blocks = everyBlockDoc().content!.slice(1)
  return {
    type: 'doc',
    content: [paragraph('Top'), ...blocks, tasks('Near'), ...Array.from({ length: 60 }, (_, i) => paragraph(`Paragraph ${i}`)), ...blocks, tasks('Far')],
  }
}

/** What the document holds and what is drawn with its view, counted in the DOM. */
function counts(container: Element) {
  return {
    fields: container.querySelectorAll('.node-blockField').length,
    criteria: container.querySelectorAll('.mldoc-criterion').length,
    tasks: container.querySelectorAll('li[data-type="taskItem"] input[aria-label]').length,
    blocks: container.querySelectorAll('.react-renderer[data-block]').length,
  }
}

const BLOCK_TYPES = new Set<string>(BLOCKS.map((block) => block.spec.type))

/** The same counts in the document itself: what there is to draw with views. */
function inDocument(editor: Editor) {
  const found = { fields: 0, criteria: 0, tasks: 0, blocks: 0 }
  editor.state.doc.descendants((node) => {
    if (node.type.name === 'blockField') found.fields++
    else if (node.type.name === 'maturityCriterion') found.criteria++
    else if (node.type.name === 'taskItem') found.tasks++
    else if (BLOCK_TYPES.has(node.type.name)) found.blocks++
    return true
  })
  return found
}

const newEditor = () => new Editor({ element: null, extensions: [...mldocExtensions({ nodes: nodeViews }), StandInRedraw], content: longDoc() })

let root: Root | null = null
afterEach(async () => {
  if (root) await act(async () => root!.unmount())
  root = null
  document.body.innerHTML = ''
})

describe('stand-ins for the node views beyond the first screens', () => {
  it('draws them as the schema does when an editor first opens, then redraws them with their views', async () => {
    const i18n = i18next.createInstance()
    await i18n.use(initReactI18next).init({ lng: 'en', resources: { en: { translation: {} } } })
    const editor = newEditor()
    const before = editor.getJSON()
    let docChanges = 0
    editor.on('transaction', ({ transaction }) => void (transaction.docChanged && docChanges++))
    const container = document.createElement('div')
    document.body.append(container)
    root = createRoot(container)
    act(() => root!.render(<I18nextProvider i18n={i18n}><EditorMount editor={editor} onMounted={() => undefined} /></I18nextProvider>))

    // Right after the first drawing: every top-level node is there; the far half's views are not.
    expect(editor.view.dom.childElementCount).toBe(editor.state.doc.childCount)
    const all = inDocument(editor)
    const first = counts(container)
    expect(first.fields).toBe(all.fields / 2)
    expect(first.criteria).toBe(all.criteria / 2)
    expect(first.tasks).toBe(all.tasks / 2)
    const far = [...container.querySelectorAll('li[data-type="taskItem"]')].at(-1)!
    expect(far.textContent).toBe('Far two')
    expect(far.querySelector('input[aria-label]')).toBeNull()

    // Then, without a change to the document, every view is drawn.
    await expect.poll(async () => (await settle(20), counts(container)), { timeout: 3000 }).toEqual(all)
    expect(editor.getJSON()).toEqual(before)
    expect(docChanges).toBe(0)
    const redrawn = [...container.querySelectorAll('li[data-type="taskItem"]')].at(-1)!
    expect(redrawn.querySelector('input')!.getAttribute('aria-label')).toBe('Task: Far two')
    expect(redrawn.getAttribute('data-checked')).toBe('true')
  })

  it('redraws a stand-in with its view as soon as its node changes', () => {
    const editor = newEditor()
    const element = document.createElement('div')
    document.body.append(element)
    const standIns = drawWithStandIns(editor, () => editor.mount(element), (redraw) => redraw())
    const waiting = standIns.count
    expect(waiting).toBeGreaterThan(0)

    let farTask = -1
    editor.state.doc.descendants((node, pos) => void (node.type.name === 'taskItem' && node.textContent === 'Far one' && (farTask = pos)))
    editor.commands.command(({ tr }) => !!tr.setNodeMarkup(farTask, undefined, { checked: true }))
    const item = editor.view.nodeDOM(farTask) as HTMLElement
    expect(item.getAttribute('data-checked')).toBe('true')
    expect(item.querySelector('input')!.getAttribute('aria-label')).toBe('Task: Far one')
    expect(standIns.count).toBe(waiting - 1)
    editor.destroy()
  })

  it('draws views at once when the editor is not drawing for the first time, and stops redrawing once disposed', async () => {
    const editor = newEditor()
    const element = document.createElement('div')
    document.body.append(element)
    const standIns = drawWithStandIns(editor, () => editor.mount(element), (redraw) => redraw())
    standIns.redrawInBackground()
    standIns.dispose()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(standIns.count).toBeGreaterThan(0)

    // A node added later is drawn with its view.
    editor.commands.insertContentAt(editor.state.doc.content.size, tasks('Added'))
    const added = [...element.querySelectorAll('li[data-type="taskItem"]')].at(-1)!
    expect(added.querySelector('input')!.getAttribute('aria-label')).toBe('Task: Added two')
    editor.destroy()
  })
})
