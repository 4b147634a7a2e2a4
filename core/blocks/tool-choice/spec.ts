import { TOOL_CATALOG } from '../../domain/catalog.js'
import { LIFECYCLE_STAGES } from '../../domain/lifecycle.js'
import { fieldJSON, type BlockSpec } from '../define.js'

/** A tool chosen for one category of the stack, with the alternatives weighed and why. */
export const toolChoiceSpec: BlockSpec = {
  type: 'toolChoice',
  markdownName: 'tool-choice',
  formatVersion: 1,
  label: { en: 'Tool choice', uz: 'Vosita tanlovi' },
  description: { en: 'A tool for one category of the stack, with alternatives and rationale', uz: 'Stekning bir toifasi uchun vosita, muqobillari va asoslanishi' },
  attrs: [
    { name: 'category', kind: 'enum', label: { en: 'Category', uz: 'Toifa' }, default: null,
      values: TOOL_CATALOG.map((c) => ({ id: c.id, label: c.label })) },
    { name: 'stage', kind: 'enum', label: { en: 'Lifecycle stage', uz: 'Hayotiy sikl bosqichi' }, default: null,
      values: LIFECYCLE_STAGES.map((s) => ({ id: s.id, label: { en: `${s.id}. ${s.label.en}`, uz: `${s.id}. ${s.label.uz}` } })) },
  ],
  fields: [
    { name: 'chosen', label: { en: 'Tool', uz: 'Vosita' }, hint: { en: 'The tool chosen, or “manual”', uz: 'Tanlangan vosita yoki “qoʻlda”' } },
    { name: 'alternatives', label: { en: 'Alternatives considered', uz: 'Koʻrib chiqilgan muqobillar' }, hint: { en: 'Comma-separated', uz: 'Vergul bilan ajrating' } },
    { name: 'rationale', label: { en: 'Rationale', uz: 'Asoslanishi' }, hint: { en: 'Why this one, for this team', uz: 'Nega aynan shu, bu jamoa uchun' } },
  ],
  content: 'blockField+',
  emptyContent: () => toolChoiceSpec.fields.map((f) => fieldJSON(f.name)),
}
