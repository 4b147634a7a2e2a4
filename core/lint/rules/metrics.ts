import type { DocumentLintRule } from '../rule.js'

/** The document names no business KPI. */
export const businessMetricMissing: DocumentLintRule = {
  id: 'business-metric-missing',
  severity: 'warning',
  description: { en: 'No metric of the document is on the business layer.', uz: 'Hujjatdagi hech bir metrika biznes qatlamida emas.' },
  check: (doc) =>
    doc.blocksOf('metric').some((m) => m.attr('layer') === 'business')
      ? []
      : [{
          pos: 0,
          target: doc.target,
          message: {
            en: 'No metric has the business layer: add the business KPI the model should move (e.g. monthly churn rate), or the project cannot show that it paid off.',
            uz: 'Hech bir metrika biznes qatlamida emas: model yaxshilashi kerak boʻlgan biznes KPI metrikasini qoʻshing (masalan: oylik mijozlar ketishi darajasi), aks holda loyiha oʻzini oqlaganini koʻrsatib boʻlmaydi.',
          },
        }],
}
