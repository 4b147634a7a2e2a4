import { TOOL_CATALOG } from '../../domain/catalog.js'
import { MATURITY_CRITERIA, computedMaturityLevel } from '../../domain/maturity.js'
import { foldLabel, type Labels } from '../../i18n.js'
import type { LintBlock, LintContext } from '../../lint/context.js'
import type { BlockLintRule, RuleHit } from '../../lint/rule.js'
import { MANUAL_WORDS, joinLabels, same } from '../../lint/text.js'

/** A row of the assessment: the criterion's name and the level given (null when unrated). */
interface Row {
  readonly label: Labels
  readonly level: string | null
}

function rows(block: LintBlock): Row[] {
  const out: Row[] = []
  block.node.forEach((child) => {
    if (child.type.name !== 'maturityCriterion') return
    const id = String(child.attrs.criterion)
    const level: unknown = child.attrs.level
    out.push({ label: MATURITY_CRITERIA.find((c) => c.id === id)?.label ?? same(id), level: typeof level === 'string' && level ? level : null })
  })
  return out
}

function hit(block: LintBlock, message: Labels): RuleHit {
  return { pos: block.pos, target: block.target, message }
}

/** Whether a tool choice names a data-versioning tool (by category, or by a catalog tool's name); "manual" is a decision, not a tool. */
function hasDataVersioningTool(doc: LintContext): boolean {
  const catalog = TOOL_CATALOG.find((c) => c.id === 'data-versioning')?.tools.map(foldLabel) ?? []
  return doc.blocksOf('toolChoice').some((choice) => {
    const chosen = foldLabel(choice.field('chosen'))
    if (!chosen || MANUAL_WORDS.test(chosen)) return false
    return choice.attr('category') === 'data-versioning' || catalog.some((tool) => chosen.includes(tool))
  })
}

/** Mentions of retraining, in either language (folded text). */
const RETRAINING = /re-?train|qayta o'qit/

/** Rules about one maturity assessment block. */
export const maturityAssessmentLintRules: readonly BlockLintRule[] = [
  {
    id: 'maturity-criterion-unrated',
    severity: 'warning',
    block: 'maturityAssessment',
    description: { en: 'A maturity criterion has no level.', uz: 'Yetuklik mezoni baholanmagan.' },
    check: (block) => {
      const unrated = rows(block).filter((r) => r.level === null)
      if (unrated.length === 0) return []
      const names = joinLabels(unrated.map((r) => r.label))
      const count = unrated.length
      return [hit(block, {
        en: `${count === 1 ? '1 criterion is' : `${count} criteria are`} not rated (${names.en}): rate each 0, 1 or 2. The level of the whole assessment is its lowest row, so an unrated row hides it.`,
        uz: `${count} ta mezon baholanmagan (${names.uz}): har birini 0, 1 yoki 2 deb baholang. Umumiy daraja eng past qatorga teng, shuning uchun baholanmagan qator uni yashiradi.`,
      })]
    },
  },
  {
    id: 'maturity-claimed-mismatch',
    severity: 'error',
    block: 'maturityAssessment',
    description: { en: 'The claimed maturity level differs from the computed one (the lowest criterion).', uz: 'Daʼvo qilingan yetuklik darajasi hisoblangan darajadan (eng past mezondan) farq qiladi.' },
    check: (block) => {
      const claimed = block.attr('claimed')
      const rated = rows(block).filter((r) => r.level !== null)
      if (claimed === null || rated.length === 0) return []
      const lowest = rated.reduce((low, r) => (Number(r.level) < Number(low.level) ? r : low))
      if (Number(claimed) > Number(lowest.level)) {
        return [hit(block, {
          en: `The claimed level is ${claimed}, but "${lowest.label.en}" is rated ${lowest.level}: a team is only as mature as its weakest practice. Claim ${lowest.level}, or raise that criterion with evidence.`,
          uz: `Daʼvo qilingan daraja ${claimed}, lekin "${lowest.label.uz}" ${lowest.level} deb baholangan: jamoa yetukligi uning eng zaif amaliyoti bilan oʻlchanadi. ${lowest.level}-darajani koʻrsating yoki bu mezonni dalil bilan koʻtaring.`,
        })]
      }
      const computed = computedMaturityLevel(rows(block).map((r) => r.level))
      if (computed !== null && Number(claimed) < Number(computed)) {
        return [hit(block, {
          en: `The claimed level is ${claimed}, but every criterion is rated ${computed} or higher: the level is the lowest row, so claim ${computed}.`,
          uz: `Daʼvo qilingan daraja ${claimed}, lekin barcha mezonlar ${computed} yoki undan yuqori baholangan: daraja eng past qatorga teng, shuning uchun ${computed}-darajani koʻrsating.`,
        })]
      }
      return []
    },
  },
  {
    id: 'maturity-target-prerequisites',
    severity: 'warning',
    block: 'maturityAssessment',
    description: { en: 'A target level of 1 or more without a data-versioning tool or a retraining trigger.', uz: '1 yoki undan yuqori maqsadli daraja, lekin maʼlumotlarni versiyalash vositasi yoki qayta oʻqitish sababi yoʻq.' },
    check: (block, doc) => {
      const target = block.attr('target')
      if (target === null || Number(target) < 1) return []
      const hits: RuleHit[] = []
      if (!hasDataVersioningTool(doc)) {
        hits.push(hit(block, {
          en: `Target level ${target} needs versioned data, but no tool choice names a data-versioning tool: without one (DVC, LakeFS...) an automated pipeline cannot reproduce the data a model was trained on.`,
          uz: `${target}-maqsadli daraja versiyalangan maʼlumotlarni talab qiladi, lekin hech bir vosita tanlovida maʼlumotlarni versiyalash vositasi yoʻq: usiz (DVC, LakeFS...) avtomatik pipeline model qaysi maʼlumotda oʻqitilganini qayta tiklay olmaydi.`,
        }))
      }
      if (!doc.findStatement(RETRAINING)) {
        hits.push(hit(block, {
          en: `Target level ${target} means the model is retrained automatically, but the document never says what triggers retraining (a schedule, new data, a performance drop or drift).`,
          uz: `${target}-maqsadli daraja model avtomatik qayta oʻqitilishini anglatadi, lekin hujjatda qayta oʻqitishni nima ishga tushirishi (jadval, yangi maʼlumot, sifat pasayishi yoki dreyf) yozilmagan.`,
        }))
      }
      return hits
    },
  },
]
