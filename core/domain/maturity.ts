import type { Labels } from '../i18n.js'

/** A criterion of Google's MLOps maturity model, with what each level (0, 1, 2) looks like. */
export interface MaturityCriterionInfo {
  readonly id: string
  readonly label: Labels
  readonly levels: readonly [Labels, Labels, Labels]
}

/** MLOps maturity levels, 0 to 2 (Google Cloud, "MLOps: Continuous delivery and automation pipelines"). */
export const MATURITY_LEVELS = ['0', '1', '2'] as const
/** An MLOps maturity level. */
export type MaturityLevel = (typeof MATURITY_LEVELS)[number]

/** The criteria a maturity assessment rates, in order. */
export const MATURITY_CRITERIA: readonly MaturityCriterionInfo[] = [
  { id: 'pipeline-execution', label: { en: 'Pipeline execution', uz: 'Pipeline bajarilishi' }, levels: [
    { en: 'Manual, notebook-driven', uz: 'Qoʻlda, notebook orqali' },
    { en: 'Orchestrated steps, automated transitions', uz: 'Orkestratsiya qilingan bosqichlar, avtomatik oʻtishlar' },
    { en: 'Orchestrated; pipeline code built, tested and deployed by CI/CD', uz: 'Orkestratsiya; pipeline kodi CI/CD orqali quriladi, sinaladi va joylanadi' } ] },
  { id: 'deployed-artifact', label: { en: 'What is deployed', uz: 'Nima joylashtiriladi' }, levels: [
    { en: 'A trained model as a service', uz: 'Oʻqitilgan model xizmat sifatida' },
    { en: 'The whole training pipeline, running recurrently', uz: 'Butun oʻqitish pipelinei, muntazam ishlaydi' },
    { en: 'New pipeline implementations, automatically', uz: 'Yangi pipeline versiyalari, avtomatik' } ] },
  { id: 'continuous-training', label: { en: 'Continuous training', uz: 'Uzluksiz oʻqitish' }, levels: [
    { en: 'None; a new model a few times a year', uz: 'Yoʻq; yiliga bir necha marta yangi model' },
    { en: 'Triggered by schedule, new data, performance drop or drift', uz: 'Jadval, yangi maʼlumot, sifat pasayishi yoki dreyf bilan ishga tushadi' },
    { en: 'Triggered as at level 1', uz: '1-darajadagidek ishga tushadi' } ] },
  { id: 'data-validation', label: { en: 'Data validation', uz: 'Maʼlumotlarni tekshirish' }, levels: [
    { en: 'None', uz: 'Yoʻq' },
    { en: 'Automated schema and value-skew checks', uz: 'Sxema va qiymat ogʻishlarining avtomatik tekshiruvi' },
    { en: 'Automated, also in CD', uz: 'Avtomatik, CD ichida ham' } ] },
  { id: 'model-validation', label: { en: 'Model validation', uz: 'Modelni tekshirish' }, levels: [
    { en: 'Manual', uz: 'Qoʻlda' },
    { en: 'Automated against the baseline and current model, per segment; canary or A/B', uz: 'Bazaviy va joriy modelga nisbatan segmentlar boʻyicha avtomatik; canary yoki A/B' },
    { en: 'Automated as at level 1', uz: '1-darajadagidek avtomatik' } ] },
  { id: 'dev-prod-symmetry', label: { en: 'Dev/prod symmetry', uz: 'Dev/prod simmetriyasi' }, levels: [
    { en: 'Notebooks', uz: 'Notebooklar' },
    { en: 'Same pipeline in dev, pre-prod and prod; modular components', uz: 'Dev, pre-prod va prodda bir xil pipeline; modulli komponentlar' },
    { en: 'Same pipeline everywhere', uz: 'Hamma joyda bir xil pipeline' } ] },
  { id: 'metadata-store', label: { en: 'Metadata store', uz: 'Metamaʼlumotlar ombori' }, levels: [
    { en: 'None', uz: 'Yoʻq' },
    { en: 'Versions, parameters, artifacts and metrics recorded', uz: 'Versiyalar, parametrlar, artefaktlar va metrikalar yoziladi' },
    { en: 'Recorded as at level 1', uz: '1-darajadagidek yoziladi' } ] },
  { id: 'feature-store', label: { en: 'Feature store', uz: 'Belgilar ombori' }, levels: [
    { en: 'None', uz: 'Yoʻq' },
    { en: 'Optional', uz: 'Ixtiyoriy' },
    { en: 'Part of the stack', uz: 'Stek tarkibida' } ] },
  { id: 'ci', label: { en: 'Continuous integration', uz: 'Uzluksiz integratsiya (CI)' }, levels: [
    { en: 'None', uz: 'Yoʻq' },
    { en: 'Pipeline tested manually', uz: 'Pipeline qoʻlda sinaladi' },
    { en: 'Automated unit, convergence, artifact and integration tests', uz: 'Avtomatik unit, yaqinlashish, artefakt va integratsiya testlari' } ] },
  { id: 'cd', label: { en: 'Continuous delivery', uz: 'Uzluksiz yetkazib berish (CD)' }, levels: [
    { en: 'None', uz: 'Yoʻq' },
    { en: 'Handed over, deployed manually', uz: 'Topshiriladi, qoʻlda joylanadi' },
    { en: 'Automated, with API, load and data tests; staged promotion', uz: 'Avtomatik, API, yuklama va maʼlumot testlari bilan; bosqichma-bosqich' } ] },
  { id: 'monitoring', label: { en: 'Monitoring', uz: 'Monitoring' }, levels: [
    { en: 'Predictions not tracked', uz: 'Bashoratlar kuzatilmaydi' },
    { en: 'Monitoring triggers retraining', uz: 'Monitoring qayta oʻqitishni ishga tushiradi' },
    { en: 'Monitoring triggers the pipeline or a new experiment cycle', uz: 'Monitoring pipeline yoki yangi tajriba siklini ishga tushiradi' } ] },
]

/** The computed maturity level: the lowest level rated, or null while any criterion is unrated. */
export function computedMaturityLevel(levels: readonly (string | null)[]): MaturityLevel | null {
  if (levels.length === 0 || levels.some((l) => l === null || !(MATURITY_LEVELS as readonly string[]).includes(l))) return null
  return String(Math.min(...levels.map(Number))) as MaturityLevel
}
