import type { Link, Nodes } from 'mdast'
import { frontmatterToMarkdown } from 'mdast-util-frontmatter'
import { gfmToMarkdown } from 'mdast-util-gfm'
import { defaultHandlers, type Handle, type Join, type Options as ToMarkdownOptions, type Unsafe } from 'mdast-util-to-markdown'
import { isBlockMarker, isSectionComment } from '../../../core/markdown/comments.js'

/*
 * The mdast-util-to-markdown configuration MLDoc's Markdown was first written with (FORMAT.md,
 * "Determinism"): the reference that core/markdown/write/ must match byte for byte
 * (writer-differential.test.ts). Not used by the product.
 */

/**
 * Where MLDoc puts other than one blank line between two nodes: the comment after a heading and
 * a block marker sit right above what they describe; inside a list item only a nested list
 * directly follows the item's text, anything else gets a blank line (a quote or table right
 * under the text can be read as part of it).
 */
const mldocJoin: Join = (left: Nodes, right: Nodes, parent: Nodes) => {
  if (left.type === 'heading' && right.type === 'html' && isSectionComment(right.value)) return 0
  if (left.type === 'html' && isBlockMarker(left.value)) return 0
  if (parent.type === 'listItem' && !(left.type === 'paragraph' && right.type === 'list')) return 1
  return undefined
}

const gfmOut = gfmToMarkdown({ tablePipeAlign: false, tableCellPadding: true })
const gfmTable = gfmOut.extensions?.find((extension) => extension.handlers?.table)?.handlers?.table as Handle

/**
 * GFM tables with unaligned columns (a changed cell changes one line of the diff) and a
 * delimiter row of three characters per column: `---`, `:--`, `:-:`, `--:`.
 */
const table: Handle = (node, parent, state, info) => {
  const text: string = gfmTable(node, parent, state, info)
  const start = text.indexOf('\n') + 1
  if (start === 0) return text
  const end = text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start)
  const delimiters = text.slice(start, end).replace(/(:?)-+(:?)/g, (_match, left: string, right: string) => left + '-'.repeat(3 - left.length - right.length) + right)
  return text.slice(0, start) + delimiters + text.slice(end)
}

const isAttention = (node: Nodes | undefined) => node?.type === 'emphasis' || node?.type === 'strong'

/**
 * Text as mdast-util-to-markdown writes it, made safe in two more cases:
 *
 * - Every underscore is escaped. It leaves intraword underscores (`snake_case`) bare, which is
 *   wrong when it later turns a neighbouring letter into a character reference next to a `~~`
 *   marker: the underscore then closes emphasis.
 * - An `@` whose address part touches a neighbouring emphasis marker is written `&#x40;`. GFM's
 *   email autolinks take `_` into the address (`_@a.b_` would become a link and lose its emphasis);
 *   the importer links emails from the text alone, as the exporter does, so nothing else changes.
 *
 * Escapes do not work in `<autolinks>`, which hold neither emphasis nor bare emails anyway.
 */
const text: Handle = (node, parent, state, info) => {
  const value: string = defaultHandlers.text(node, parent, state, info)
  if (state.stack.includes('autolink') || (!value.includes('_') && !value.includes('@'))) return value
  const index = state.indexStack[state.indexStack.length - 1] ?? 0
  const siblings: Nodes[] = parent && 'children' in parent ? (parent.children as Nodes[]) : []
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

const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/
const URI = /^[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\u0000-\u0020<>\u007f]*$/

/** Whether a link can be written as a CommonMark `<autolink>` and read back the same. */
function isAutolink(node: Nodes): boolean {
  if (node.type !== 'link' || node.title || node.children.length !== 1 || node.children[0]!.type !== 'text') return false
  const text = node.children[0].value
  return (text === node.url && URI.test(text)) || (node.url === `mailto:${text}` && EMAIL.test(text))
}

/**
 * Links as `<autolinks>` only when CommonMark reads them back as such (mdast-util-to-markdown
 * also writes `<a@b.c_d>`, which is not an email autolink); otherwise as `[text](url)`.
 */
const link: Handle = Object.assign(
  (node: Nodes, parent: Parameters<Handle>[1], state: Parameters<Handle>[2], info: Parameters<Handle>[3]) => {
    const resourceLink = state.options.resourceLink
    state.options.resourceLink = !isAutolink(node)
    try {
      return defaultHandlers.link(node as Link, parent, state, info)
    } finally {
      state.options.resourceLink = resourceLink
    }
  },
  { peek: (node: Nodes) => (isAutolink(node) ? '<' : '[') },
)

/**
 * A `<` before an email autolink whose address starts with a digit or a sign (`<0@x>`, `<{@0>`):
 * mdast-util-to-markdown's own rule for `<` covers tags and autolinks that start with a letter
 * only, and CommonMark reads any `<`, local part, `@`, domain, `>` as a mailto link. MLDoc's
 * writer escapes it (core/markdown/write/escape.ts; regressions.test.ts, seed -1139900784).
 */
const emailAutolinkStart: Unsafe = {
  character: '<',
  after: "[\\w.!#$%&'*+/=?^`{|}~-]+@",
  inConstruct: 'phrasing',
  notInConstruct: ['autolink', 'destinationLiteral', 'destinationRaw', 'reference', 'titleQuote', 'titleApostrophe'],
}

/** The fixed style of MLDoc's Markdown (FORMAT.md, "Determinism"), as mdast-util-to-markdown options. */
export const REFERENCE_OPTIONS: ToMarkdownOptions = {
  extensions: [frontmatterToMarkdown(['yaml']), gfmOut, { handlers: { link, table, text }, unsafe: [emailAutolinkStart] }],
  bullet: '-',
  bulletOther: '*',
  bulletOrdered: '.',
  emphasis: '*',
  strong: '*',
  fence: '`',
  fences: true,
  rule: '-',
  ruleRepetition: 3,
  ruleSpaces: false,
  listItemIndent: 'one',
  incrementListMarker: true,
  setext: false,
  closeAtx: false,
  resourceLink: false,
  quote: '"',
  tightDefinitions: false,
  join: [mldocJoin],
}
