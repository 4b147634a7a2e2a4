import { toolCategory } from '../../domain/catalog.js'
import { LIFECYCLE_STAGES } from '../../domain/lifecycle.js'
import { foldLabel } from '../../i18n.js'
import type { LintBlock } from '../context.js'
import type { DocumentLintRule, RuleHit } from '../rule.js'
import { stageName, stageTarget } from '../targets.js'
import { MANUAL_WORDS } from '../text.js'

/** Stages from data preparation on need tools (or a decision to do them by hand). */
const TOOLED_STAGES = LIFECYCLE_STAGES.filter((s) => Number(s.id) >= 3)

/** The stages a tool choice serves: its explicit stage and its category's stage. */
function stagesOf(choice: LintBlock): string[] {
  return [choice.attr('stage'), toolCategory(choice.attr('category'))?.stage ?? null].filter((s): s is string => !!s)
}

/** Stages 3-8 with neither a tool choice nor a stage plan that says the work is manual. */
export const stageToolingMissing: DocumentLintRule = {
  id: 'stage-tooling-missing',
  severity: 'warning',
  description: { en: 'A lifecycle stage from 3 to 8 has no tool choice and is not marked manual.', uz: '3-8 hayotiy sikl bosqichlaridan birida vosita tanlovi yoʻq va u qoʻlda deb belgilanmagan.' },
  check: (doc) => {
    const served = new Set(doc.blocksOf('toolChoice').flatMap(stagesOf))
    const hits: RuleHit[] = []
    for (const stage of TOOLED_STAGES) {
      if (served.has(stage.id)) continue
      const plans = doc.blocksOf('lifecycleStage').filter((b) => b.attr('stage') === stage.id)
      if (plans.some((b) => MANUAL_WORDS.test(foldLabel(b.node.textBetween(0, b.node.content.size, '\n', '\n'))))) continue
      const name = stageName(stage.id)
      hits.push({
        pos: plans[0]?.pos ?? 0,
        target: stageTarget(stage.id),
        message: {
          en: `Stage "${name.en}" has no tool choice: add one for it (its category or its lifecycle stage), or write "manual" as the tool or in the stage's checklist, so the plan shows how this stage gets done.`,
          uz: `"${name.uz}" bosqichi uchun vosita tanlovi yoʻq: unga vosita tanlovi qoʻshing (toifasi yoki hayotiy sikl bosqichi orqali) yoki vosita sifatida yoxud bosqichning nazorat roʻyxatida "qoʻlda" deb yozing, shunda bu bosqich qanday bajarilishi rejada koʻrinadi.`,
        },
      })
    }
    return hits
  },
}
