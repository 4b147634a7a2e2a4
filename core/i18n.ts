/** The languages MLDoc documents and templates are written in. */
export const LANGS = ['en', 'uz'] as const
/** A document or UI language. */
export type Lang = (typeof LANGS)[number]
/** One text in every supported language. */
export type Labels = Readonly<Record<Lang, string>>

/** Narrows an unknown value to a supported language. */
export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value)
}

const APOSTROPHES = /[\u2018\u2019\u02BB\u02BC\u0060\u00B4]/g

/**
 * Folds a label for matching: lower case, one kind of apostrophe, single spaces.
 * Uzbek Latin is typed with ʻ, ʼ, ’ or a plain ' depending on the keyboard; all match.
 */
export function foldLabel(text: string): string {
  return text.normalize('NFC').replace(APOSTROPHES, "'").replace(/\s+/g, ' ').trim().toLowerCase()
}
