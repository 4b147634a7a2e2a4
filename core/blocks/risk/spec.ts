import { fieldJSON, type BlockSpec } from '../define.js'

const LEVELS = [
  { id: 'low', label: { en: 'low', uz: 'past' } },
  { id: 'medium', label: { en: 'medium', uz: 'oʻrta' } },
  { id: 'high', label: { en: 'high', uz: 'yuqori' } },
]

/** A project risk: how likely, how bad, what we do about it and who watches it. */
export const riskSpec: BlockSpec = {
  type: 'risk',
  markdownName: 'risk',
  formatVersion: 1,
  label: { en: 'Risk', uz: 'Xavf' },
  description: { en: 'A risk with likelihood, impact, mitigation and owner', uz: 'Ehtimoli, taʼsiri, yumshatish choralari va masʼuli bilan xavf' },
  attrs: [
    { name: 'category', kind: 'enum', label: { en: 'Category', uz: 'Toifa' }, default: null, values: [
      { id: 'reproducibility', label: { en: 'reproducibility', uz: 'qayta tiklanuvchanlik' } },
      { id: 'data-drift', label: { en: 'data drift', uz: 'maʼlumotlar dreyfi' } },
      { id: 'concept-drift', label: { en: 'concept drift', uz: 'konsepsiya dreyfi' } },
      { id: 'scaling', label: { en: 'scaling', uz: 'masshtablash' } },
      { id: 'data-quality', label: { en: 'data quality', uz: 'maʼlumotlar sifati' } },
      { id: 'privacy', label: { en: 'privacy and compliance', uz: 'maxfiylik va muvofiqlik' } },
      { id: 'fairness', label: { en: 'bias and fairness', uz: 'xolislik' } },
      { id: 'security', label: { en: 'security', uz: 'xavfsizlik' } },
      { id: 'cost', label: { en: 'cost', uz: 'xarajat' } },
      { id: 'other', label: { en: 'other', uz: 'boshqa' } },
    ] },
    { name: 'likelihood', kind: 'enum', label: { en: 'Likelihood', uz: 'Ehtimol' }, default: null, values: LEVELS },
    { name: 'impact', kind: 'enum', label: { en: 'Impact', uz: 'Taʼsir' }, default: null, values: LEVELS },
    { name: 'status', kind: 'enum', label: { en: 'Status', uz: 'Holat' }, default: 'open', values: [
      { id: 'open', label: { en: 'open', uz: 'ochiq' } },
      { id: 'mitigating', label: { en: 'mitigating', uz: 'yumshatilmoqda' } },
      { id: 'accepted', label: { en: 'accepted', uz: 'qabul qilingan' } },
      { id: 'closed', label: { en: 'closed', uz: 'yopilgan' } },
    ] },
  ],
  fields: [
    { name: 'description', label: { en: 'Risk', uz: 'Xavf' }, hint: { en: 'What could go wrong', uz: 'Nima notoʻgʻri ketishi mumkin' } },
    { name: 'mitigation', label: { en: 'Mitigation', uz: 'Yumshatish' }, hint: { en: 'What we do to prevent or limit it', uz: 'Oldini olish yoki cheklash uchun nima qilamiz' } },
    { name: 'fallback', label: { en: 'Monitor or fallback', uz: 'Monitor yoki zaxira reja' }, hint: { en: 'The alert that catches it, or the fallback', uz: 'Uni aniqlaydigan ogohlantirish yoki zaxira reja' } },
    { name: 'owner', label: { en: 'Owner', uz: 'Masʼul' }, hint: { en: 'Who watches it', uz: 'Kim kuzatadi' } },
  ],
  content: 'blockField+',
  emptyContent: () => riskSpec.fields.map((f) => fieldJSON(f.name)),
}
