import { MLDocError } from '../errors.js'

/**
 * Deepest nesting of block quotes and list items (counted together) that MLDoc imports. Real
 * documents stay under ten (the templates and the shared corpus reach 2). Far deeper input is
 * refused before parsing: the Markdown parser slows down sharply with depth (3,000 nested list
 * items take it over 50 s) and building the document recurses once per level, so 3,000 nested
 * quotes overflow the stack.
 */
export const MAX_NESTING = 100

/** How deep block quotes and list items may nest in Markdown, and the first line that deep. */
export interface Nesting {
  readonly depth: number
  readonly line: number
}

const isSpace = (char: string | undefined) => char === ' ' || char === '\t'

/** The column after `char` at `column`: tabs stop every 4 columns. */
const columnAfter = (char: string, column: number) => (char === '\t' ? column + 4 - (column % 4) : column + 1)

/** Whether the line from `index` on is a thematic break (`---`, `* * *`, `___`), which is not a list marker. */
function isThematicBreak(line: string, index: number): boolean {
  const char = line[index]
  if (char !== '-' && char !== '*' && char !== '_') return false
  let count = 0
  for (let i = index; i < line.length; i++) {
    if (line[i] === char) count++
    else if (!isSpace(line[i])) return false
  }
  return count >= 3
}

/** The index just past a list marker at `index` (`-`, `+`, `*`, or 1-9 digits and `.` or `)`) followed by a space or the end of the line, or -1. */
function listMarkerEnd(line: string, index: number): number {
  const char = line[index]
  let end = -1
  if (char === '-' || char === '+' || char === '*') {
    end = index + 1
  } else {
    let digits = index
    while (digits < line.length && digits - index < 9 && line[digits]! >= '0' && line[digits]! <= '9') digits++
    if (digits > index && (line[digits] === '.' || line[digits] === ')')) end = digits + 1
  }
  return end >= 0 && (end === line.length || isSpace(line[end])) ? end : -1
}

/** How deep the start of a line can be nested, and where its content begins. */
interface LineStart {
  readonly depth: number
  readonly content: number
}

/**
 * How many block quotes and list items the start of a line can be inside, stopping past
 * `limit`: one for each quote marker `>` (with the space after it), one for each list marker
 * (with up to 4 spaces after it) and, with `indentation`, one for every two other columns of
 * indentation (a list item that a line continues takes at least two). A line is never more
 * deeply nested than this, whatever the lines before it, since every container a line continues
 * or opens takes its `>`, its marker or its indentation from that line.
 */
function lineStart(line: string, limit: number, indentation: boolean): LineStart {
  let depth = 0
  let spaces = 0
  let column = 0
  let index = 0
  while (depth + (spaces >> 1) <= limit && index < line.length) {
    const char = line[index]!
    if (isSpace(char)) {
      const next = columnAfter(char, column)
      if (indentation) spaces += next - column
      column = next
      index++
    } else if (char === '>') {
      depth++
      column++
      index++
      if (line[index] === ' ') {
        column++
        index++
      }
    } else {
      const end = isThematicBreak(line, index) ? -1 : listMarkerEnd(line, index)
      if (end < 0) break
      depth++
      column += end - index
      index = end
      // Up to 4 spaces after the marker belong to it; more start indented code in the item.
      let after = column
      let content = index
      while (isSpace(line[content]) && after - column < 5) after = columnAfter(line[content++]!, after)
      if (after - column > 4) break
      column = after
      index = content
    }
  }
  return { depth: depth + (spaces >> 1), content: index }
}

/** An open fenced code block: its fence character and length. */
interface Fence {
  readonly char: string
  readonly length: number
}

/** The fence (three or more `` ` `` or `~`) that opens a code block at `index`, if any. */
function openingFence(line: string, index: number): Fence | undefined {
  const char = line[index]
  if (char !== '`' && char !== '~') return undefined
  let end = index
  while (line[end] === char) end++
  if (end - index < 3 || (char === '`' && line.includes('`', end))) return undefined
  return { char, length: end - index }
}

/** Whether the line's content from `index` closes `fence`: its character, at least as many, then only spaces. */
function closesFence(line: string, index: number, fence: Fence): boolean {
  let end = index
  while (line[end] === fence.char) end++
  return end - index >= fence.length && line.slice(end).trim() === ''
}

/** The number of lines of YAML front matter (both `---` lines included) at the start, or 0. */
function frontMatterLines(lines: readonly string[]): number {
  if (lines[0] !== '---') return 0
  const close = lines.indexOf('---', 1)
  return close < 0 ? 0 : close + 1
}

/**
 * How deep block quotes and list items (counted together) can nest in Markdown: the largest
 * {@link lineStart} depth of its lines after the front matter, and the first line that reaches
 * it. It can count deeper than the parser nests (indented code, ordered lists indented three
 * columns a level) but not shallower, with one exception: in fenced code blocks, so that a wide
 * diagram is not taken for deep nesting, indentation is not counted (nesting by indentation
 * alone costs its square in text: 1,000 levels take 1 MB). One pass that stops as soon as
 * `limit` is passed.
 */
export function deepestNesting(text: string, limit = Infinity): Nesting {
  const lines = text.split('\n')
  let deepest: Nesting = { depth: 0, line: 0 }
  let fence: Fence | undefined
  for (let n = frontMatterLines(lines); n < lines.length && deepest.depth <= limit; n++) {
    const line = lines[n]!
    const { depth, content } = lineStart(line, limit, !fence)
    if (depth > deepest.depth) deepest = { depth, line: n + 1 }
    if (!fence) fence = openingFence(line, content)
    else if (closesFence(line, content, fence)) fence = undefined
  }
  return deepest
}

/**
 * Refuses Markdown whose block quotes and list items nest deeper than {@link MAX_NESTING}, with
 * an MLDocError naming the first line that goes past it. Linear in the length of the text.
 */
export function checkNesting(text: string, source?: string): void {
  const { depth, line } = deepestNesting(text, MAX_NESTING)
  if (depth > MAX_NESTING) {
    throw new MLDocError('markdown', `nesting deeper than ${MAX_NESTING} levels (block quotes and list items inside one another); MLDoc imports up to ${MAX_NESTING}`, source, line)
  }
}
