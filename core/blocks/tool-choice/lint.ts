import type { Labels } from '../../i18n.js'
import type { LintBlock } from '../../lint/context.js'
import type { BlockLintRule, RuleHit } from '../../lint/rule.js'

function hit(block: LintBlock, message: Labels): RuleHit[] {
  return [{ pos: block.pos, target: block.target, message }]
}

/** Rules about one tool choice block. */
export const toolChoiceLintRules: readonly BlockLintRule[] = [
  {
    id: 'tool-choice-chosen-missing',
    severity: 'error',
    block: 'toolChoice',
    description: { en: 'A tool choice names no tool.', uz: 'Vosita tanlovida vosita nomi yoʻq.' },
    check: (block) =>
      block.field('chosen')
        ? []
        : hit(block, {
            en: 'No tool is chosen: name the tool, or write "manual" if a person does this step for now.',
            uz: 'Vosita tanlanmagan: vosita nomini yozing yoki bu qadamni hozircha odam bajarsa, "qoʻlda" deb yozing.',
          }),
  },
  {
    id: 'tool-choice-rationale-missing',
    severity: 'error',
    block: 'toolChoice',
    description: { en: 'A tool choice gives no rationale.', uz: 'Vosita tanlovida asoslanish yoʻq.' },
    check: (block) =>
      block.field('rationale')
        ? []
        : hit(block, {
            en: 'No rationale: say why this tool fits this team (skills, cost, scale, what you already run); reviewers and whoever maintains it next need the reason, not just the name.',
            uz: 'Asoslanish yoʻq: nega aynan shu vosita bu jamoaga mos kelishini yozing (koʻnikmalar, narx, masshtab, allaqachon ishlatilayotgan tizimlar); koʻrib chiquvchilarga va keyingi masʼullarga faqat nom emas, sabab kerak.',
          }),
  },
  {
    id: 'tool-choice-alternatives-missing',
    severity: 'warning',
    block: 'toolChoice',
    description: { en: 'A tool choice lists no alternative considered.', uz: 'Vosita tanlovida koʻrib chiqilgan muqobil yoʻq.' },
    check: (block) =>
      block.field('alternatives')
        ? []
        : hit(block, {
            en: 'No alternatives considered: list at least one other tool you compared, so reviewers can see the choice was weighed and not just the first one found.',
            uz: 'Muqobillar koʻrsatilmagan: solishtirilgan kamida bitta boshqa vositani yozing, shunda koʻrib chiquvchilar tanlov shunchaki birinchi topilgan vosita emas, oʻylab qilinganini koʻradi.',
          }),
  },
]
