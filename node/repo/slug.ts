/** The slug of a document nobody has given a usable title. */
export const FALLBACK_SLUG = 'design-doc'

/** Longest slug: short enough for a file name, a Kubernetes name and a Docker image name. */
export const MAX_SLUG_LENGTH = 60

/** Uzbek and Russian Cyrillic letters in Latin, as Uzbek Latin writes them (ш -> sh, ч -> ch, ў -> o). */
const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'j', з: 'z', и: 'i', й: 'y', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'x', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'sh', ъ: '', ы: 'i', ь: '', э: 'e', ю: 'yu', я: 'ya', ў: 'o', қ: 'q', ғ: 'g',
  ҳ: 'h',
}

/**
 * Apostrophes and the Uzbek modifier letters: `oʻ` and `gʻ` become `o` and `g`, and the tutuq
 * belgisi `ʼ` (as in `maʼlumot`) disappears, so a word is not split by a dash.
 */
const APOSTROPHES = /['\u2018\u2019\u02BB\u02BC\u0060\u00B4]/g

/**
 * A file-name slug made from a document title: lower-case ASCII letters and digits joined by
 * `separator` (`-` by default). Uzbek letters are transliterated (`oʻ` -> `o`, `gʻ` -> `g`, Cyrillic
 * `ш` -> `sh`, `ч` -> `ch`...), other accents dropped, anything else becomes the separator,
 * repeated separators collapse, the ends are trimmed, and the result is at most
 * {@link MAX_SLUG_LENGTH} characters. A title with nothing usable gives `fallback`.
 */
export function slugify(title: string, options: { separator?: '-' | '_'; fallback?: string } = {}): string {
  const separator = options.separator ?? '-'
  const latin = [...title.normalize('NFC').toLowerCase().replace(APOSTROPHES, '')]
    .map((char) => CYRILLIC[char] ?? char)
    .join('')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
  const trim = (text: string) => text.replace(/^[-_]+|[-_]+$/g, '')
  const words = trim(latin.replace(/[^a-z0-9]+/g, separator))
  const slug = trim(words.slice(0, MAX_SLUG_LENGTH))
  return slug || (options.fallback ?? FALLBACK_SLUG)
}
