import type { Editor } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { checklistItemJSON } from '../../core/blocks/lifecycle-stage/spec.js'
import { LIFECYCLE_STAGES } from '../../core/domain/lifecycle.js'
import { LANGS, foldLabel, type Lang } from '../../core/i18n.js'

/**
 * The language in which a checklist is still exactly a stage's starting concerns, untouched
 * (same items, none checked), or null once someone has edited or ticked it.
 */
export function untouchedChecklistLang(taskList: PMNode, stageId: string): Lang | null {
  const stage = LIFECYCLE_STAGES.find((s) => s.id === stageId)
  if (!stage || taskList.childCount !== stage.concerns.length) return null
  const items: string[] = []
  let ticked = false
  taskList.forEach((item) => {
    items.push(foldLabel(item.textContent))
    if (item.attrs.checked) ticked = true
  })
  if (ticked) return null
  return LANGS.find((lang) => stage.concerns.every((c, i) => foldLabel(c[lang]) === items[i])) ?? null
}

/**
 * Sets a lifecycle stage block's stage in one transaction. When its checklist is still the old
 * stage's untouched starting list, the checklist becomes the new stage's starting list in the
 * same language; a checklist someone has worked on is never replaced.
 */
export function changeStage(editor: Editor, blockPos: number | undefined, stageId: string | null): boolean {
  if (blockPos === undefined) return false
  const block = editor.state.doc.nodeAt(blockPos)
  if (!block || block.type.name !== 'lifecycleStage') return false
  const tr = editor.state.tr.setNodeAttribute(blockPos, 'stage', stageId)
  const next = LIFECYCLE_STAGES.find((s) => s.id === stageId)
  block.forEach((child, offset) => {
    if (child.type.name !== 'taskList' || !next) return
    const lang = untouchedChecklistLang(child, String(block.attrs.stage))
    if (!lang) return
    const from = blockPos + 1 + offset
    const list = editor.schema.nodeFromJSON({ type: 'taskList', content: next.concerns.map((c) => checklistItemJSON(c[lang])) })
    tr.replaceWith(from, from + child.nodeSize, list)
  })
  editor.view.dispatch(tr)
  return true
}
