import type { Code } from 'mdast'

/**
 * A code block's language attribute as a fence's info string: the first word is the language,
 * the rest the meta (` ```js title="x" ` keeps `js title="x"` as the language attribute).
 */
export function fenceInfo(language: unknown): Pick<Code, 'lang' | 'meta'> {
  const info = typeof language === 'string' ? language.trim() : ''
  if (!info) return { lang: null, meta: null }
  const space = info.search(/[ \t]/)
  return space < 0 ? { lang: info, meta: null } : { lang: info.slice(0, space), meta: info.slice(space + 1).trim() || null }
}

/** A fence's info string as a code block's language attribute (null when there is none). */
export function fenceLanguage(code: Code): string | null {
  if (!code.lang) return null
  return code.meta ? `${code.lang} ${code.meta}` : code.lang
}
