import { foldLabel, type Labels } from '../../i18n.js'
import type { LintBlock, LintContext } from '../../lint/context.js'
import type { BlockLintRule, RuleHit } from '../../lint/rule.js'
import { inlineLabel, joinLabels, parseQuantity } from '../../lint/text.js'
import { metricSpec } from './spec.js'

const DIRECTION_WORDS: Record<string, Labels> = {
  higher: { en: 'higher is better', uz: 'yuqorisi yaxshi' },
  lower: { en: 'lower is better', uz: 'pasti yaxshi' },
}

const LAYER_WORDS: Record<string, Labels> = {
  business: { en: 'business', uz: 'biznes' },
  online: { en: 'online', uz: 'onlayn' },
}

function hit(block: LintBlock, message: Labels): RuleHit[] {
  return [{ pos: block.pos, target: block.target, message }]
}

/** Names of the business and online metrics of the document, folded for matching. */
function parentCandidates(doc: LintContext): Set<string> {
  return new Set(
    doc
      .blocksOf('metric')
      .filter((m) => m.attr('layer') === 'business' || m.attr('layer') === 'online')
      .map((m) => foldLabel(m.field('name')))
      .filter(Boolean),
  )
}

/** Rules about one metric block. */
export const metricLintRules: readonly BlockLintRule[] = [
  {
    id: 'metric-layer-missing',
    severity: 'error',
    block: 'metric',
    description: { en: 'A metric has no layer (business, online, offline, guardrail or system).', uz: 'Metrikaning qatlami (biznes, onlayn, oflayn, himoya yoki tizim) tanlanmagan.' },
    check: (block) =>
      block.attr('layer')
        ? []
        : hit(block, {
            en: 'Pick the layer of this metric (business, online, offline, guardrail or system): the layer says who watches it and when it can be measured, and the other metric checks depend on it.',
            uz: 'Bu metrikaning qatlamini tanlang (biznes, onlayn, oflayn, himoya yoki tizim): qatlam uni kim kuzatishini va qachon oʻlchash mumkinligini bildiradi, boshqa metrika tekshiruvlari ham unga tayanadi.',
          }),
  },
  {
    id: 'metric-offline-incomplete',
    severity: 'error',
    block: 'metric',
    description: { en: 'An offline metric lacks a baseline, a target or a direction.', uz: 'Oflayn metrikada bazaviy qiymat, maqsad yoki yoʻnalish yoʻq.' },
    check: (block) => {
      if (block.attr('layer') !== 'offline') return []
      const missing: Labels[] = []
      if (!block.field('baseline')) missing.push(inlineLabel(metricSpec, 'baseline'))
      if (!block.field('target')) missing.push(inlineLabel(metricSpec, 'target'))
      if (!block.attr('direction')) missing.push(inlineLabel(metricSpec, 'direction'))
      if (missing.length === 0) return []
      const list = joinLabels(missing, 'or')
      return hit(block, {
        en: `This offline metric has no ${list.en}: the baseline, the target and which way is better are what decide whether a trained model is good enough to ship.`,
        uz: `Bu oflayn metrikada ${list.uz} yoʻq: oʻqitilgan model chiqarishga yaraydimi, buni bazaviy qiymat, maqsad va qaysi yoʻnalish yaxshi ekani hal qiladi.`,
      })
    },
  },
  {
    id: 'metric-target-not-better',
    severity: 'error',
    block: 'metric',
    description: { en: 'A metric’s target is not better than its baseline in its direction.', uz: 'Metrikaning maqsadi yoʻnalishiga koʻra bazaviy qiymatdan yaxshi emas.' },
    check: (block) => {
      const direction = block.attr('direction')
      const baseline = parseQuantity(block.field('baseline'))
      const target = parseQuantity(block.field('target'))
      if (!direction || !DIRECTION_WORDS[direction] || !baseline || !target || baseline.unit !== target.unit) return []
      const better = direction === 'higher' ? target.value > baseline.value : target.value < baseline.value
      if (better) return []
      const words = DIRECTION_WORDS[direction]
      const [b, t] = [block.field('baseline'), block.field('target')]
      return hit(block, {
        en: `The target (${t}) is not better than the baseline (${b}) although ${words.en}: a model that only matches today’s value is not worth deploying. Check the numbers or the direction.`,
        uz: `Maqsad (${t}) bazaviy qiymatdan (${b}) yaxshi emas, holbuki ${words.uz}: faqat bugungi qiymatga teng model joylashtirishga arzimaydi. Raqamlarni yoki yoʻnalishni tekshiring.`,
      })
    },
  },
  {
    id: 'metric-window-missing',
    severity: 'warning',
    block: 'metric',
    description: { en: 'An online or business metric has no measurement window.', uz: 'Onlayn yoki biznes metrikada oʻlchash oynasi yoʻq.' },
    check: (block) => {
      const layer = LAYER_WORDS[block.attr('layer') ?? '']
      if (!layer || block.field('window')) return []
      return hit(block, {
        en: `This ${layer.en} metric has no measurement window: online and business effects show up over time, so say over which period it is measured (e.g. "28 days after prediction"), or results cannot be compared.`,
        uz: `${layer.uz[0]!.toUpperCase()}${layer.uz.slice(1)} qatlamidagi bu metrikada oʻlchash oynasi yoʻq: onlayn va biznes taʼsirlari vaqt oʻtib koʻrinadi, shuning uchun qaysi davrda oʻlchanishini yozing (masalan: "bashoratdan keyin 28 kun"), aks holda natijalarni solishtirib boʻlmaydi.`,
      })
    },
  },
  {
    id: 'metric-parent-unlinked',
    severity: 'warning',
    block: 'metric',
    description: { en: 'An offline metric’s parent metric is not a business or online metric of the document.', uz: 'Oflayn metrikaning yuqori metrikasi hujjatdagi biznes yoki onlayn metrika emas.' },
    check: (block, doc) => {
      if (block.attr('layer') !== 'offline') return []
      const parent = block.field('parent')
      if (parent && parentCandidates(doc).has(foldLabel(parent))) return []
      return hit(
        block,
        parent
          ? {
              en: `The parent metric "${parent}" is not the name of a business or online metric in this document: write the exact name of one, so a better offline score can be traced to real impact.`,
              uz: `"${parent}" yuqori metrikasi bu hujjatdagi biznes yoki onlayn metrikalardan birining nomi emas: ulardan birining aniq nomini yozing, shunda oflayn natija yaxshilanishi haqiqiy taʼsirga olib borishini kuzatish mumkin.`,
            }
          : {
              en: 'This offline metric names no parent metric: link it to the business or online metric it is meant to move, so a better offline score can be traced to real impact.',
              uz: 'Bu oflayn metrikada yuqori metrika koʻrsatilmagan: uni u yaxshilashi kerak boʻlgan biznes yoki onlayn metrikaga bogʻlang, shunda oflayn natija yaxshilanishi haqiqiy taʼsirga olib borishini kuzatish mumkin.',
            },
      )
    },
  },
]
