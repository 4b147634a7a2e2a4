/**
 * How a link target is written as a Markdown link destination. `<` and `>` are percent-encoded:
 * written as they are, a target such as `<script>...` is not a destination CommonMark accepts,
 * so the link breaks and a renderer with raw HTML on reads the rest as HTML. Browsers read `%3C`
 * and `%3E` as the characters they encode, so the link goes where it went. (A target with spaces
 * or other controls is written in pointy brackets, `<a b>`, by the writer.)
 */

/** The encodings {@link linkDestination} writes, in either case of hex. */
const ENCODED = /%3c|%3e/gi

/**
 * A link target as a destination: `<` as `%3C`, `>` as `%3E`. A target that holds these
 * encodings already gets them in upper case, as they will be written after a round trip (the
 * importer reads them as `<` and `>`), so the export stays the same bytes.
 */
export function linkDestination(href: string): string {
  if (!/[<>%]/.test(href)) return href
  return href.replace(/<|>|%3c|%3e/gi, (found) => (found === '<' || found.toLowerCase() === '%3c' ? '%3C' : '%3E'))
}

/** A destination read back as the link target: `%3C` and `%3E` become `<` and `>` again; other `%XX` stay. */
export function linkTarget(destination: string): string {
  return destination.includes('%') ? destination.replace(ENCODED, (code) => (code[2] === 'c' || code[2] === 'C' ? '<' : '>')) : destination
}
