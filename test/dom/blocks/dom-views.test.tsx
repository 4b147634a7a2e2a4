// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { emptyBlockJSON } from '../../../core/blocks/define.js'
import { BLOCKS } from '../../../core/blocks/registry.js'
import { MATURITY_CRITERIA } from '../../../core/domain/maturity.js'
import { everyBlockDoc, findBlock, interact, mountEditor, placeCaretIn, type MountedEditor } from './mount.js'

// The field and maturity-criterion views are drawn without React (renderer/blocks/field-view.ts,
// criterion-view.ts); block-views.test.tsx checks them as forms, these check what React did for them.

let mounted: MountedEditor | undefined
afterEach(async () => {
  await mounted?.unmount()
  mounted = undefined
})

/** `type.field` of every field frame carrying data-active. */
function activeFields(m: MountedEditor): string[] {
  return [...m.container.querySelectorAll('.mldoc-field-frame[data-active]')].map(
    (frame) => `${frame.closest('[data-block]')!.getAttribute('data-block')}.${frame.closest('[data-field]')!.getAttribute('data-field')}`,
  )
}

describe('fields drawn without React', () => {
  it('marks the field the selection is in as active, and only that one', async () => {
    const m = (mounted = await mountEditor(everyBlockDoc()))
    expect(activeFields(m)).toEqual([])
    await interact(() => placeCaretIn(m.editor, 'metric', 'definition'))
    expect(activeFields(m)).toEqual(['metric.definition'])
    await interact(() => placeCaretIn(m.editor, 'risk', 'mitigation'))
    expect(activeFields(m)).toEqual(['risk.mitigation'])
    await interact(() => m.editor.commands.setTextSelection(1))
    expect(activeFields(m)).toEqual([])
  })

  it('keeps the text box named by its label and the hint in place as text comes and goes', async () => {
    const m = (mounted = await mountEditor(everyBlockDoc()))
    const box = () => m.container.querySelector<HTMLElement>('[data-block="risk"] [data-field="mitigation"] [role="textbox"]')!
    await interact(() => placeCaretIn(m.editor, 'risk', 'mitigation'))
    await interact(() => m.editor.commands.insertContent('Retrain weekly'))
    expect(box().classList.contains('is-empty')).toBe(false)
    expect(box().textContent).toBe('Retrain weekly')
    await interact(() => m.editor.commands.deleteRange({ from: m.editor.state.selection.from - 'Retrain weekly'.length, to: m.editor.state.selection.from }))
    expect(box().classList.contains('is-empty')).toBe(true)
    expect(document.getElementById(box().getAttribute('aria-labelledby')!)!.textContent).toBe('Mitigation')
    expect(box().getAttribute('aria-placeholder')).toBe(box().getAttribute('data-placeholder'))
  })

  it('labels the fields of a block inserted later from that block’s spec (names repeat across blocks with other labels)', async () => {
    const m = (mounted = await mountEditor({ type: 'doc', content: [{ type: 'paragraph' }] }))
    await interact(() => m.editor.commands.insertContentAt(0, BLOCKS.map(({ spec }) => emptyBlockJSON(spec, 'en'))))
    for (const { spec } of BLOCKS) {
      const root = m.container.querySelector(`[data-block="${spec.type}"]`)!
      for (const field of spec.fields) {
        const frames = [...root.querySelectorAll(`[data-field="${field.name}"]`)]
        expect(frames.length, `${spec.type}.${field.name}`).toBeGreaterThan(0)
        for (const frame of frames) {
          expect(frame.querySelector('.mldoc-field-label')!.textContent, `${spec.type}.${field.name}`).toBe(field.label.en)
          expect(frame.querySelector('[role="textbox"]')!.getAttribute('data-placeholder')).toBe(field.hint.en)
        }
      }
    }
  })

  it('gives every field label its own id', async () => {
    const m = (mounted = await mountEditor(everyBlockDoc()))
    const ids = [...m.container.querySelectorAll('.mldoc-field-label')].map((label) => label.id)
    expect(ids.length).toBeGreaterThan(10)
    expect(new Set(ids).size).toBe(ids.length)
  })
})

describe('maturity criterion rows drawn without React', () => {
  it('switch the criterion names and level descriptions with the UI language, leaving the document alone', async () => {
    const m = (mounted = await mountEditor(everyBlockDoc()))
    const row = m.container.querySelector<HTMLElement>(`[data-criterion="${MATURITY_CRITERIA[0]!.id}"]`)!
    const radio = row.querySelector<HTMLInputElement>('input[value="2"]')!
    await interact(() => radio.click())
    expect(row.textContent).toContain(MATURITY_CRITERIA[0]!.levels[2].en)
    const before = m.editor.getJSON()
    await interact(() => void m.i18n.changeLanguage('uz'))
    const group = row.querySelector('[role="radiogroup"]')!
    expect(document.getElementById(group.getAttribute('aria-labelledby')!)!.textContent).toBe(MATURITY_CRITERIA[0]!.label.uz)
    expect(row.textContent).toContain(MATURITY_CRITERIA[0]!.levels[2].uz)
    expect(radio.getAttribute('aria-label')).toBe(`2: ${MATURITY_CRITERIA[0]!.levels[2].uz}`)
    expect(m.editor.getJSON()).toEqual(before)
  })

  it('show the level a remote or undone change sets, and only one level per row', async () => {
    const m = (mounted = await mountEditor(everyBlockDoc()))
    const { pos, node } = findBlock(m.editor, 'maturityAssessment')
    const rowPos = pos + 1 + node.child(0).nodeSize // the second criterion row
    await interact(() => m.editor.view.dispatch(m.editor.state.tr.setNodeMarkup(rowPos, undefined, { ...m.editor.state.doc.nodeAt(rowPos)!.attrs, level: '1' })))
    const row = m.container.querySelector<HTMLElement>(`[data-criterion="${MATURITY_CRITERIA[1]!.id}"]`)!
    expect([...row.querySelectorAll<HTMLInputElement>('input[type="radio"]')].map((r) => r.checked)).toEqual([false, true, false])
    expect(row.textContent).toContain(MATURITY_CRITERIA[1]!.levels[1].en)
  })
})
