import type { BlockType } from '../blocks/define.js'
import { toolCategory } from '../domain/catalog.js'
import { LIFECYCLE_STAGES } from '../domain/lifecycle.js'
import type { Labels } from '../i18n.js'

/** Longest name quoted in a target; longer names are cut with an ellipsis. */
const MAX_NAME = 60

/** What each block type is called in a target, and which field or attribute names it. */
const KINDS: Record<BlockType, Labels> = {
  metric: { en: 'metric', uz: 'metrika' },
  toolChoice: { en: 'tool choice', uz: 'vosita tanlovi' },
  lifecycleStage: { en: 'stage', uz: 'bosqich' },
  maturityAssessment: { en: 'maturity assessment', uz: 'yetuklikni baholash' },
  risk: { en: 'risk', uz: 'xavf' },
  comparisonMatrix: { en: 'comparison', uz: 'taqqoslash' },
  architecture: { en: 'architecture diagram', uz: 'arxitektura diagrammasi' },
}

function quote(name: string): string {
  const oneLine = name.replace(/\s+/g, ' ').trim()
  return `"${oneLine.length > MAX_NAME ? `${oneLine.slice(0, MAX_NAME - 1)}…` : oneLine}"`
}

/** `kind "name"`, or `kind #n` while the block has no name. */
function named(kind: Labels, name: Labels | string, ordinal: number): Labels {
  const text = typeof name === 'string' ? { en: name, uz: name } : name
  return {
    en: text.en ? `${kind.en} ${quote(text.en)}` : `${kind.en} #${ordinal}`,
    uz: text.uz ? `${kind.uz} ${quote(text.uz)}` : `${kind.uz} #${ordinal}`,
  }
}

/** The target naming a structured block: its kind and its name (metric name, chosen tool, stage...). */
export function blockTarget(
  type: BlockType,
  ordinal: number,
  attr: (name: string) => string | null,
  field: (name: string) => string,
): Labels {
  const kind = KINDS[type]
  switch (type) {
    case 'metric':
      return named(kind, field('name'), ordinal)
    case 'toolChoice':
      return named(kind, field('chosen') || (toolCategory(attr('category'))?.label ?? ''), ordinal)
    case 'lifecycleStage':
      return named(kind, stageName(attr('stage')), ordinal)
    case 'risk':
      return named(kind, field('description'), ordinal)
    case 'comparisonMatrix':
      return named(kind, field('subject'), ordinal)
    case 'maturityAssessment':
    case 'architecture':
      return ordinal === 1 ? kind : named(kind, '', ordinal)
  }
}

/** A lifecycle stage as `4. Model development`, in every language ('' for an unknown id). */
export function stageName(id: string | null): Labels {
  const stage = LIFECYCLE_STAGES.find((s) => s.id === id)
  return stage ? { en: `${stage.id}. ${stage.label.en}`, uz: `${stage.id}. ${stage.label.uz}` } : { en: '', uz: '' }
}

/** The target of a stage as a whole, e.g. `stage "6. Model deployment"`. */
export function stageTarget(id: string): Labels {
  return named(KINDS.lifecycleStage, stageName(id), Number(id))
}

/** The target naming a section by its heading. */
export function sectionTarget(title: string): Labels {
  return title ? { en: `section ${quote(title)}`, uz: `boʻlim ${quote(title)}` } : { en: 'untitled section', uz: 'nomsiz boʻlim' }
}

/** The target naming the whole document by its title. */
export function documentTarget(title: string): Labels {
  return title.trim() ? { en: `document ${quote(title)}`, uz: `hujjat ${quote(title)}` } : { en: 'document', uz: 'hujjat' }
}
