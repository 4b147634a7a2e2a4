import type { BlockSpec } from '../blocks/define.js'
import type { Labels } from '../i18n.js'

/** A number with its unit, read from a field such as `0.42`, `42%`, `120 ms`, `1,200` or `$3.5`. */
export interface Quantity {
  readonly value: number
  /** Lower-cased unit ('' for a bare number); two quantities compare only when their units match. */
  readonly unit: string
}

const QUANTITY = /^(?:[<>≤≥~≈]=?\s*)?([$€£])?\s*([-+−]?)(\d[\d,]*(?:\.\d+)?|\.\d+)\s*(%|[\p{L}µ][\p{L}µ./ ]*?)?$/u

/**
 * Reads a field that holds one value: an optional comparison (`≥ 0.5`), an optional currency, a
 * number and an optional unit, with a trailing remark in brackets allowed (`0.31 (heuristic)`).
 * A comma followed by groups of three digits separates thousands (`1,200`); any other comma is a
 * decimal comma, as Uzbek writes it (`0,42`). Anything else (ranges, words) is not a quantity.
 */
export function parseQuantity(text: string): Quantity | null {
  const m = QUANTITY.exec(text.replace(/\s*\([^)]*\)\s*$/, '').trim())
  if (!m) return null
  const [, currency, sign, digits, unit] = m
  let number: string
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(digits!)) number = digits!.replace(/,/g, '')
  else if (/^\d+,\d+$/.test(digits!)) number = digits!.replace(',', '.')
  else if (digits!.includes(',')) return null
  else number = digits!
  const value = Number(number) * (sign === '-' || sign === '−' ? -1 : 1)
  if (!Number.isFinite(value)) return null
  return { value, unit: `${currency ?? ''}${unit ?? ''}`.trim().toLowerCase() }
}

/** "and" in a list of things present; "or" in a list of things missing ("no baseline, target or direction"). */
export type ListConjunction = 'and' | 'or'

const CONJUNCTIONS: Record<ListConjunction, Labels> = { and: { en: 'and', uz: 'va' }, or: { en: 'or', uz: 'va' } }

/** Joins names as `a, b and c` (or `a, b or c`) in English and `a, b va c` in Uzbek. */
export function joinLabels(items: readonly Labels[], conjunction: ListConjunction = 'and'): Labels {
  const join = (parts: string[], word: string) =>
    parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} ${word} ${parts.at(-1)}`
  const word = CONJUNCTIONS[conjunction]
  return { en: join(items.map((i) => i.en), word.en), uz: join(items.map((i) => i.uz), word.uz) }
}

/** A field's or attribute's label as it reads inside a sentence: `baseline`, `bazaviy qiymat`. */
export function inlineLabel(spec: BlockSpec, name: string): Labels {
  const label = spec.fields.find((f) => f.name === name)?.label ?? spec.attrs.find((a) => a.name === name)?.label
  if (!label) throw new Error(`block ${spec.type} has no field or attribute ${name}`)
  const lower = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s)
  return { en: lower(label.en), uz: lower(label.uz) }
}

/** Words meaning "by hand" in folded text: a stage done manually, a tool choice of "manual". */
export const MANUAL_WORDS = /\bmanual(?:ly)?\b|qo'lda/

/** The same words in both languages (a quoted name, a number). */
export function same(text: string): Labels {
  return { en: text, uz: text }
}
