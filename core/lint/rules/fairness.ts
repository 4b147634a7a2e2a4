import type { DocumentLintRule } from '../rule.js'

/** Words of a bias, fairness or per-slice analysis, or of a reason for skipping one (folded text); the tool Weights & Biases is not one. */
const FAIRNESS = /(?<!weights (?:&|and) )\bbias(?:es|ed)?\b|\bfairness\b|\bunfair\b|\bslices?\b|\bper[- ](?:segment|slice|group|cohort)\b|\bby (?:segment|slice|cohort)\b|\bsubgroups?\b|\bdemographic|xolislik|tarafkash|segmentlar bo'yicha|guruhlar bo'yicha/

/** The document never looks at how the model does per group, nor says why not. */
export const fairnessAnalysisMissing: DocumentLintRule = {
  id: 'fairness-analysis-missing',
  severity: 'warning',
  description: { en: 'No bias, fairness or slice analysis, and no stated reason for its absence.', uz: 'Xolislik yoki segmentlar boʻyicha tahlil yoʻq va uning yoʻqligi sababi ham yozilmagan.' },
  check: (doc) => {
    if (doc.findStatement(FAIRNESS) || doc.blocksOf('risk').some((r) => r.attr('category') === 'fairness')) return []
    return [{
      pos: 0,
      target: doc.target,
      message: {
        en: 'No bias, fairness or slice analysis, and no reason given for leaving it out: an average score can hide a group the model fails (a region, a plan, new customers). Plan a per-segment evaluation, or write why it does not apply.',
        uz: 'Xolislik yoki segmentlar boʻyicha tahlil yoʻq va nega kerak emasligi ham yozilmagan: oʻrtacha natija model yomon ishlaydigan guruhni (hudud, tarif, yangi mijozlar) yashirishi mumkin. Segmentlar boʻyicha baholashni rejalashtiring yoki bu nega kerak emasligini yozing.',
      },
    }]
  },
}
