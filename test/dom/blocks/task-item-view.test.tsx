// @vitest-environment jsdom
import type { JSONContent } from '@tiptap/core'
import { afterEach, describe, expect, it } from 'vitest'
import { interact, mountEditor, type MountedEditor } from './mount.js'

// The task item's view is drawn without Tiptap's own (renderer/blocks/task-item-view.ts): the same
// checkbox and attributes, built by cloning, named in the UI language.

let mounted: MountedEditor | undefined
afterEach(async () => {
  await mounted?.unmount()
  mounted = undefined
})

const task = (text: string, checked: boolean): JSONContent => ({
  type: 'taskItem',
  attrs: { checked },
  content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }],
})
const tasks = (): JSONContent => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Before' }] }, { type: 'taskList', content: [task('Label the data', false), task('Ship it', true), task('', false)] }],
})

const items = (m: MountedEditor) => [...m.container.querySelectorAll<HTMLLIElement>('ul[data-type="taskList"] > li')]
const box = (li: HTMLLIElement) => li.querySelector<HTMLInputElement>(':scope > label[contenteditable="false"] > input[type="checkbox"]')!
const checkedAttrs = (m: MountedEditor) => {
  const found: boolean[] = []
  m.editor.state.doc.descendants((node) => void (node.type.name === 'taskItem' && found.push(node.attrs.checked as boolean)))
  return found
}

describe('task items', () => {
  it('draw each item as a checkbox before its text, with data-checked for the stylesheet', async () => {
    const m = (mounted = await mountEditor(tasks()))
    const lis = items(m)
    expect(lis.map((li) => [li.getAttribute('data-type'), li.getAttribute('data-checked'), box(li).checked])).toEqual([
      ['taskItem', 'false', false],
      ['taskItem', 'true', true],
      ['taskItem', 'false', false],
    ])
    // ProseMirror puts the item's content in the element after the checkbox's label.
    expect(lis.map((li) => li.querySelector(':scope > div')!.textContent)).toEqual(['Label the data', 'Ship it', ''])
  })

  it('name the checkbox after the item, in the UI language, as the text and the language change', async () => {
    const m = (mounted = await mountEditor(tasks()))
    const names = () => items(m).map((li) => box(li).getAttribute('aria-label'))
    expect(names()).toEqual(['Task: Label the data', 'Task: Ship it', 'Task: empty task'])
    await interact(() => m.editor.chain().setTextSelection(m.editor.state.doc.content.size - 3).insertContent('Write the report').run())
    expect(names()[2]).toBe('Task: Write the report')
    await interact(() => void m.i18n.changeLanguage('uz'))
    expect(names()).toEqual(['Vazifa: Label the data', 'Vazifa: Ship it', 'Vazifa: Write the report'])
  })

  it('tick and untick the item in one transaction each, leaving the caret where it was', async () => {
    const m = (mounted = await mountEditor(tasks()))
    await interact(() => m.editor.commands.setTextSelection(3))
    let transactions = 0
    m.editor.on('transaction', ({ transaction }) => void (transaction.docChanged && transactions++))
    await interact(() => box(items(m)[0]!).click())
    expect(checkedAttrs(m)).toEqual([true, true, false])
    expect(items(m)[0]!.getAttribute('data-checked')).toBe('true')
    await interact(() => box(items(m)[1]!).click())
    expect(checkedAttrs(m)).toEqual([true, false, false])
    expect(box(items(m)[1]!).checked).toBe(false)
    expect(transactions).toBe(2)
    expect(m.editor.state.selection.from).toBe(3)
  })

  it('keep the box as the document says when the editor cannot be edited', async () => {
    const m = (mounted = await mountEditor(tasks()))
    await interact(() => m.editor.setEditable(false))
    await interact(() => box(items(m)[0]!).click())
    expect(checkedAttrs(m)).toEqual([false, true, false])
    expect(box(items(m)[0]!).checked).toBe(false)
  })

  it('keep a pressed box from taking the caret', async () => {
    const m = (mounted = await mountEditor(tasks()))
    const press = new MouseEvent('mousedown', { bubbles: true, cancelable: true })
    box(items(m)[0]!).dispatchEvent(press)
    expect(press.defaultPrevented).toBe(true)
  })
})
