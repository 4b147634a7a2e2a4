// @vitest-environment jsdom
import { Editor } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import i18next from 'i18next'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { emptyBlockJSON } from '../../core/blocks/define.js'
import { BLOCKS, blockSpec } from '../../core/blocks/registry.js'
import type { OpenedDocument } from '../../core/host/api.js'
import { mldocExtensions } from '../../core/schema/index.js'
import { BODY_FRAGMENT, readYDoc } from '../../core/yjs/doc.js'
import { decodeMLDocFile } from '../../core/yjs/file.js'
import { folderHost } from '../../node/web/folder-host.js'
import { parseRoute, routeHash } from '../../renderer/app/route.js'
import { findMatches } from '../../renderer/editor/find.js'
import { SectionGuidance } from '../../renderer/editor/guidance.js'
import { TaskListShortcut } from '../../renderer/editor/task-shortcut.js'
import { filterSlashItems, slashItems } from '../../renderer/editor/slash-items.js'
import { en } from '../../renderer/i18n/en.js'
import { outlineOf, readinessOf } from '../../renderer/panel/analysis.js'
import './no-layout.js'

let base: string
let template: OpenedDocument

beforeAll(async () => {
  await i18next.init({ lng: 'en', resources: { en: { translation: en } } })
  base = await mkdtemp(join(tmpdir(), 'mldoc-dom-'))
  const host = folderHost({ dir: base, settingsFile: join(base, 'settings.json') })
  template = await host.newDocument({ templateId: 'ml-engineering-document', lang: 'en' })
})
afterAll(async () => {
  await rm(base, { recursive: true, force: true })
})

/** An editor bound to a Y.Doc as the app binds it (plain block nodes: the views are tested elsewhere). */
function editorOn(ydoc: Y.Doc): Editor {
  return new Editor({
    element: document.createElement('div'),
    extensions: [
      ...mldocExtensions({ starterKit: { undoRedo: false } }),
      Collaboration.configure({ document: ydoc, field: BODY_FRAGMENT }),
      SectionGuidance.configure({ emptyLineHint: () => 'Type / for blocks' }),
      TaskListShortcut,
    ],
  })
}

describe('section guidance', () => {
  it('shows each unwritten section its guidance, and never puts it in the document', () => {
    const ydoc = decodeMLDocFile(template.state, 'template')
    const editor = editorOn(ydoc)
    const first = editor.state.doc.firstChild!
    const guidance = first.attrs.guidance as string
    expect(first.type.name).toBe('heading')
    expect(guidance.length).toBeGreaterThan(10)
    const hints = [...editor.view.dom.querySelectorAll('.section-guidance')].map((e) => e.textContent)
    expect(hints[0]).toBe(guidance)
    expect(hints.length).toBeGreaterThan(20)

    // An empty line under the heading shows the guidance as placeholder text instead.
    editor.chain().insertContentAt(first.nodeSize, { type: 'paragraph' }).run()
    const line = editor.view.dom.children[1] as HTMLElement
    expect(line.tagName).toBe('P')
    expect(line.dataset.placeholder).toBe(guidance)
    expect(editor.view.dom.querySelectorAll('.section-guidance')[0]?.textContent).not.toBe(guidance)

    // Writing replaces it.
    editor.chain().setTextSelection(first.nodeSize + 1).insertContent('We predict churn.').run()
    expect((editor.view.dom.children[1] as HTMLElement).dataset.placeholder).toBeUndefined()
    const body = readYDoc(ydoc).body
    expect(body.textContent).not.toContain(guidance)
    expect(body.child(1).textContent).toBe('We predict churn.')
    editor.destroy()
  })

  it('hides the guidance once something is written in the section, not for the template\'s own table', () => {
    const editor = editorOn(decodeMLDocFile(template.state, 'template'))
    const hints = () => [...editor.view.dom.querySelectorAll('.section-guidance')].map((e) => e.textContent)
    const mlProblem = outlineOf(editor.state.doc).find((entry) => entry.text === 'ML problem')!
    const heading = editor.state.doc.nodeAt(mlProblem.pos)!
    expect(editor.state.doc.nodeAt(mlProblem.pos + heading.nodeSize)?.type.name).toBe('table')
    expect(hints()).toContain(heading.attrs.guidance)
    editor.chain().insertContentAt(mlProblem.pos + heading.nodeSize, { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Binary churn label' }] }] }] }).run()
    expect(hints()).not.toContain(heading.attrs.guidance)
    editor.destroy()
  })

  it('keeps the hints\' DOM while typing elsewhere moves every position', () => {
    const editor = editorOn(decodeMLDocFile(template.state, 'template'))
    const before = [...editor.view.dom.querySelectorAll('.section-guidance')]
    editor.chain().insertContentAt(0, { type: 'paragraph', content: [{ type: 'text', text: 'Intro' }] }).run()
    editor.chain().insertContentAt(1, 'more ').run()
    const after = [...editor.view.dom.querySelectorAll('.section-guidance')]
    expect(after.length).toBe(before.length)
    expect(after.every((element, i) => element === before[i])).toBe(true)
    editor.destroy()
  })
})

describe('the / menu', () => {
  it('lists every structured block in the UI language, then the basic elements', () => {
    const items = slashItems(i18next.t, 'uz', 'en')
    expect(items.filter((i) => i.group === 'blocks').map((i) => i.id)).toEqual(BLOCKS.map((b) => b.spec.type))
    expect(items.find((i) => i.id === 'risk')?.label).toBe('Xavf')
    expect(items.filter((i) => i.group === 'basic').map((i) => i.id)).toEqual(['heading-1', 'heading-2', 'heading-3', 'table', 'code-block', 'task-list', 'bullet-list', 'quote'])
    expect(filterSlashItems(items, 'metr').map((i) => i.id)).toEqual(['metric'])
    expect(filterSlashItems(items, 'RISK').map((i) => i.id)).toEqual(['risk'])
    expect(filterSlashItems(items, 'Yetuklik').map((i) => i.id)).toEqual(['maturityAssessment'])
    expect(filterSlashItems(items, 'no such thing')).toEqual([])
  })

  it('replaces the /query line with the block in the document language, the caret in its first field', () => {
    const editor = editorOn(decodeMLDocFile(template.state, 'template'))
    const end = editor.state.doc.content.size
    editor.chain().insertContentAt(end, { type: 'paragraph', content: [{ type: 'text', text: '/lif' }] }).run()
    const size = editor.state.doc.content.size
    const stage = slashItems(i18next.t, 'en', 'uz').find((i) => i.id === 'lifecycleStage')!
    stage.run(editor, { from: size - 5, to: size - 1 })
    const { doc, selection } = editor.state
    const inserted = doc.child(doc.childCount - 2)
    expect(inserted.type.name).toBe('lifecycleStage')
    // Its checklist is written in the document's language (Uzbek), whatever the UI's.
    expect(inserted.toJSON()).toEqual(editor.schema.nodeFromJSON(emptyBlockJSON(blockSpec('lifecycleStage'), 'uz')).toJSON())
    expect(inserted.toJSON()).not.toEqual(editor.schema.nodeFromJSON(emptyBlockJSON(blockSpec('lifecycleStage'), 'en')).toJSON())
    expect(doc.lastChild?.type.name).toBe('paragraph')
    expect(doc.lastChild?.content.size).toBe(0)
    expect(selection.$from.parent.type.name).toBe('blockField')
    expect(selection.$from.parent.attrs.name).toBe(inserted.firstChild?.attrs.name)
    editor.destroy()
  })
})

describe('Markdown shortcuts', () => {
  /** Types text as a person does, so input rules run. */
  function type(editor: Editor, text: string): void {
    for (const char of text) {
      const { from, to } = editor.state.selection
      const handled = editor.view.someProp('handleTextInput', (f) => f(editor.view, from, to, char, () => editor.state.tr.insertText(char, from, to)))
      if (!handled) editor.view.dispatch(editor.state.tr.insertText(char, from, to))
    }
  }

  it('turns "- [ ] " and "- [x] " into task list items', () => {
    const editor = editorOn(decodeMLDocFile(template.state, 'template'))
    editor.chain().insertContentAt(0, { type: 'paragraph' }).setTextSelection(1).run()
    type(editor, '- [x] Baseline agreed')
    const list = editor.state.doc.firstChild!
    expect(list.type.name).toBe('taskList')
    expect(list.firstChild?.attrs.checked).toBe(true)
    expect(list.textContent).toBe('Baseline agreed')
    editor.chain().insertContentAt(0, { type: 'paragraph' }).setTextSelection(1).run()
    type(editor, '## Risks')
    expect(editor.state.doc.firstChild?.type.name).toBe('heading')
    editor.destroy()
  })
})

describe('find in the document', () => {
  it('matches case-insensitively inside each text block, with positions that select the text', () => {
    const editor = editorOn(decodeMLDocFile(template.state, 'template'))
    editor.chain().insertContentAt(0, { type: 'paragraph', content: [{ type: 'text', text: 'Data drift, data DRIFT' }] }).run()
    const matches = findMatches(editor.state.doc, 'drift')
    expect(matches.slice(0, 2).map((m) => editor.state.doc.textBetween(m.from, m.to))).toEqual(['drift', 'DRIFT'])
    expect(findMatches(editor.state.doc, '')).toEqual([])
    expect(findMatches(editor.state.doc, 'drift, data')).toHaveLength(1)
    editor.destroy()
  })
})

describe('side panel analysis', () => {
  it('outlines H1-H3 and counts H2 sections done, with the maturity computed from its rows', () => {
    const editor = editorOn(decodeMLDocFile(template.state, 'template'))
    const outline = outlineOf(editor.state.doc)
    expect(outline[0]).toMatchObject({ level: 2, text: 'Overview and motivation', pos: 0 })
    expect(outline.every((entry) => entry.level <= 3)).toBe(true)
    const readiness = readinessOf(editor.state.doc)
    expect(readiness.done).toBe(0)
    expect(readiness.sections.length).toBe(outline.filter((entry) => entry.level === 2).length)
    expect(readiness.maturity).toMatchObject({ level: null, rated: 0, total: 11 })

    editor.chain().command(({ tr }) => {
      tr.setNodeAttribute(readiness.sections[1]!.pos, 'done', true)
      let level = 2
      tr.doc.descendants((node, pos) => {
        if (node.type.name === 'maturityCriterion') tr.setNodeAttribute(pos, 'level', String(level++ % 3))
      })
      return true
    }).run()
    const after = readinessOf(editor.state.doc)
    expect(after.done).toBe(1)
    expect(after.sections[1]?.done).toBe(true)
    expect(after.maturity).toMatchObject({ level: '0', rated: 11 })
    editor.destroy()
  })
})

describe('routes', () => {
  it('reads and writes the address fragment', () => {
    expect(parseRoute('#/new/ml-engineering-document?lang=uz')).toEqual({ kind: 'new', templateId: 'ml-engineering-document', lang: 'uz' })
    expect(parseRoute('#/new/x?lang=fr')).toEqual({ kind: 'new', templateId: 'x', lang: 'en' })
    expect(parseRoute('#/open/docs%2Fdesign%20v2.mldoc')).toEqual({ kind: 'open', file: 'docs/design v2.mldoc' })
    expect(parseRoute('')).toEqual({ kind: 'start' })
    expect(parseRoute('#/elsewhere')).toEqual({ kind: 'start' })
    expect(parseRoute(routeHash({ kind: 'open', file: 'a b/c.mldoc' }))).toEqual({ kind: 'open', file: 'a b/c.mldoc' })
  })
})
