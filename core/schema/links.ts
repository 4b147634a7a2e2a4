/**
 * The link targets MLDoc keeps: http(s), mailto, and relative references (paths, `#anchors`,
 * `?queries`). Everything else (`javascript:`, `data:`, `vbscript:`, `file:`...) is refused on
 * paste, on command, on import and on export.
 */
export function isSafeHref(href: string): boolean {
  // Browsers ignore ASCII control characters and spaces inside a scheme: strip them first.
  const cleaned = href.replace(/[\u0000-\u0020\u007f]/g, '')
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)
  if (!scheme) return true
  const name = scheme[1]!.toLowerCase()
  return name === 'http' || name === 'https' || name === 'mailto'
}
