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

/** Prefixes every line of a block; `map` gets the line, its index and whether it is blank. */
function indentLines(value: string, map: (line: string, index: number, blank: boolean) => string): string {
  let out = ''
  let start = 0
  let index = 0
  const eol = /\r?\n|\r/g
  let match: RegExpExecArray | null
  while ((match = eol.exec(value))) {
    const line = value.slice(start, match.index)
    out += map(line, index, !line) + match[0]
    start = match.index + match[0].length
    index++
  }
  const line = value.slice(start)
  return out + map(line, index, !line)
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

function writeParagraph(state: WriterState, node: Paragraph): string {
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

function writeHeading(state: WriterState, node: Heading): string {
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

function writeList(state: WriterState, node: List): string {
  return state.within('list', () => {
    const previous = state.bulletCurrent
    let bullet = node.ordered ? '.' : '-'
    const other = node.ordered ? ')' : '*'
    let useOther = state.bulletLastUsed ? bullet === state.bulletLastUsed : false
    if (!node.ordered) {
      const first = node.children[0]
      const { stack, indexStack } = state
      // A list that starts an empty item of a list that starts an empty item (`- - -`) would be a rule.
      if (
        first &&
        first.children.length === 0 &&
        stack[stack.length - 2] === 'listItem' &&
        stack[stack.length - 3] === 'list' &&
        stack[stack.length - 4] === 'listItem' &&
        indexStack[indexStack.length - 1] === 0 &&
        indexStack[indexStack.length - 2] === 0 &&
        indexStack[indexStack.length - 3] === 0
      ) {
        useOther = true
      }
      if (node.children.some((item) => item.children[0]?.type === 'thematicBreak')) useOther = true
    }
    if (useOther) bullet = other
    state.bulletCurrent = bullet
    const value = containerFlow(state, node)
    state.bulletLastUsed = bullet
    state.bulletCurrent = previous
    return value
  })
}

function writeListItem(state: WriterState, node: ListItem, parent: List): string {
  let bullet = state.bulletCurrent ?? '-'
  if (parent.ordered) bullet = `${(typeof parent.start === 'number' && parent.start > -1 ? parent.start : 1) + parent.children.indexOf(node)}${bullet}`
  const size = bullet.length + 1
  return state.within('listItem', () =>
    indentLines(containerFlow(state, node), (line, index, blank) => {
      if (index) return (blank ? '' : ' '.repeat(size)) + line
      return (blank ? bullet : bullet + ' '.repeat(size - bullet.length)) + line
    }),
  )
}

function writeCode(state: WriterState, node: Code): string {
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
  return state.within('blockquote', () => indentLines(containerFlow(state, node), (line, _index, blank) => `>${blank ? '' : ' '}${line}`))
}

/** One flow node as Markdown (without the blank lines around it). */
function writeFlow(state: WriterState, node: RootContent, parent: FlowParent): string {
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
