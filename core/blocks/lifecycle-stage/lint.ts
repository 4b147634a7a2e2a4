import type { BlockLintRule } from '../../lint/rule.js'

/** Rules about one lifecycle stage block. */
export const lifecycleStageLintRules: readonly BlockLintRule[] = [
  {
    id: 'stage-owner-missing',
    severity: 'error',
    block: 'lifecycleStage',
    description: { en: 'A lifecycle stage has no owner role.', uz: 'Hayotiy sikl bosqichida masʼul rol yoʻq.' },
    check: (block) =>
      block.field('owner')
        ? []
        : [{
            pos: block.pos,
            target: block.target,
            message: {
              en: 'No owner role: name the role that answers for this stage (Data Engineer, ML Engineer, Data Scientist...); a stage that nobody owns does not get done.',
              uz: 'Masʼul rol koʻrsatilmagan: bu bosqich uchun javob beradigan rolni yozing (maʼlumotlar muhandisi, ML muhandisi, maʼlumotlar olimi...); egasi yoʻq bosqich bajarilmay qoladi.',
            },
          }],
  },
  {
    id: 'stage-done-unchecked',
    severity: 'warning',
    block: 'lifecycleStage',
    description: { en: 'A stage marked done still has unchecked checklist items.', uz: 'Bajarilgan deb belgilangan bosqichda belgilanmagan bandlar bor.' },
    check: (block) => {
      if (block.attr('status') !== 'done') return []
      let unchecked = 0
      block.node.descendants((node) => {
        if (node.type.name === 'taskItem' && node.attrs.checked !== true) unchecked++
        return true
      })
      if (unchecked === 0) return []
      return [{
        pos: block.pos,
        target: block.target,
        message: {
          en: `The stage is marked done, but ${unchecked === 1 ? '1 checklist item is' : `${unchecked} checklist items are`} unchecked: check them, or set the status back to in progress so the plan tells the truth.`,
          uz: `Bosqich bajarilgan deb belgilangan, lekin nazorat roʻyxatida ${unchecked} ta belgilanmagan band bor: ularni belgilang yoki reja haqiqatni koʻrsatishi uchun holatni "jarayonda" ga qaytaring.`,
        },
      }]
    },
  },
]
