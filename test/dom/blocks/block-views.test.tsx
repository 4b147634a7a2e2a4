// @vitest-environment jsdom
import { TableMap } from '@tiptap/pm/tables'
import type { Editor } from '@tiptap/core'
import { afterEach, describe, expect, it } from 'vitest'
import { emptyBlockJSON, type ChoiceSpec } from '../../../core/blocks/define.js'
import { BLOCKS, blockSpec } from '../../../core/blocks/registry.js'
import { LIFECYCLE_STAGES } from '../../../core/domain/lifecycle.js'
import { MATURITY_CRITERIA } from '../../../core/domain/maturity.js'
import { TOOL_CATALOG } from '../../../core/domain/catalog.js'
import { emptyMeta } from '../../../core/document/meta.js'
import { mldocSchema } from '../../../core/schema/index.js'
import { createYDoc, readYDoc } from '../../../core/yjs/doc.js'
import { choose, controlByLabel, everyBlockDoc, fieldTextOf, findBlock, interact, mountEditor, placeCaretIn, settle, typeInto, type MountedEditor } from './mount.js'

let mounted: MountedEditor | undefined
afterEach(async () => {
  await mounted?.unmount()
  mounted = undefined
})

async function mountEvery(lang: 'en' | 'uz' = 'en', uiLang: 'en' | 'uz' = 'en'): Promise<MountedEditor> {
  mounted = await mountEditor(everyBlockDoc(lang), uiLang)
  return mounted
}

/** The DOM root of the first block of a type. */
function blockEl(m: MountedEditor, type: string): HTMLElement {
  const el = m.container.querySelector<HTMLElement>(`[data-block="${type}"]`)
  if (!el) throw new Error(`no [data-block="${type}"]`)
  return el
}

function choiceSpec(type: Parameters<typeof blockSpec>[0], name: string): ChoiceSpec {
  const attr = blockSpec(type).attrs.find((a) => a.name === name)
  if (!attr || attr.kind !== 'enum') throw new Error(`${type} has no choice ${name}`)
  return attr
}

/** Sets the text of one cell of the first table inside the first block of a type. */
function setCell(editor: Editor, type: string, row: number, col: number, text: string): void {
  const block = findBlock(editor, type)
  let tableAt = -1
  block.node.forEach((child, offset) => {
    if (child.type.name === 'table') tableAt = block.pos + 1 + offset
  })
  const table = editor.state.doc.nodeAt(tableAt)!
  const map = TableMap.get(table)
  const cellAt = tableAt + 1 + map.map[row * map.width + col]!
  const cell = editor.state.doc.nodeAt(cellAt)!
  editor.commands.insertContentAt({ from: cellAt + 2, to: cellAt + cell.nodeSize - 2 }, text)
}

function key(editor: Editor, name: string, shiftKey = false): void {
  editor.view.dom.dispatchEvent(new KeyboardEvent('keydown', { key: name, shiftKey, bubbles: true, cancelable: true }))
}

/** Name of the field the caret is in ('' outside fields). */
function caretField(editor: Editor): string {
  const parent = editor.state.selection.$from.parent
  return parent.type.name === 'blockField' ? String(parent.attrs.name) : ''
}

describe('every structured block renders as a labelled form', () => {
  it('gives each block type one view whose root carries data-block, with every field labelled from its spec', async () => {
    const m = await mountEvery()
    for (const { spec } of BLOCKS) {
      const roots = m.container.querySelectorAll(`[data-block="${spec.type}"]`)
      expect(roots, spec.type).toHaveLength(1)
      const root = roots[0]!
      expect(root.querySelector('[role="group"]')?.getAttribute('aria-label')).toBe(spec.label.en)
      for (const field of spec.fields) {
        if (spec.type === 'maturityAssessment' && field.name === 'evidence') continue // one per criterion row, below
        const fieldRoot = root.querySelector(`[data-field="${field.name}"]`)
        expect(fieldRoot, `${spec.type}.${field.name}`).not.toBeNull()
        const label = fieldRoot!.querySelector('.mldoc-field-label')!
        expect(label.textContent).toBe(field.label.en)
        const text = fieldRoot!.querySelector('[role="textbox"]')!
        expect(text.getAttribute('aria-labelledby')).toBe(label.id)
        expect(text.getAttribute('data-placeholder')).toBe(field.hint.en)
        expect(text.classList.contains('is-empty')).toBe(true)
      }
      // Every choice is a labelled native select (or a date input).
      for (const attr of spec.attrs) {
        const control = controlByLabel<HTMLElement>(root, attr.label.en)
        expect(control.tagName, `${spec.type}.${attr.name}`).toBe(attr.kind === 'date' ? 'INPUT' : 'SELECT')
      }
    }
    expect(m.container.querySelectorAll('[data-block="maturityAssessment"] [data-criterion]')).toHaveLength(MATURITY_CRITERIA.length)
  })

  it('shows the hint only while a field is empty, and the text ProseMirror renders inside the field', async () => {
    const m = await mountEvery()
    await interact(() => placeCaretIn(m.editor, 'metric', 'name'))
    await interact(() => m.editor.commands.insertContent('Recall at top 10%'))
    const name = blockEl(m, 'metric').querySelector('[data-field="name"] [role="textbox"]')!
    expect(name.textContent).toBe('Recall at top 10%')
    expect(name.classList.contains('is-empty')).toBe(false)
  })

  it('renders no React while someone types in a field: ProseMirror draws the text', async () => {
    const m = await mountEvery()
    // The diagram draws itself once after mounting (Mermaid loads lazily): let it finish first.
    for (let i = 0; i < 100 && !m.container.querySelector('figure.mldoc-diagram[aria-busy="false"]'); i++) await settle(100)
    expect(m.container.querySelector('figure.mldoc-diagram[aria-busy="false"]')).not.toBeNull()
    const fields = [['metric', 'definition'], ['risk', 'mitigation'], ['maturityAssessment', 'evidence'], ['comparisonMatrix', 'subject'], ['lifecycleStage', 'owner']] as const
    for (const [type, field] of fields) {
      await interact(() => placeCaretIn(m.editor, type, field))
      await interact(() => m.editor.commands.insertContent('S'))
      m.commits.count = 0
      for (const ch of 'hare of churners') await interact(() => m.editor.commands.insertContent(ch))
      expect(fieldTextOf(m.editor, type, field)).toBe('Share of churners')
      expect(m.commits.count, `${type}.${field}`).toBe(0)
    }
    // A choice still renders at once.
    await interact(() => choose(controlByLabel(blockEl(m, 'metric'), 'Layer'), 'online'))
    expect(m.commits.count).toBeGreaterThan(0)
  })

  it('switches labels, hints and choices to Uzbek with the UI language, leaving the document alone', async () => {
    const m = await mountEvery('en', 'en')
    const before = m.editor.getJSON()
    await interact(() => void m.i18n.changeLanguage('uz'))
    const metric = blockEl(m, 'metric')
    const layer = controlByLabel(metric, 'Qatlam')
    expect([...layer.options].map((o) => o.textContent)).toContain('oflayn')
    expect(metric.querySelector('[data-field="definition"] .mldoc-field-label')!.textContent).toBe('Taʼrif')
    expect(m.editor.getJSON()).toEqual(before)
  })
})

describe('choices change the node attribute in one transaction', () => {
  it('metric: layer and direction selects', async () => {
    const m = await mountEvery()
    const metric = blockEl(m, 'metric')
    let transactions = 0
    m.editor.on('transaction', ({ transaction }) => void (transaction.docChanged && transactions++))
    await interact(() => choose(controlByLabel(metric, 'Layer'), 'offline'))
    expect(transactions).toBe(1)
    await interact(() => choose(controlByLabel(metric, 'Direction'), 'lower'))
    expect(transactions).toBe(2)
    expect(findBlock(m.editor, 'metric').node.attrs).toEqual({ layer: 'offline', direction: 'lower' })
    expect(controlByLabel(metric, 'Layer').value).toBe('offline')
    // "not set" puts null back.
    await interact(() => choose(controlByLabel(metric, 'Layer'), ''))
    expect(findBlock(m.editor, 'metric').node.attrs.layer).toBeNull()
  })

  it('risk: category, likelihood, impact and status selects', async () => {
    const m = await mountEvery()
    const risk = blockEl(m, 'risk')
    expect(controlByLabel(risk, 'Status').value).toBe('open')
    await interact(() => choose(controlByLabel(risk, 'Category'), 'data-drift'))
    await interact(() => choose(controlByLabel(risk, 'Likelihood'), 'high'))
    await interact(() => choose(controlByLabel(risk, 'Impact'), 'medium'))
    await interact(() => choose(controlByLabel(risk, 'Status'), 'mitigating'))
    expect(findBlock(m.editor, 'risk').node.attrs).toEqual({ category: 'data-drift', likelihood: 'high', impact: 'medium', status: 'mitigating' })
  })

  it('writes picks and suggestions into the Y.Doc the editor is bound to', async () => {
    const ydoc = createYDoc({ meta: emptyMeta(), body: mldocSchema().nodeFromJSON(everyBlockDoc()) })
    mounted = await mountEditor(ydoc)
    const tool = blockEl(mounted, 'toolChoice')
    await interact(() => choose(controlByLabel(tool, 'Category'), 'monitoring'))
    await interact(() => [...tool.querySelectorAll<HTMLButtonElement>('.mldoc-suggestions button')].find((b) => b.textContent === 'Evidently AI')!.click())
    const stored = readYDoc(ydoc).body.child(2)
    expect(stored.type.name).toBe('toolChoice')
    expect(stored.attrs).toEqual({ category: 'monitoring', stage: '7' })
    expect(stored.firstChild!.textContent).toBe('Evidently AI')
  })

  it('shows a value the spec does not know (written by hand) instead of dropping it', async () => {
    const metric = emptyBlockJSON(blockSpec('metric'), 'en')
    metric.attrs = { layer: 'north-star', direction: null }
    mounted = await mountEditor({ type: 'doc', content: [metric] })
    const layer = controlByLabel(blockEl(mounted, 'metric'), 'Layer')
    expect(layer.value).toBe('north-star')
    expect(choiceSpec('metric', 'layer').values.map((v) => v.id)).not.toContain('north-star')
  })
})

describe('tool choice', () => {
  it('offers the catalog’s tools for the chosen category and puts a picked one into the Tool field', async () => {
    const m = await mountEvery()
    const block = blockEl(m, 'toolChoice')
    expect(block.querySelector('.mldoc-suggestions')).toBeNull()
    await interact(() => choose(controlByLabel(block, 'Category'), 'experiment-tracking'))
    // The category also fills the unset stage with the stage it serves.
    expect(findBlock(m.editor, 'toolChoice').node.attrs).toEqual({ category: 'experiment-tracking', stage: '4' })
    expect(controlByLabel(block, 'Lifecycle stage').value).toBe('4')

    const buttons = [...block.querySelectorAll<HTMLButtonElement>('.mldoc-suggestions button')]
    expect(buttons.map((b) => b.textContent)).toEqual(TOOL_CATALOG.find((c) => c.id === 'experiment-tracking')!.tools)
    await interact(() => buttons.find((b) => b.textContent === 'MLflow')!.click())
    expect(fieldTextOf(m.editor, 'toolChoice', 'chosen')).toBe('MLflow')
    expect(block.querySelector('[data-field="chosen"] [role="textbox"]')!.textContent).toBe('MLflow')
    expect(block.querySelector('.mldoc-suggestions button[aria-pressed="true"]')!.textContent).toBe('MLflow')

    // Another pick replaces the text; free text stays possible.
    await interact(() => [...block.querySelectorAll<HTMLButtonElement>('.mldoc-suggestions button')].find((b) => b.textContent === 'Comet')!.click())
    expect(fieldTextOf(m.editor, 'toolChoice', 'chosen')).toBe('Comet')
    await interact(() => placeCaretIn(m.editor, 'toolChoice', 'chosen'))
    await interact(() => m.editor.commands.insertContent(' (self-hosted)'))
    expect(fieldTextOf(m.editor, 'toolChoice', 'chosen')).toBe('Comet (self-hosted)')
    expect(block.querySelector('.mldoc-suggestions button[aria-pressed="true"]')).toBeNull()
  })

  it('keeps a stage already chosen, and says so when the catalog has nothing for the category', async () => {
    const m = await mountEvery()
    const block = blockEl(m, 'toolChoice')
    await interact(() => choose(controlByLabel(block, 'Lifecycle stage'), '7'))
    await interact(() => choose(controlByLabel(block, 'Category'), 'other'))
    expect(findBlock(m.editor, 'toolChoice').node.attrs).toEqual({ category: 'other', stage: '7' })
    expect(block.querySelector('.mldoc-suggestions')).toBeNull()
    expect(block.textContent).toContain('no suggestions for this category')
  })
})

describe('lifecycle stage', () => {
  it('sets stage, status and due date, and swaps an untouched checklist for the new stage’s', async () => {
    const m = await mountEvery('uz', 'en')
    const block = blockEl(m, 'lifecycleStage')
    const stage = controlByLabel(block, 'Stage')
    expect([...stage.options].map((o) => o.textContent)).toEqual(LIFECYCLE_STAGES.map((s) => `${s.id}. ${s.label.en}`))
    await interact(() => choose(stage, '6'))
    const node = () => findBlock(m.editor, 'lifecycleStage').node
    expect(node().attrs.stage).toBe('6')
    // The document is in Uzbek: the new checklist is too.
    expect(node().lastChild!.content.content.map((item) => item.textContent)).toEqual(LIFECYCLE_STAGES[5]!.concerns.map((c) => c.uz))
    expect(block.querySelectorAll('ul[data-type="taskList"] li')).toHaveLength(LIFECYCLE_STAGES[5]!.concerns.length)

    await interact(() => choose(controlByLabel(block, 'Status'), 'in-progress'))
    await interact(() => typeInto(controlByLabel<HTMLInputElement>(block, 'Due'), '2026-03-31'))
    expect(node().attrs).toEqual({ stage: '6', status: 'in-progress', due: '2026-03-31' })
    await interact(() => typeInto(controlByLabel<HTMLInputElement>(block, 'Due'), ''))
    expect(node().attrs.due).toBeNull()
  })

  it('never replaces a checklist someone has ticked', async () => {
    const m = await mountEvery()
    const { pos } = findBlock(m.editor, 'lifecycleStage')
    let itemAt = -1
    m.editor.state.doc.nodeAt(pos)!.descendants((node, p) => {
      if (itemAt < 0 && node.type.name === 'taskItem') itemAt = pos + 1 + p
      return itemAt < 0
    })
    await interact(() => m.editor.commands.command(({ tr }) => { tr.setNodeAttribute(itemAt, 'checked', true); return true }))
    const before = findBlock(m.editor, 'lifecycleStage').node.lastChild!.toJSON()
    await interact(() => choose(controlByLabel(blockEl(m, 'lifecycleStage'), 'Stage'), '3'))
    expect(findBlock(m.editor, 'lifecycleStage').node.attrs.stage).toBe('3')
    expect(findBlock(m.editor, 'lifecycleStage').node.lastChild!.toJSON()).toEqual(before)
  })
})

describe('maturity assessment', () => {
  it('rates each criterion with a 0/1/2 radio group and shows the computed level live', async () => {
    const m = await mountEvery()
    const block = blockEl(m, 'maturityAssessment')
    const computed = () => block.querySelector('output.mldoc-computed-level')!.textContent
    expect(computed()).toBe('—')
    expect(block.textContent).toContain(`${MATURITY_CRITERIA.length} criteria not rated`)

    const rows = [...block.querySelectorAll<HTMLElement>('[data-criterion]')]
    expect(rows.map((r) => r.getAttribute('data-criterion'))).toEqual(MATURITY_CRITERIA.map((c) => c.id))
    const radio = (row: HTMLElement, level: string) => row.querySelector<HTMLInputElement>(`input[type="radio"][value="${level}"]`)!
    // Each row's radio group is named by its criterion.
    const group = rows[0]!.querySelector('[role="radiogroup"]')!
    expect(document.getElementById(group.getAttribute('aria-labelledby')!)!.textContent).toBe(MATURITY_CRITERIA[0]!.label.en)

    for (const row of rows) await interact(() => radio(row, '2').click())
    expect(computed()).toBe('2')
    await interact(() => radio(rows[4]!, '1').click())
    expect(findBlock(m.editor, 'maturityAssessment').node.child(4).attrs.level).toBe('1')
    expect(computed()).toBe('1')
    expect(radio(rows[4]!, '1').checked).toBe(true)
    expect(rows[4]!.textContent).toContain(MATURITY_CRITERIA[4]!.levels[1].en)
  })

  it('notes when the claimed level is not the computed one', async () => {
    const m = await mountEvery()
    const block = blockEl(m, 'maturityAssessment')
    for (const row of block.querySelectorAll<HTMLElement>('[data-criterion]')) {
      await interact(() => row.querySelector<HTMLInputElement>('input[value="1"]')!.click())
    }
    await interact(() => choose(controlByLabel(block, 'Claimed level'), '2'))
    await interact(() => choose(controlByLabel(block, 'Target level'), '2'))
    expect(findBlock(m.editor, 'maturityAssessment').node.attrs).toEqual({ claimed: '2', target: '2' })
    expect(block.querySelector('.mldoc-warning')!.textContent).toContain('The claimed level (2) differs from the computed level (1)')
    await interact(() => choose(controlByLabel(block, 'Claimed level'), '1'))
    expect(block.querySelector('.mldoc-warning')).toBeNull()
  })
})

describe('comparison matrix', () => {
  it('adds options and criteria to its own table and totals the weighted scores per option', async () => {
    const m = await mountEvery()
    const block = blockEl(m, 'comparisonMatrix')
    const button = (label: string) => [...block.querySelectorAll('button')].find((b) => b.textContent === label)!
    await interact(() => button('Add option').click())
    await interact(() => button('Add criterion').click())
    const table = findBlock(m.editor, 'comparisonMatrix').node.lastChild!
    expect(table.childCount).toBe(3)
    expect(table.firstChild!.childCount).toBe(5)
    // The caret waits in the new criterion's first cell; the architecture table is untouched.
    expect(m.editor.state.selection.$from.node(-2).type.name).toBe('tableRow')
    expect(findBlock(m.editor, 'architecture').node.lastChild!.firstChild!.childCount).toBe(4)

    await interact(() => {
    setCell(m.editor, 'comparisonMatrix', 0, 2, 'BentoML')
    setCell(m.editor, 'comparisonMatrix', 0, 3, 'Triton')
    setCell(m.editor, 'comparisonMatrix', 0, 4, 'TorchServe')
    setCell(m.editor, 'comparisonMatrix', 1, 0, 'Latency')
    setCell(m.editor, 'comparisonMatrix', 1, 2, '3')
    setCell(m.editor, 'comparisonMatrix', 1, 3, '5')
    setCell(m.editor, 'comparisonMatrix', 2, 0, 'Ease of use')
    setCell(m.editor, 'comparisonMatrix', 2, 1, '0,5')
    setCell(m.editor, 'comparisonMatrix', 2, 2, '4')
    setCell(m.editor, 'comparisonMatrix', 2, 3, '2')
    })
    const totals = [...block.querySelectorAll('.mldoc-matrix-totals li')].map((li) => li.textContent)
    expect(totals).toEqual(['BentoML 5', 'Triton 6', 'TorchServe —'])
    expect(block.querySelector('.mldoc-matrix-totals li[data-best]')!.textContent).toBe('Triton 6')
  })
})

describe('architecture', () => {
  it('shows the Mermaid source as editable text and Mermaid’s parse error where the source is wrong', async () => {
    const m = await mountEvery()
    const block = blockEl(m, 'architecture')
    const source = block.querySelector('[data-code="diagram"] [role="textbox"]')!
    expect(source.getAttribute('aria-labelledby')).toBeTruthy()
    expect(source.textContent).toContain('flowchart LR')
    expect(block.querySelector('figure.mldoc-diagram')).not.toBeNull()
    expect(block.querySelector('table')).not.toBeNull()

    const { pos, node } = findBlock(m.editor, 'architecture')
    const code = node.firstChild!
    await interact(() => m.editor.commands.insertContentAt({ from: pos + 2, to: pos + 2 + code.content.size }, 'flowchart LR\n  a --> b -->'))
    let error: Element | null = null
    for (let i = 0; i < 100 && !error; i++) {
      await settle(100)
      error = block.querySelector('.mldoc-diagram-error pre')
    }
    expect(error?.textContent).toMatch(/Parse error on line \d+/)
    expect(block.querySelector('.mldoc-diagram-error')!.textContent).toContain('The diagram has an error')
  })
})

describe('filling a block from the keyboard', () => {
  it('Enter and Tab go to the next field, Shift-Tab back, and Enter in the last field leaves the block', async () => {
    const m = await mountEvery()
    const fieldsBefore = findBlock(m.editor, 'metric').node.childCount
    await interact(() => placeCaretIn(m.editor, 'metric', 'name'))
    await interact(() => key(m.editor, 'Enter'))
    expect(caretField(m.editor)).toBe('definition')
    await interact(() => key(m.editor, 'Tab'))
    expect(caretField(m.editor)).toBe('baseline')
    await interact(() => key(m.editor, 'Tab', true))
    expect(caretField(m.editor)).toBe('definition')
    expect(findBlock(m.editor, 'metric').node.childCount).toBe(fieldsBefore)

    await interact(() => placeCaretIn(m.editor, 'metric', 'owner'))
    await interact(() => key(m.editor, 'Enter'))
    const { pos, node } = findBlock(m.editor, 'metric')
    expect(m.editor.state.selection.$from.parent.type.name).toBe('paragraph')
    expect(m.editor.state.selection.from).toBe(pos + node.nodeSize + 1)
    expect(findBlock(m.editor, 'metric').node.childCount).toBe(fieldsBefore)
  })

  it('moves through the evidence of each maturity criterion, then to the gaps', async () => {
    const m = await mountEvery()
    const { pos, node } = findBlock(m.editor, 'maturityAssessment')
    const lastEvidence = pos + 1 + node.content.size - node.lastChild!.nodeSize - 2
    await interact(() => m.editor.commands.setTextSelection(lastEvidence))
    expect(caretField(m.editor)).toBe('evidence')
    await interact(() => key(m.editor, 'Tab'))
    expect(caretField(m.editor)).toBe('gaps')
  })

  it('clicking a field’s label puts the caret in that field', async () => {
    const m = await mountEvery()
    const label = blockEl(m, 'risk').querySelector<HTMLElement>('[data-field="mitigation"] .mldoc-field-label')!
    await interact(() => label.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true })))
    expect(caretField(m.editor)).toBe('mitigation')
    expect(m.editor.state.selection.$from.node(-1).type.name).toBe('risk')
  })
})
