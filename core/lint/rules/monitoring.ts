import type { Labels } from '../../i18n.js'
import type { LintContext, LintSection } from '../context.js'
import type { DocumentLintRule, RuleHit } from '../rule.js'

/** What production monitoring of a model must watch, how each is recognised, and why it matters. */
interface Signal {
  readonly words: RegExp
  /** Metric layer that covers the signal when a metric of that layer sits in the section. */
  readonly layer: string | null
  readonly message: Labels
}

const SIGNALS: readonly Signal[] = [
  {
    words: /drift|\bpsi\b|population stability|kolmogorov|\bks[- ]test|distribution shift|dreyf|taqsimot(?:ning)? (?:o'zgarish|siljish)/,
    layer: null,
    message: {
      en: 'The monitoring section never mentions data drift: input data changes silently after launch (new users, new products) and the model degrades without a single error. Say how drift is measured (e.g. PSI per feature) and what happens past a threshold.',
      uz: 'Monitoring boʻlimida maʼlumotlar dreyfi tilga olinmagan: ishga tushirilgandan keyin kiruvchi maʼlumotlar jimgina oʻzgaradi (yangi foydalanuvchilar, yangi mahsulotlar) va model birorta xatosiz yomonlashadi. Dreyf qanday oʻlchanishini (masalan: har bir belgi uchun PSI) va chegaradan oshganda nima boʻlishini yozing.',
    },
  },
  {
    words: /model (?:performance|quality|accuracy)|prediction quality|\b(?:precision|recall|accuracy|auc|roc|f1|rmse|mae|mape|log-?loss|calibration|ndcg)\b|model samaradorlig|model sifat|bashorat sifat|\baniqlik/,
    layer: 'offline',
    message: {
      en: 'The monitoring section never mentions model performance: say how prediction quality is measured once the true outcomes arrive (e.g. weekly recall on labelled data), or a decaying model goes unnoticed.',
      uz: 'Monitoring boʻlimida model samaradorligi tilga olinmagan: haqiqiy natijalar kelgach bashorat sifati qanday oʻlchanishini yozing (masalan: belgilangan maʼlumotda haftalik recall), aks holda yomonlashayotgan model sezilmay qoladi.',
    },
  },
  {
    words: /\bkpis?\b|\bbusiness\b|revenue|conversion|retention|churn rate|biznes|daromad|konversiya/,
    layer: 'business',
    message: {
      en: 'The monitoring section never mentions a business KPI: track the business number the model is meant to move, since a model can look healthy while the business result slips.',
      uz: 'Monitoring boʻlimida biznes KPI tilga olinmagan: model yaxshilashi kerak boʻlgan biznes koʻrsatkichini kuzating, chunki model sogʻlom koʻrinsa ham biznes natijasi pasayishi mumkin.',
    },
  },
  {
    words: /latency|uptime|availability|error rate|throughput|\bqps\b|\brps\b|\bp9[059]\b|\bcpu\b|\bgpu\b|memory|system health|health ?checks?|\b[45]xx\b|\b[45]\d\d (?:codes?|errors?|responses?)|outages?|downtime|service (?:is |goes )?down|timeouts?|kechikish|tizim holat|xatolar ulushi|xatolik darajasi|o'tkazuvchanlik|mavjudlik/,
    layer: 'system',
    message: {
      en: 'The monitoring section never mentions system health: watch the prediction service’s latency, error rate and throughput like any other backend service.',
      uz: 'Monitoring boʻlimida tizim holati tilga olinmagan: bashorat xizmatining kechikishi, xatolar ulushi va oʻtkazuvchanligini boshqa har qanday backend xizmati kabi kuzating.',
    },
  },
]

/** The sections whose heading speaks of monitoring ("Monitoring", "Model monitoring", "Modelni monitoring qilish"). */
function monitoringSections(doc: LintContext): LintSection[] {
  return doc.sections.filter((s) => /\bmonitoring\b/i.test(s.title))
}

/**
 * A monitoring section that misses system health, data drift, model performance or a business KPI.
 * Every section titled "monitoring" counts (with its subsections); findings point at the first.
 */
export const monitoringSignalMissing: DocumentLintRule = {
  id: 'monitoring-signal-missing',
  severity: 'warning',
  description: { en: 'The monitoring section misses data drift, model performance, a business KPI or system health.', uz: 'Monitoring boʻlimida maʼlumotlar dreyfi, model samaradorligi, biznes KPI yoki tizim holati yoʻq.' },
  check: (doc) => {
    const sections = monitoringSections(doc)
    const section = sections[0]
    if (!section) return []
    const inside = (pos: number) => sections.some((s) => s.pos <= pos && pos < s.end)
    const statements = doc.statements.filter((s) => inside(s.pos))
    const layers = new Set(doc.blocksOf('metric').filter((m) => inside(m.pos)).map((m) => m.attr('layer')))
    const hits: RuleHit[] = []
    for (const signal of SIGNALS) {
      if ((signal.layer && layers.has(signal.layer)) || statements.some((s) => signal.words.test(s.folded))) continue
      hits.push({ pos: section.pos, target: section.target, message: signal.message })
    }
    return hits
  },
}
