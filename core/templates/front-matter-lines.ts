/**
 * Where each top-level key of a Markdown file's front matter is written, as 1-based line
 * numbers, so a template error can point at the line to fix. Empty when the file has no
 * front matter. Only plain `key:` lines at the start of a line count: that is how MLDoc and
 * people write front matter, and anything cleverer is the YAML parser's business.
 */
export function frontMatterKeyLines(text: string): ReadonlyMap<string, number> {
  const lines = text.split(/\r?\n/)
  const keys = new Map<string, number>()
  if (lines[0]?.trim() !== '---') return keys
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!
    if (line.trim() === '---') break
    const key = /^([A-Za-z_][\w-]*)\s*:/.exec(line)?.[1]
    if (key !== undefined && !keys.has(key)) keys.set(key, i + 1)
  }
  return keys
}
