import type { DocumentLintRule } from '../rule.js'

/** Words of a simple or heuristic baseline model, in either language (folded text). */
const BASELINE_MODEL = /heuristic|\brules?[- ]based\b|\bsimple (?:baseline|model|rule)|\bbaseline (?:model|classifier|regressor|heuristic|rule)|\bnaive baseline|majority[- ]class|evristik|qoidaga asoslangan|oddiy (?:bazaviy|model|qoida)|bazaviy model/

/** The model is never compared with a rule or a simple model. */
export const baselineModelMissing: DocumentLintRule = {
  id: 'baseline-model-missing',
  severity: 'warning',
  description: { en: 'No simple or heuristic baseline model is mentioned.', uz: 'Oddiy yoki evristik bazaviy model tilga olinmagan.' },
  check: (doc) =>
    doc.findStatement(BASELINE_MODEL)
      ? []
      : [{
          pos: 0,
          target: doc.target,
          message: {
            en: 'No simple or heuristic baseline is mentioned: first compare the model with a rule or a simple model (e.g. "days since last login"), or you cannot show that the ML is worth its cost.',
            uz: 'Oddiy yoki evristik bazaviy model tilga olinmagan: avval modelni qoida yoki oddiy model bilan solishtiring (masalan: "oxirgi kirishdan beri oʻtgan kunlar"), aks holda ML oʻz xarajatiga arzishini koʻrsatib boʻlmaydi.',
          },
        }],
}
