import type { JSONContent } from '@tiptap/core'
import { LIFECYCLE_STAGES } from '../../domain/lifecycle.js'
import { fieldJSON, type BlockSpec } from '../define.js'

/** A task item JSON with plain text. */
export function checklistItemJSON(text: string, checked = false): JSONContent {
  return {
    type: 'taskItem',
    attrs: { checked },
    content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }],
  }
}

/** One stage of the ML lifecycle as planned: owner role, status, due date and checklist. */
export const lifecycleStageSpec: BlockSpec = {
  type: 'lifecycleStage',
  markdownName: 'lifecycle-stage',
  formatVersion: 1,
  label: { en: 'Lifecycle stage', uz: 'Hayotiy sikl bosqichi' },
  description: { en: 'One ML lifecycle stage with its checklist, owner and status', uz: 'ML hayotiy siklining bir bosqichi: nazorat roʻyxati, masʼul va holat' },
  attrs: [
    { name: 'stage', kind: 'enum', label: { en: 'Stage', uz: 'Bosqich' }, default: '1',
      values: LIFECYCLE_STAGES.map((s) => ({ id: s.id, label: { en: `${s.id}. ${s.label.en}`, uz: `${s.id}. ${s.label.uz}` } })) },
    { name: 'status', kind: 'enum', label: { en: 'Status', uz: 'Holat' }, default: 'not-started', values: [
      { id: 'not-started', label: { en: 'not started', uz: 'boshlanmagan' } },
      { id: 'in-progress', label: { en: 'in progress', uz: 'jarayonda' } },
      { id: 'done', label: { en: 'done', uz: 'bajarilgan' } },
    ] },
    { name: 'due', kind: 'date', label: { en: 'Due', uz: 'Muddat' }, default: null },
  ],
  fields: [
    { name: 'owner', label: { en: 'Owner role', uz: 'Masʼul rol' }, hint: { en: 'Data Engineer, ML Engineer or Data Scientist', uz: 'Maʼlumotlar muhandisi, ML muhandisi yoki maʼlumotlar olimi' } },
  ],
  content: 'blockField taskList',
  emptyContent: (lang) => [
    fieldJSON('owner'),
    { type: 'taskList', content: LIFECYCLE_STAGES[0]!.concerns.map((c) => checklistItemJSON(c[lang])) },
  ],
}
