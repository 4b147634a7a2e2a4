/**
 * Block content (mdast flow) as Markdown: paragraphs, headings, quotes, lists, code fences,
 * rules, tables, MLDoc's comments and the front matter, separated the way FORMAT.md fixes.
 */
import type { Blockquote, Code, Heading, List, ListItem, Paragraph, Parent, RootContent } from 'mdast'
import { isBlockMarker, isSectionComment } from '../comments.js'
import { characterReference, escapeText } from './escape.js'
import { containerPhrasing } from './inline.js'
import type { WriterState } from './state.js'
import { writeTable } from './table.js'

/** A container of flow content: the root, a quote, a list, a list item. */
type FlowParent = Parent & { children: RootContent[] }

/**
 * Blank lines between two flow nodes: the comment after a heading and a block marker sit right
 * above what they describe; inside a list item only a nested list directly follows the item's
 * text (unless it would not read back as one), anything else gets a blank line; list items are
 * tight.
 */
function between(left: RootContent, right: RootContent, parent: FlowParent): string {
  if (left.type === 'heading' && right.type === 'html' && isSectionComment(right.value)) return '\n'
  if (left.type === 'html' && isBlockMarker(left.value)) return '\n'
  if (parent.type === 'listItem' && !(left.type === 'paragraph' && right.type === 'list')) return '\n\n'
  // A list's children are items, and a list item's only other case is its text and a nested list.
  if ((parent.type !== 'list' && parent.type !== 'listItem') || typeof (parent as List | ListItem).spread !== 'boolean') return '\n\n'
  if ((parent as List | ListItem).spread) return '\n\n'
  // A nested list that starts at another number, or with an empty item, would not interrupt the text.
  if (
    left.type === 'paragraph' &&
    right.type === 'list' &&
    ((right.ordered && typeof right.start === 'number' && right.start !== 1) || (right.children.length > 0 && right.children[0]!.children.length === 0))
  ) {
    return '\n\n'
  }
  return '\n'
}

/** What goes before a line of a block: `text` before a line with content, `blank` as all of a blank line. */
interface LinePrefix {
  readonly text: string
  readonly blank: string
}

/** A block quote's prefix, on every line. */
const QUOTE: LinePrefix = { text: '> ', blank: '>' }

/** Prefixes every line of a block: its first line with `first`, the others with `rest`. */
function indentLines(value: string, first: LinePrefix, rest: LinePrefix): string {
  let out = ''
  let start = 0
  let prefix = first
  const eol = /\r?\n|\r/g
  let match: RegExpExecArray | null
  while ((match = eol.exec(value))) {
    const line = value.slice(start, match.index)
    out += (line ? prefix.text + line : prefix.blank) + match[0]
    start = match.index + match[0].length
    prefix = rest
  }
  const line = value.slice(start)
  return out + (line ? prefix.text + line : prefix.blank)
}

/** A block quote's content with `>` before every line. */
export function indentQuote(value: string): string {
  return indentLines(value, QUOTE, QUOTE)
}

/** Writes the children of a container, one after the other. */
export function containerFlow(state: WriterState, parent: FlowParent): string {
  const children = parent.children
  let out = ''
  const depth = state.indexStack.push(-1) - 1
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!
    state.indexStack[depth] = index
    out += writeFlow(state, child, parent)
    if (child.type !== 'list') state.bulletLastUsed = undefined
    if (index < children.length - 1) out += between(child, children[index + 1]!, parent)
  }
  state.indexStack.pop()
  return out
}

/** A paragraph's text (without a task item's check box). */
export function writeParagraph(state: WriterState, node: Paragraph): string {
  state.stack.push('paragraph', 'phrasing')
  const value = containerPhrasing(state, node, '\n', '\n')
  state.stack.length -= 2
  return value
}

/** The paragraph that carries a task item's check box: its first child, if a paragraph. */
function taskParagraph(item: ListItem): Paragraph | undefined {
  if (typeof item.checked !== 'boolean') return undefined
  const first = item.children[0]
  return first?.type === 'paragraph' ? first : undefined
}

/** An ATX heading: `## Text`. */
export function writeHeading(state: WriterState, node: Heading): string {
  const rank = Math.max(Math.min(6, node.depth || 1), 1)
  const sequence = '#'.repeat(rank)
  state.stack.push('headingAtx', 'phrasing')
  let value = containerPhrasing(state, node, '# ', '\n')
  state.stack.length -= 2
  const head = value.charCodeAt(0)
  // A space or tab right after the `#`s would be dropped.
  if (head === 9 || head === 32) value = characterReference(head) + value.slice(1)
  return value ? `${sequence} ${value}` : sequence
}

/**
 * The bullet of a list about to be written (`-`, `*`, `.` or `)`): the other one right after a
 * list with the same bullet, and where the usual one would turn a line into a rule (`- - -`).
 * Call it inside the list's construct.
 */
export function listBullet(state: WriterState, ordered: boolean, firstItemEmpty: boolean, someItemStartsWithRule: boolean): string {
  let bullet = ordered ? '.' : '-'
  const other = ordered ? ')' : '*'
  let useOther = state.bulletLastUsed ? bullet === state.bulletLastUsed : false
  if (!ordered) {
    const { stack, indexStack } = state
    // A list that starts an empty item of a list that starts an empty item (`- - -`) would be a rule.
    if (
      firstItemEmpty &&
      stack[stack.length - 2] === 'listItem' &&
      stack[stack.length - 3] === 'list' &&
      stack[stack.length - 4] === 'listItem' &&
      indexStack[indexStack.length - 1] === 0 &&
      indexStack[indexStack.length - 2] === 0 &&
      indexStack[indexStack.length - 3] === 0
    ) {
      useOther = true
    }
    if (someItemStartsWithRule) useOther = true
  }
  return useOther ? other : bullet
}

/** The marker of a list item: the list's bullet, numbered in an ordered list. */
export function itemBullet(state: WriterState, ordered: boolean, start: number | null | undefined, index: number): string {
  const bullet = state.bulletCurrent ?? '-'
  return ordered ? `${(typeof start === 'number' && start > -1 ? start : 1) + index}${bullet}` : bullet
}

/** A list item's content with its marker before the first line and the others indented to match. */
export function indentItem(value: string, bullet: string): string {
  return indentLines(value, { text: `${bullet} `, blank: bullet }, { text: ' '.repeat(bullet.length + 1), blank: '' })
}

function writeList(state: WriterState, node: List): string {
  return state.within('list', () => {
    const previous = state.bulletCurrent
    const first = node.children[0]
    const ordered = node.ordered === true
    const bullet = listBullet(
      state,
      ordered,
      first !== undefined && first.children.length === 0,
      !ordered && node.children.some((item) => item.children[0]?.type === 'thematicBreak'),
    )
    state.bulletCurrent = bullet
    const value = containerFlow(state, node)
    state.bulletLastUsed = bullet
    state.bulletCurrent = previous
    return value
  })
}

function writeListItem(state: WriterState, node: ListItem, parent: List): string {
  const bullet = itemBullet(state, parent.ordered === true, parent.start, parent.children.indexOf(node))
  return state.within('listItem', () => indentItem(containerFlow(state, node), bullet))
}

/** A fenced code block, its fence longer than any run of backticks inside. */
export function writeCode(state: WriterState, node: Code): string {
  const raw = node.value || ''
  let streak = 0
  let longest = 0
  for (const char of raw) {
    streak = char === '`' ? streak + 1 : 0
    if (streak > longest) longest = streak
  }
  const sequence = '`'.repeat(Math.max(longest + 1, 3))
  return state.within('codeFenced', () => {
    let value = sequence
    if (node.lang) {
      const lang = node.lang
      value += state.within('codeFencedLangGraveAccent', () => escapeText(lang, { stack: state.stack, before: value, after: ' ', encode: ['`'] }))
    }
    if (node.lang && node.meta) {
      const meta = node.meta
      value += ' '
      value += state.within('codeFencedMetaGraveAccent', () => escapeText(meta, { stack: state.stack, before: value, after: '\n', encode: ['`'] }))
    }
    value += '\n'
    if (raw) value += `${raw}\n`
    return value + sequence
  })
}

function writeBlockquote(state: WriterState, node: Blockquote): string {
  return state.within('blockquote', () => indentQuote(containerFlow(state, node)))
}

/** One flow node as Markdown (without the blank lines around it); `parent` is the container it is in. */
export function writeFlow(state: WriterState, node: RootContent, parent: FlowParent): string {
  switch (node.type) {
    case 'paragraph': {
      const item = parent.type === 'listItem' ? (parent as ListItem) : undefined
      if (item && taskParagraph(item) === node) {
        const paragraph: Paragraph = node.children.length > 0 ? node : { type: 'paragraph', children: [{ type: 'text', value: ' ' }] }
        return `[${item.checked ? 'x' : ' '}] ${writeParagraph(state, paragraph)}`
      }
      return writeParagraph(state, node)
    }
    case 'heading':
      return writeHeading(state, node)
    case 'html':
      return node.value || ''
    case 'blockquote':
      return writeBlockquote(state, node)
    case 'list':
      return writeList(state, node)
    case 'listItem':
      return writeListItem(state, node, parent as List)
    case 'code':
      return writeCode(state, node)
    case 'thematicBreak':
      return '---'
    case 'table':
      return writeTable(state, node)
    case 'yaml':
      return `---${node.value ? `\n${node.value}` : ''}\n---`
    default:
      throw new Error(`exportMarkdown: ${node.type} has no Markdown form`)
  }
}
