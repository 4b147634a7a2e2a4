import type { Labels, Lang } from '../../core/i18n.js'

/**
 * Text the block views show that no spec carries: column headings, button names, notes.
 * Field, choice and block names come from the core specs' Labels; only view chrome lives here.
 */
export const VIEW_LABELS = {
  notChosen: { en: '— not set —', uz: '— tanlanmagan —' },
  criterion: { en: 'Criterion', uz: 'Mezon' },
  computedLevel: { en: 'Computed level', uz: 'Hisoblangan daraja' },
  catalogSuggestions: { en: 'Suggestions from the catalog', uz: 'Katalogdan takliflar' },
  chooseCategoryFirst: { en: 'Choose a category to see the catalog’s tools; any tool name may be typed.', uz: 'Katalog vositalarini koʻrish uchun toifani tanlang; istalgan vosita nomini yozish mumkin.' },
  noCatalogTools: { en: 'The catalog has no suggestions for this category; type the tool.', uz: 'Katalogda bu toifa uchun taklif yoʻq; vositani yozing.' },
  addOption: { en: 'Add option', uz: 'Variant qoʻshish' },
  addCriterion: { en: 'Add criterion', uz: 'Mezon qoʻshish' },
  weightedTotal: { en: 'Weighted total', uz: 'Vaznli jami' },
  unnamedOption: { en: 'Option', uz: 'Variant' },
  mermaidSource: { en: 'Mermaid source', uz: 'Mermaid manbasi' },
  diagram: { en: 'Diagram', uz: 'Diagramma' },
  diagramError: { en: 'The diagram has an error', uz: 'Diagrammada xato bor' },
  diagramEmpty: { en: 'Write a Mermaid flowchart to see the diagram.', uz: 'Diagrammani koʻrish uchun Mermaid sxemasini yozing.' },
  diagramRendering: { en: 'Drawing the diagram…', uz: 'Diagramma chizilmoqda…' },
} as const satisfies Record<string, Labels>

/** "3 of 11 criteria not rated" and other phrases made with a count or a name. */
export const COUNTED_LABELS = {
  unrated: (n: number, lang: Lang) => (lang === 'uz' ? `${n} ta mezon baholanmagan` : `${n} ${n === 1 ? 'criterion' : 'criteria'} not rated`),
  counted: (n: number, of: number, lang: Lang) => (lang === 'uz' ? `${of} ta mezondan ${n} tasi` : `${n} of ${of} criteria`),
  levelMismatch: (claimed: string, computed: string, lang: Lang) =>
    lang === 'uz'
      ? `Daʼvo qilingan daraja (${claimed}) hisoblangan darajadan (${computed}) farq qiladi: umumiy daraja eng past mezon darajasidir.`
      : `The claimed level (${claimed}) differs from the computed level (${computed}): the overall level is the lowest criterion level.`,
  suggestionsFor: (category: string, lang: Lang) => (lang === 'uz' ? `${category}: katalogdan takliflar` : `Suggestions from the catalog for ${category}`),
  useTool: (tool: string, lang: Lang) => (lang === 'uz' ? `${tool} ni tanlash` : `Choose ${tool}`),
  /** A task item's checkbox, named after the item's text. */
  taskItem: (text: string, lang: Lang) => (lang === 'uz' ? `Vazifa: ${text || 'boʻsh vazifa'}` : `Task: ${text || 'empty task'}`),
} as const
