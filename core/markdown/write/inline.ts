/**
 * Inline content (mdast phrasing) as Markdown text: text escaped where it goes, emphasis,
 * strong and strikethrough with markers that form, links, inline code and hard breaks.
 */
import type { Link, Nodes, Parent, PhrasingContent, Text } from 'mdast'
import { attentionSequences, serializePhrasing, type AttentionItem, type PhrasingItem } from './attention.js'
import { atBreakRules, escapeText, firstCharacter, lastCharacter, scopeOf } from './escape.js'
import type { WriterState } from './state.js'

/** A node with inline children: a paragraph, heading, table cell, link or emphasis-like span. */
export type PhrasingParent = Parent & { children: PhrasingContent[] }

/** The construct and marker sequences of emphasis-like spans. */
const ATTENTION: Readonly<Record<string, { construct: string; sequences: readonly string[] }>> = {
  emphasis: { construct: 'emphasis', sequences: attentionSequences(['*', '_'], [1]) },
  strong: { construct: 'strong', sequences: attentionSequences(['*', '_'], [2]) },
  delete: { construct: 'strikethrough', sequences: attentionSequences(['~'], [2, 1]) },
}

const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/
const URI = /^[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\u0000-\u0020<>\u007f]*$/

/** Whether a link can be written as a CommonMark `<autolink>` and read back the same. */
function isAutolink(node: Link): boolean {
  if (node.title || node.children.length !== 1 || node.children[0]!.type !== 'text') return false
  const text = node.children[0].value
  return (text === node.url && URI.test(text)) || (node.url === `mailto:${text}` && EMAIL.test(text))
}

/** Whether an autolink-able link is also one the writer's link form accepts as `<url>`. */
function writtenAsAutolink(node: Link): boolean {
  if (!isAutolink(node) || !node.url) return false
  const raw = (node.children[0] as Text).value
  return (raw === node.url || `mailto:${raw}` === node.url) && /^[a-z][+\-.a-z]+:/i.test(node.url) && !/[\0- <>\u007F]/.test(node.url)
}

const isAttention = (node: { type: string } | undefined) => node?.type === 'emphasis' || node?.type === 'strong'

/**
 * Text escaped where it goes, made safe in two more cases:
 *
 * - Every underscore is escaped. Intraword underscores (`snake_case`) would otherwise stay bare,
 *   which is wrong when a neighbouring letter later becomes a character reference next to a
 *   `~~` marker: the underscore then closes emphasis.
 * - An `@` whose address part touches a neighbouring emphasis marker is written `&#x40;`. GFM's
 *   email autolinks take `_` into the address (`_@a.b_` would become a link and lose its
 *   emphasis); the importer links emails from the text alone, as the exporter does.
 *
 * Escapes do not work in `<autolinks>`, which hold neither emphasis nor bare emails anyway.
 */
function writeText(state: WriterState, node: Text, parent: PhrasingParent, before: string, after: string): string {
  const value = escapeText(node.value, { stack: state.stack, before, after })
  if (state.stack.includes('autolink') || (!value.includes('_') && !value.includes('@'))) return value
  const index = state.indexStack[state.indexStack.length - 1] ?? 0
  const siblings = parent.children as Nodes[]
  const markerBefore = isAttention(parent) || isAttention(siblings[index - 1])
  const markerAfter = isAttention(parent) || isAttention(siblings[index + 1])
  // Whether everything before `i` could be an address's local part, and where the last
  // character that cannot be in a domain is.
  let localBefore = true
  let lastNonDomain = -1
  for (let i = value.length - 1; i >= 0 && lastNonDomain < 0; i--) if (!/[\w.\\-]/.test(value[i]!)) lastNonDomain = i
  let out = ''
  let backslashes = 0
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!
    if (char === '_' && backslashes % 2 === 0) out += '\\'
    if (char === '@' && ((markerBefore && localBefore) || (markerAfter && i >= lastNonDomain))) {
      // A character reference replaces the backslash escape the `@` may have had.
      out = (backslashes % 2 ? out.slice(0, -1) : out) + '&#x40;'
    } else out += char
    backslashes = char === '\\' ? backslashes + 1 : 0
    localBefore &&= /[\w.+\\-]/.test(char)
  }
  return out
}

/** Inline code: a backtick run longer than any inside, padded when it starts or ends with one; `|` escaped in table cells. */
function writeInlineCode(state: WriterState, code: string): string {
  let value = code
  let sequence = '`'
  while (new RegExp(`(^|[^\`])${sequence}([^\`]|$)`).test(value)) sequence += '`'
  if (/[^\n\r ]/.test(value) && ((/^[\n\r ]/.test(value) && /[\n\r ]$/.test(value)) || /^`|`$/.test(value))) value = ` ${value} `
  if (/[\r\n]/.test(value)) {
    // A line ending followed by what would start a block is joined with a space.
    for (const expression of atBreakRules()) {
      expression.lastIndex = 0
      let match: RegExpExecArray | null
      while ((match = expression.exec(value))) {
        let position = match.index
        if (value.charCodeAt(position) === 10 && value.charCodeAt(position - 1) === 13) position--
        value = value.slice(0, position) + ' ' + value.slice(match.index + 1)
      }
    }
  }
  const written = sequence + value + sequence
  if (!state.stack.includes('tableCell')) return written
  let out = ''
  let start = 0
  let index = written.indexOf('|')
  while (index !== -1) {
    let before = index
    while (before > start && written.charCodeAt(before - 1) === 92) before--
    out += written.slice(start, index)
    if ((index - before) % 2 === 0) out += '\\'
    start = index
    index = written.indexOf('|', index + 1)
  }
  return out + written.slice(start)
}

/** A hard break: a backslash at the end of the line, or a space where a line cannot end (headings, cells). */
function writeBreak(state: WriterState, before: string): string {
  if (scopeOf(state.stack).lineOnly) return /[\t ]/.test(before) ? '' : ' '
  return '\\\n'
}

/** A link as `<url>` when CommonMark reads that back as the same link, else as `[text](url "title")`. */
function writeLink(state: WriterState, node: Link, before: string): string {
  if (writtenAsAutolink(node)) {
    const stack = state.stack.splice(0)
    state.stack.push(...stack.filter((construct) => construct !== 'phrasing'), 'autolink')
    try {
      return `<${containerPhrasing(state, node, '<', '>')}>`
    } finally {
      state.stack.splice(0, state.stack.length, ...stack)
    }
  }
  return state.within('link', () => {
    const text = state.within('label', () => containerPhrasing(state, node, '[', ']('))
    let value = `[${text}](`
    const enclose = /[\0- \u007F]/.test(node.url)
    const last = before.charAt(before.length - 1)
    let title: string | undefined = node.title || undefined
    if (!title && !enclose && (last === '\n' || last === '\r')) {
      // `[x]:` at the start of a line would be a definition: a title keeps it a link.
      let index = 0
      while (index < text.length && text.charCodeAt(index) !== 93) index += text.charCodeAt(index) === 92 ? 2 : 1
      if (text.charCodeAt(index + 1) === 58) title = ''
    }
    if ((!node.url && typeof title === 'string') || enclose) {
      value += state.within('destinationLiteral', () => `<${escapeText(node.url, { stack: state.stack, before: `${value}`, after: '>' })}>`)
    } else {
      value += state.within('destinationRaw', () => escapeText(node.url, { stack: state.stack, before: value, after: typeof title === 'string' ? ' ' : ')' }))
    }
    if (typeof title === 'string') {
      const written = value + ' "'
      value = state.within('titleQuote', () => `${written}${escapeText(title, { stack: state.stack, before: written, after: '"' })}"`)
    }
    return `${value})`
  })
}

/** The first character a node is written with, without writing it all (what follows a text decides its escapes). */
function peek(state: WriterState, node: PhrasingContent, parent: PhrasingParent): string {
  switch (node.type) {
    case 'emphasis':
    case 'strong':
      return '*'
    case 'delete':
      return '~'
    case 'inlineCode':
      return '`'
    case 'link':
      return isAutolink(node) ? '<' : '['
    case 'text':
      return firstCharacter(writeText(state, node, parent, '', ''))
    case 'break':
      return firstCharacter(writeBreak(state, ''))
    default:
      throw new Error(`exportMarkdown: inline ${node.type} has no Markdown form`)
  }
}

function writeInline(state: WriterState, node: PhrasingContent, parent: PhrasingParent, before: string, after: string): string {
  switch (node.type) {
    case 'text':
      return writeText(state, node, parent, before, after)
    case 'inlineCode':
      return writeInlineCode(state, node.value)
    case 'break':
      return writeBreak(state, before)
    case 'link':
      return writeLink(state, node, before)
    default:
      throw new Error(`exportMarkdown: inline ${node.type} has no Markdown form`)
  }
}

/** The children of a phrasing parent, written, with emphasis-like spans left to choose their markers. */
function phrasingItems(state: WriterState, parent: PhrasingParent, outerBefore: string, outerAfter: string): PhrasingItem[] {
  const children = parent.children
  const items: PhrasingItem[] = []
  let before = outerBefore
  const depth = state.indexStack.push(-1) - 1
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!
    state.indexStack[depth] = index
    const next = children[index + 1]
    const after = next ? peek(state, next, parent) : outerAfter
    const attention = ATTENTION[child.type]
    if (attention) {
      const { sequences } = attention
      const sequence = sequences[0]!
      state.stack.push(attention.construct)
      const inner = phrasingItems(state, child as PhrasingParent, sequence, sequence)
      state.stack.pop()
      if (inner.length === 0) continue
      const item: AttentionItem = { children: inner, sequences }
      items.push(item)
      before = lastCharacter(sequence)
    } else {
      const value = writeInline(state, child, parent, before, after)
      if (!value) continue
      items.push(value)
      before = lastCharacter(value)
    }
  }
  state.indexStack.pop()
  return items
}

/**
 * Text that is all a paragraph, heading or cell holds, as Markdown between the characters
 * `before` and `after`: what {@link containerPhrasing} writes for a parent holding only it.
 */
export function writeLoneText(state: WriterState, value: string, before: string, after: string): string {
  const escaped = escapeText(value, { stack: state.stack, before, after })
  if (!escaped.includes('_') && !escaped.includes('@')) return escaped
  const text: Text = { type: 'text', value }
  return containerPhrasing(state, { type: 'paragraph', children: [text] }, before, after)
}

/** The inline children of a node as Markdown, between the characters `before` and `after`. */
export function containerPhrasing(state: WriterState, parent: PhrasingParent, before: string, after: string): string {
  const only = parent.children.length === 1 ? parent.children[0]! : undefined
  if (only?.type === 'text') {
    // One text (most paragraphs and cells): no markers to choose.
    state.indexStack.push(0)
    const value = writeText(state, only, parent, before, after)
    state.indexStack.pop()
    return value
  }
  return serializePhrasing(phrasingItems(state, parent, before, after), before, after)
}
