import { fieldJSON, type BlockSpec } from '../define.js'

/** A success metric: what is measured, on which layer, from which baseline to which target. */
export const metricSpec: BlockSpec = {
  type: 'metric',
  markdownName: 'metric',
  formatVersion: 1,
  label: { en: 'Metric', uz: 'Metrika' },
  description: { en: 'A success metric with its baseline, target and direction', uz: 'Bazaviy qiymati, maqsadi va yoʻnalishi bilan muvaffaqiyat metrikasi' },
  attrs: [
    { name: 'layer', kind: 'enum', label: { en: 'Layer', uz: 'Qatlam' }, default: null, values: [
      { id: 'business', label: { en: 'business', uz: 'biznes' } },
      { id: 'online', label: { en: 'online', uz: 'onlayn' } },
      { id: 'offline', label: { en: 'offline', uz: 'oflayn' } },
      { id: 'guardrail', label: { en: 'guardrail', uz: 'himoya' } },
      { id: 'system', label: { en: 'system', uz: 'tizim' } },
    ] },
    { name: 'direction', kind: 'enum', label: { en: 'Direction', uz: 'Yoʻnalish' }, default: null, values: [
      { id: 'higher', label: { en: 'higher is better', uz: 'yuqorisi yaxshi' } },
      { id: 'lower', label: { en: 'lower is better', uz: 'pasti yaxshi' } },
    ] },
  ],
  fields: [
    { name: 'name', label: { en: 'Metric', uz: 'Metrika' }, hint: { en: 'Name, e.g. Recall at top 10%', uz: 'Nomi, masalan: top 10% dagi recall' } },
    { name: 'definition', label: { en: 'Definition', uz: 'Taʼrif' }, hint: { en: 'How it is computed, on which data', uz: 'Qanday hisoblanadi, qaysi maʼlumotda' } },
    { name: 'baseline', label: { en: 'Baseline', uz: 'Bazaviy qiymat' }, hint: { en: 'Today’s value, e.g. 0.42', uz: 'Hozirgi qiymat, masalan: 0.42' } },
    { name: 'baselineSource', label: { en: 'Baseline source', uz: 'Bazaviy qiymat manbai' }, hint: { en: 'Where the baseline comes from', uz: 'Bazaviy qiymat qayerdan olingan' } },
    { name: 'target', label: { en: 'Target', uz: 'Maqsad' }, hint: { en: 'Value that means success', uz: 'Muvaffaqiyatni bildiruvchi qiymat' } },
    { name: 'minimum', label: { en: 'Minimum acceptable', uz: 'Minimal maqbul qiymat' }, hint: { en: 'Below this we do not ship', uz: 'Bundan past boʻlsa, chiqarmaymiz' } },
    { name: 'window', label: { en: 'Measurement window', uz: 'Oʻlchash oynasi' }, hint: { en: 'e.g. 28 days after prediction', uz: 'masalan: bashoratdan keyin 28 kun' } },
    { name: 'parent', label: { en: 'Parent metric', uz: 'Yuqori metrika' }, hint: { en: 'The business or online metric this one moves', uz: 'Bu metrika taʼsir qiladigan biznes yoki onlayn metrika' } },
    { name: 'owner', label: { en: 'Owner', uz: 'Masʼul' }, hint: { en: 'Who answers for it', uz: 'Kim javobgar' } },
  ],
  content: 'blockField+',
  emptyContent: () => metricSpec.fields.map((f) => fieldJSON(f.name)),
}
