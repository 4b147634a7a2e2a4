import type { Node as PMNode } from '@tiptap/pm/model'
import { BLOCKS } from '../../blocks/registry.js'
import { foldLabel, type Labels } from '../../i18n.js'
import type { DocumentLintRule, RuleHit } from '../rule.js'
import { sectionTarget } from '../targets.js'

/** Markers people leave for unfinished work. */
const UNFINISHED = /\b(?:TBD|TODO|FIXME)\b/i

/** Longest guidance or placeholder text quoted in a message. */
const MAX_QUOTE = 50

/** Every field hint of every block, folded: a field whose text is its own hint was never filled in. */
const HINTS: ReadonlySet<string> = new Set(BLOCKS.flatMap((b) => b.spec.fields.flatMap((f) => [foldLabel(f.hint.en), foldLabel(f.hint.uz)])))

/** An open heading while walking the document: what a node below it belongs to. */
interface OpenHeading {
  readonly level: number
  readonly done: boolean
  readonly guidance: string | null
  readonly title: string
}

function short(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > MAX_QUOTE ? `${line.slice(0, MAX_QUOTE - 1)}…` : line
}

/** What is left over in a node, in words, or null. */
function leftover(node: PMNode, headings: readonly OpenHeading[]): Labels | null {
  const text = node.isLeaf ? '' : node.textBetween(0, node.content.size, '\n', '\n')
  const unfinished = UNFINISHED.exec(text)
  if (unfinished) return { en: `"${unfinished[0]}"`, uz: `"${unfinished[0]}"` }
  if (node.type.name !== 'heading') {
    const folded = foldLabel(text)
    const guidance = headings.map((h) => h.guidance).find((g) => g !== null && folded.includes(foldLabel(g)))
    if (guidance) return { en: `the template's guidance "${short(guidance)}"`, uz: `shablon koʻrsatmasi "${short(guidance)}"` }
  }
  let placeholder: string | null = null
  node.descendants((child) => {
    if (placeholder === null && child.type.name === 'blockField' && child.textContent.trim() && HINTS.has(foldLabel(child.textContent))) {
      placeholder = child.textContent.trim()
    }
    return placeholder === null
  })
  if (placeholder !== null) return { en: `the placeholder "${short(placeholder)}"`, uz: `"${short(placeholder)}" namuna matni` }
  return null
}

/** A section marked done still holds TODO/TBD, the template's guidance, or a field's placeholder. */
export const leftoverInDoneSection: DocumentLintRule = {
  id: 'leftover-in-done-section',
  severity: 'error',
  description: { en: 'A section marked done still contains TBD, TODO or leftover template text.', uz: 'Bajarilgan deb belgilangan boʻlimda hali TBD, TODO yoki shablondan qolgan matn bor.' },
  check: (doc) => {
    const open: OpenHeading[] = []
    const hits: RuleHit[] = []
    for (const { node, pos } of doc.topNodes) {
      if (node.type.name === 'heading') {
        const level = Number(node.attrs.level)
        while ((open.at(-1)?.level ?? 0) >= level) open.pop()
        const guidance = typeof node.attrs.guidance === 'string' && node.attrs.guidance.trim() ? node.attrs.guidance : null
        open.push({ level, done: node.attrs.done === true, guidance, title: node.textContent.trim() })
      }
      if (!open.some((h) => h.done)) continue
      const what = leftover(node, open)
      if (!what) continue
      hits.push({
        pos,
        target: sectionTarget(open.at(-1)!.title),
        message: {
          en: `This section is marked done but still contains ${what.en}: finish or remove it, or unmark the section until it is really done.`,
          uz: `Bu boʻlim bajarilgan deb belgilangan, lekin unda hali ham ${what.uz} bor: uni tugating yoki olib tashlang, yoki boʻlim rostdan tayyor boʻlguncha belgini olib tashlang.`,
        },
      })
    }
    return hits
  },
}
