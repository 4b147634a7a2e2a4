import { Node, mergeAttributes } from '@tiptap/core'
import { MATURITY_CRITERIA, MATURITY_LEVELS } from '../../domain/maturity.js'
import { fieldJSON, type BlockSpec, type ChoiceSpec, type ElementAttributes } from '../define.js'

const levelValues = MATURITY_LEVELS.map((l) => ({ id: l, label: { en: l, uz: l } }))

/** The level attribute of a maturity row, and the claimed/target levels of the assessment. */
export const maturityLevelChoice: ChoiceSpec = { name: 'level', kind: 'enum', label: { en: 'Level', uz: 'Daraja' }, default: null, values: levelValues }

/**
 * One row of a maturity assessment: a criterion, the level claimed for it and the evidence.
 * The criterion id is fixed when the row is made; the level is a choice; the evidence is text.
 */
export const MaturityCriterion = Node.create({
  name: 'maturityCriterion',
  content: 'blockField',
  defining: true,
  isolating: true,
  addAttributes() {
    return {
      criterion: {
        default: '',
        parseHTML: (el: ElementAttributes) => el.getAttribute('data-criterion') ?? '',
        renderHTML: (attrs: Record<string, unknown>) => ({ 'data-criterion': attrs.criterion }),
      },
      level: {
        default: null,
        parseHTML: (el: ElementAttributes) => el.getAttribute('data-level'),
        renderHTML: (attrs: Record<string, unknown>) => (attrs.level == null ? {} : { 'data-level': attrs.level }),
      },
    }
  },
  parseHTML() {
    return [{ tag: 'div[data-criterion]' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes, { class: 'maturity-criterion' }), 0]
  },
})

/** The team's MLOps maturity (Google levels 0-2), rated per criterion; the level is the lowest row. */
export const maturityAssessmentSpec: BlockSpec = {
  type: 'maturityAssessment',
  markdownName: 'maturity-assessment',
  formatVersion: 1,
  label: { en: 'Maturity assessment', uz: 'Yetuklikni baholash' },
  description: { en: 'MLOps maturity per criterion (Google levels 0-2), computed level and gaps', uz: 'Mezonlar boʻyicha MLOps yetukligi (Google 0-2 darajalari), hisoblangan daraja va boʻshliqlar' },
  attrs: [
    { ...maturityLevelChoice, name: 'claimed', label: { en: 'Claimed level', uz: 'Daʼvo qilingan daraja' } },
    { ...maturityLevelChoice, name: 'target', label: { en: 'Target level', uz: 'Maqsadli daraja' } },
  ],
  fields: [
    { name: 'evidence', label: { en: 'Evidence', uz: 'Dalil' }, hint: { en: 'What shows this level today', uz: 'Bugun bu darajani nima koʻrsatadi' } },
    { name: 'gaps', label: { en: 'Gaps to the target', uz: 'Maqsadgacha boʻshliqlar' }, hint: { en: 'What must change to reach the target level', uz: 'Maqsadli darajaga yetish uchun nima oʻzgarishi kerak' } },
  ],
  content: 'maturityCriterion+ blockField',
  emptyContent: () => [
    ...MATURITY_CRITERIA.map((c) => ({ type: 'maturityCriterion', attrs: { criterion: c.id, level: null }, content: [fieldJSON('evidence')] })),
    fieldJSON('gaps'),
  ],
}
