/** One line of a unified diff, by what it is. */
export interface DiffLine {
  /** `header`: the file lines before the first hunk; `hunk`: an `@@` line; `note`: `\ No newline at end of file`. */
  readonly kind: 'header' | 'hunk' | 'added' | 'removed' | 'context' | 'note'
  readonly text: string
}

/** A unified diff (git format, one file) read line by line, with how many lines it adds and removes. */
export interface ParsedDiff {
  readonly lines: readonly DiffLine[]
  readonly added: number
  readonly removed: number
}

/**
 * Reads a unified diff as `git diff` prints it. Everything before the first `@@` is the header
 * (so `--- a/...` and `+++ b/...` are not counted as changed lines); inside hunks a line is told
 * by its first character.
 */
export function parseUnifiedDiff(diff: string): ParsedDiff {
  const text = diff.endsWith('\n') ? diff.slice(0, -1) : diff
  if (text === '') return { lines: [], added: 0, removed: 0 }
  let inHunks = false
  let added = 0
  let removed = 0
  const lines = text.split('\n').map((line): DiffLine => {
    if (line.startsWith('@@')) {
      inHunks = true
      return { kind: 'hunk', text: line }
    }
    if (!inHunks) return { kind: 'header', text: line }
    if (line.startsWith('+')) {
      added++
      return { kind: 'added', text: line }
    }
    if (line.startsWith('-')) {
      removed++
      return { kind: 'removed', text: line }
    }
    if (line.startsWith('\\')) return { kind: 'note', text: line }
    return { kind: 'context', text: line }
  })
  return { lines, added, removed }
}
