import type { Lang } from '../../i18n.js'
import { fieldJSON, type BlockSpec } from '../define.js'
import { tableJSON } from '../table-json.js'

const HEADER: Record<Lang, readonly string[]> = {
  en: ['Criterion', 'Weight', 'Option A', 'Option B'],
  uz: ['Mezon', 'Vazn', 'A variant', 'B variant'],
}

/** Options compared against weighted criteria (e.g. BentoML vs TorchServe vs Triton), with the decision. */
export const comparisonMatrixSpec: BlockSpec = {
  type: 'comparisonMatrix',
  markdownName: 'comparison-matrix',
  formatVersion: 1,
  label: { en: 'Comparison matrix', uz: 'Taqqoslash matritsasi' },
  description: { en: 'Options x weighted criteria, the option chosen and why', uz: 'Variantlar va vaznli mezonlar, tanlangan variant va sababi' },
  attrs: [],
  fields: [
    { name: 'subject', label: { en: 'Comparison', uz: 'Taqqoslash' }, hint: { en: 'What is being chosen, e.g. model serving', uz: 'Nima tanlanmoqda, masalan: modelga xizmat koʻrsatish' } },
    { name: 'chosen', label: { en: 'Chosen', uz: 'Tanlangan' }, hint: { en: 'One of the options', uz: 'Variantlardan biri' } },
    { name: 'rationale', label: { en: 'Rationale', uz: 'Asoslanishi' }, hint: { en: 'Why it wins', uz: 'Nega u yutadi' } },
  ],
  content: 'blockField+ table',
  emptyContent: (lang) => [
    fieldJSON('subject'),
    fieldJSON('chosen'),
    fieldJSON('rationale'),
    tableJSON([HEADER[lang], ['', '1', '', '']]),
  ],
}
