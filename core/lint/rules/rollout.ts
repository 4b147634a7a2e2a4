import type { DocumentLintRule } from '../rule.js'

/** Rollout strategies that expose users to a new model, in either language (folded text). */
const ROLLOUT = /\ba\/b\b|\bab[- ]test|\bcanary\b|\bshadow\b|champion[- ]challenger|\broll-?outs?\b|\broll out\b|kanareyka|soya rejim|chempion/

/** A rollout or an A/B test is planned, but no guardrail metric says what must not get worse. */
export const rolloutGuardrailMissing: DocumentLintRule = {
  id: 'rollout-guardrail-missing',
  severity: 'warning',
  description: { en: 'A rollout or A/B test is mentioned, but no metric is on the guardrail layer.', uz: 'Rollout yoki A/B sinov tilga olingan, lekin hech bir metrika himoya qatlamida emas.' },
  check: (doc) => {
    if (doc.blocksOf('metric').some((m) => m.attr('layer') === 'guardrail')) return []
    const found = doc.findStatement(ROLLOUT)
    if (!found) return []
    return [{
      pos: found.statement.pos,
      target: doc.sectionAt(found.statement.pos)?.target ?? doc.target,
      message: {
        en: `The document plans a rollout ("${found.match}"), but no metric is on the guardrail layer: name what must not get worse while real users see the new model (latency, complaints, revenue) and when the experiment stops.`,
        uz: `Hujjatda rollout rejalashtirilgan ("${found.match}"), lekin hech bir metrika himoya (guardrail) qatlamida emas: yangi modelni haqiqiy foydalanuvchilar koʻrayotganda nima yomonlashmasligi kerakligini (kechikish, shikoyatlar, daromad) va tajriba qachon toʻxtatilishini yozing.`,
      },
    }]
  },
}
