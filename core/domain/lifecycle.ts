import type { Labels } from '../i18n.js'

/** One of the eight stages of the ML lifecycle, with the concerns its checklist starts from. */
export interface LifecycleStageInfo {
  readonly id: '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8'
  readonly label: Labels
  readonly concerns: readonly Labels[]
  /** Role that usually owns the stage. */
  readonly usualOwner: RoleId
}

/** Team roles of an ML project. */
export const ROLES = [
  { id: 'data-engineer', label: { en: 'Data Engineer', uz: 'Maʼlumotlar muhandisi' } },
  { id: 'ml-engineer', label: { en: 'ML Engineer', uz: 'ML muhandisi' } },
  { id: 'data-scientist', label: { en: 'Data Scientist', uz: 'Maʼlumotlar olimi' } },
  { id: 'product-owner', label: { en: 'Product Owner', uz: 'Mahsulot egasi' } },
] as const satisfies readonly { id: string; label: Labels }[]
/** Id of a team role. */
export type RoleId = (typeof ROLES)[number]['id']

/** The ML lifecycle, in order. */
export const LIFECYCLE_STAGES: readonly LifecycleStageInfo[] = [
  {
    id: '1',
    label: { en: 'Problem definition', uz: 'Muammoni aniqlash' },
    usualOwner: 'product-owner',
    concerns: [
      { en: 'Business problem stated', uz: 'Biznes muammosi bayon qilingan' },
      { en: 'Business problem translated into an ML problem', uz: 'Biznes muammosi ML masalasiga aylantirilgan' },
      { en: 'Online and offline success metrics agreed', uz: 'Onlayn va oflayn muvaffaqiyat metrikalari kelishilgan' },
    ],
  },
  {
    id: '2',
    label: { en: 'Data collection', uz: 'Maʼlumotlarni yigʻish' },
    usualOwner: 'data-engineer',
    concerns: [
      { en: 'Data sources identified', uz: 'Maʼlumot manbalari aniqlangan' },
      { en: 'Sampling strategy chosen', uz: 'Tanlab olish strategiyasi tanlangan' },
      { en: 'Privacy and compliance reviewed', uz: 'Maxfiylik va muvofiqlik koʻrib chiqilgan' },
    ],
  },
  {
    id: '3',
    label: { en: 'Data preparation', uz: 'Maʼlumotlarni tayyorlash' },
    usualOwner: 'data-engineer',
    concerns: [
      { en: 'Cleaning and transformation', uz: 'Tozalash va oʻzgartirish' },
      { en: 'Feature engineering', uz: 'Belgilar muhandisligi' },
      { en: 'Train/validation/test split', uz: 'Oʻqitish/validatsiya/test boʻlinmasi' },
      { en: 'Data versioning', uz: 'Maʼlumotlarni versiyalash' },
    ],
  },
  {
    id: '4',
    label: { en: 'Model development', uz: 'Modelni ishlab chiqish' },
    usualOwner: 'data-scientist',
    concerns: [
      { en: 'Simple baseline model', uz: 'Oddiy bazaviy model' },
      { en: 'Algorithm selection', uz: 'Algoritm tanlash' },
      { en: 'Hyperparameter tuning', uz: 'Giperparametrlarni sozlash' },
      { en: 'Experiment tracking', uz: 'Tajribalarni kuzatish' },
      { en: 'Reproducibility', uz: 'Qayta tiklanuvchanlik' },
    ],
  },
  {
    id: '5',
    label: { en: 'Model evaluation', uz: 'Modelni baholash' },
    usualOwner: 'data-scientist',
    concerns: [
      { en: 'Offline metrics against the baseline', uz: 'Bazaviy modelga nisbatan oflayn metrikalar' },
      { en: 'Bias and fairness analysis by slice', uz: 'Segmentlar boʻyicha xolislik tahlili' },
      { en: 'Edge-case testing', uz: 'Chekka holatlarni sinash' },
      { en: 'Stakeholder review', uz: 'Manfaatdor tomonlar koʻrigi' },
    ],
  },
  {
    id: '6',
    label: { en: 'Model deployment', uz: 'Modelni joylashtirish' },
    usualOwner: 'ml-engineer',
    concerns: [
      { en: 'Containerization', uz: 'Konteynerlash' },
      { en: 'Orchestration', uz: 'Orkestratsiya' },
      { en: 'Serving framework', uz: 'Xizmat koʻrsatish freymvorki' },
      { en: 'API design', uz: 'API dizayni' },
    ],
  },
  {
    id: '7',
    label: { en: 'Model monitoring', uz: 'Modelni monitoring qilish' },
    usualOwner: 'ml-engineer',
    concerns: [
      { en: 'Model performance metrics', uz: 'Model samaradorligi metrikalari' },
      { en: 'Data drift', uz: 'Maʼlumotlar dreyfi' },
      { en: 'Concept drift', uz: 'Konsepsiya dreyfi' },
      { en: 'Business KPIs', uz: 'Biznes KPI koʻrsatkichlari' },
      { en: 'Prediction logging', uz: 'Bashoratlarni jurnalga yozish' },
    ],
  },
  {
    id: '8',
    label: { en: 'Continuous improvement', uz: 'Uzluksiz takomillashtirish' },
    usualOwner: 'ml-engineer',
    concerns: [
      { en: 'A/B testing', uz: 'A/B sinovi' },
      { en: 'Shadow deployment', uz: 'Soya rejimida joylashtirish' },
      { en: 'Champion-challenger', uz: 'Chempion va daʼvogar' },
      { en: 'Automated retraining', uz: 'Avtomatik qayta oʻqitish' },
    ],
  },
]
