import type { BlockLintRule } from '../../lint/rule.js'
import { inlineLabel, joinLabels } from '../../lint/text.js'
import { riskSpec } from './spec.js'

/** Rules about one risk block. */
export const riskLintRules: readonly BlockLintRule[] = [
  {
    id: 'risk-incomplete',
    severity: 'error',
    block: 'risk',
    description: { en: 'A risk lacks its likelihood, impact, mitigation or owner.', uz: 'Xavfda ehtimol, taʼsir, yumshatish yoki masʼul yoʻq.' },
    check: (block) => {
      const missing = [
        block.attr('likelihood') ? null : inlineLabel(riskSpec, 'likelihood'),
        block.attr('impact') ? null : inlineLabel(riskSpec, 'impact'),
        block.field('mitigation') ? null : inlineLabel(riskSpec, 'mitigation'),
        block.field('owner') ? null : inlineLabel(riskSpec, 'owner'),
      ].filter((label) => label !== null)
      if (missing.length === 0) return []
      const list = joinLabels(missing, 'or')
      return [{
        pos: block.pos,
        target: block.target,
        message: {
          en: `This risk has no ${list.en}: a risk is managed only when someone owns it, knows how likely and how bad it is, and has a plan against it.`,
          uz: `Bu xavfda ${list.uz} koʻrsatilmagan: xavf faqat uning egasi boʻlsa, ehtimoli va taʼsiri maʼlum boʻlsa va unga qarshi reja boʻlsa boshqariladi.`,
        },
      }]
    },
  },
  {
    id: 'risk-high-unguarded',
    severity: 'error',
    block: 'risk',
    description: { en: 'A high-likelihood, high-impact risk has no monitor or fallback.', uz: 'Ehtimoli va taʼsiri yuqori xavfda monitor yoki zaxira reja yoʻq.' },
    check: (block) =>
      block.attr('likelihood') === 'high' && block.attr('impact') === 'high' && !block.field('fallback')
        ? [{
            pos: block.pos,
            target: block.target,
            message: {
              en: 'High likelihood and high impact, but no monitor or fallback: say which alert catches it in production, or what the system does instead (e.g. fall back to the rule-based score).',
              uz: 'Ehtimoli ham, taʼsiri ham yuqori, lekin monitor yoki zaxira reja yoʻq: prodda uni qaysi ogohlantirish aniqlashini yoki tizim uning oʻrniga nima qilishini yozing (masalan: qoidaga asoslangan baholashga qaytish).',
            },
          }]
        : [],
  },
]
