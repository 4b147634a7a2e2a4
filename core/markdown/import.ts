import type { JSONContent } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { Definition, FootnoteDefinition, Html, List, Nodes, PhrasingContent, RootContent } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { emptyMeta } from '../document/meta.js'
import type { MLDocument } from '../document/model.js'
import { MLDocError } from '../errors.js'
import { mldocSchema } from '../schema/index.js'
import { isSafeHref } from '../schema/links.js'
import { lineOf, MAX_BLOCK_NODES, type BlockImportContext } from './block-markdown.js'
import { blockMarkdownByName } from './blocks.js'
import { fenceLanguage } from './code.js'
import { readMLDocComment, type MLDocComment } from './comments.js'
import { readFrontMatter } from './front-matter.js'
import { phrasingToJSON, type InlineImportScope } from './inline-import.js'
import { checkNesting } from './nesting.js'
import { FROM_MARKDOWN_EXTENSIONS, MICROMARK_EXTENSIONS } from './syntax.js'
import { tableFromMdast } from './table.js'

/** Something in the Markdown that was not kept exactly as written, and where. */
export interface ImportWarning {
  readonly line: number
  readonly message: string
}

/** Options of {@link importMarkdown}. */
export interface ImportOptions {
  /** Name of the input (a path) for messages. */
  readonly source?: string
  /** Throw on the first thing that would be a warning. */
  readonly strict?: boolean
}

/** A document read from Markdown, with what could not be kept as written. */
export interface ImportResult {
  readonly doc: MLDocument
  readonly warnings: ImportWarning[]
}

const EMPTY_PARAGRAPH: JSONContent = { type: 'paragraph' }

function paragraph(content: JSONContent[]): JSONContent {
  return content.length ? { type: 'paragraph', content } : { type: 'paragraph' }
}

function textJSON(text: string): JSONContent {
  return { type: 'text', text }
}

/** Raw HTML kept visible and inert: a code block holding the HTML as written. */
function rawHtml(node: Html): JSONContent {
  return { type: 'codeBlock', attrs: { language: 'html' }, ...(node.value ? { content: [textJSON(node.value)] } : {}) }
}

/** Puts text in front of the first paragraph of some content (a footnote label, a check box). */
function prefixFirstParagraph(content: JSONContent[], prefix: string): JSONContent[] {
  const first = content[0]
  if (first?.type === 'paragraph') return [paragraph([textJSON(prefix), ...(first.content ?? [])]), ...content.slice(1)]
  return [paragraph([textJSON(prefix.trimEnd())]), ...content]
}

/** Whether a paragraph shows nothing: only spaces, tabs and hard breaks. */
function isBlank(paragraphJSON: JSONContent): boolean {
  return (paragraphJSON.content ?? []).every((n) => n.type === 'hardBreak' || !/[^ \t]/.test(n.text!))
}

/** Why a block's JSON does not fit the schema, if it does not. */
function schemaProblem(block: JSONContent): { error: string; line?: number } | undefined {
  try {
    mldocSchema().nodeFromJSON(block).check()
    return undefined
  } catch (error) {
    return { error: (error as Error).message }
  }
}

/** Turns mdast into ProseMirror JSON (linear in the size of the tree). */
class JsonReader implements BlockImportContext, InlineImportScope {
  readonly warnings: ImportWarning[] = []

  constructor(readonly definitions: ReadonlyMap<string, Definition>) {}

  warn(line: number | undefined, message: string): void {
    this.warnings.push({ line: line ?? 1, message })
  }

  inline(nodes: readonly PhrasingContent[]): JSONContent[] {
    return phrasingToJSON(nodes, this, true)
  }

  flow(node: RootContent): JSONContent[] {
    return this.children([node])
  }

  /** Flow content (of the root, a quote, a list item), reading MLDoc's comments among it. */
  children(nodes: readonly RootContent[]): JSONContent[] {
    const out: JSONContent[] = []
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!
      if (node.type === 'heading') {
        const next = nodes[i + 1]
        const comment = next?.type === 'html' ? readMLDocComment(next.value) : null
        const attrs = comment?.kind === 'section' ? comment.attrs : { guidance: null, done: false }
        if (comment?.kind === 'section') i++
        const content = phrasingToJSON(node.children, this, true)
        out.push({ type: 'heading', attrs: { level: node.depth, guidance: attrs.guidance, done: attrs.done }, ...(content.length ? { content } : {}) })
        continue
      }
      const comment = node.type === 'html' ? readMLDocComment(node.value) : null
      if (node.type === 'html' && comment) i += this.mldocComment(comment, node, nodes, i, out)
      else for (const item of this.node(node)) out.push(item)
    }
    return out
  }

  /** Handles an `mldoc:` comment at `nodes[index]`; returns how many following nodes it used. */
  private mldocComment(comment: MLDocComment, node: Html, nodes: readonly RootContent[], index: number, out: JSONContent[]): number {
    const line = lineOf(node)
    if (comment.kind === 'unreadable') {
      this.warn(line, `MLDoc comment cannot be read: ${comment.problem}; kept as raw HTML`)
      out.push(rawHtml(node))
      return 0
    }
    if (comment.kind === 'section') {
      this.warn(line, 'section comment is not right under a heading; kept as raw HTML')
      out.push(rawHtml(node))
      return 0
    }
    const codec = blockMarkdownByName(comment.name)
    if (!codec) {
      this.warn(line, `unknown block "${comment.name}"; its marker is kept as raw HTML and what follows as plain content`)
      out.push(rawHtml(node))
      return 0
    }
    if (comment.version !== codec.spec.formatVersion) {
      this.warn(line, `${comment.name} block is in format v${comment.version}, this MLDoc reads v${codec.spec.formatVersion}; its marker is kept as raw HTML and what follows as plain content`)
      out.push(rawHtml(node))
      return 0
    }
    const before = this.warnings.length
    const parsed = codec.fromMarkdown(nodes.slice(index + 1, index + 1 + MAX_BLOCK_NODES), this)
    const problem = 'block' in parsed ? schemaProblem(parsed.block) : parsed
    if (problem || !('block' in parsed)) {
      // What the block's parts warned about is said again when they are read as plain content.
      this.warnings.length = before
      this.warn(problem?.line ?? line, `the ${comment.name} block (marker on line ${line}) does not match its Markdown form: ${problem?.error}; kept as plain content`)
      return 0
    }
    out.push(parsed.block)
    return parsed.consumed
  }

  private node(node: RootContent): JSONContent[] {
    switch (node.type) {
      case 'paragraph':
        return [paragraph(phrasingToJSON(node.children, this, false))]
      case 'blockquote': {
        const content = this.children(node.children)
        return [{ type: 'blockquote', content: content.length ? content : [EMPTY_PARAGRAPH] }]
      }
      case 'list':
        return [this.list(node)]
      case 'code':
        return [{ type: 'codeBlock', attrs: { language: fenceLanguage(node) }, ...(node.value ? { content: [textJSON(node.value)] } : {}) }]
      case 'html':
        return [rawHtml(node)]
      case 'thematicBreak':
        return [{ type: 'horizontalRule' }]
      case 'table':
        return [tableFromMdast(node, (cell) => phrasingToJSON(cell.children, this, true))]
      case 'definition':
        return [this.definition(node)]
      case 'footnoteDefinition':
        return this.footnote(node)
      case 'yaml':
        return [{ type: 'codeBlock', attrs: { language: 'yaml' }, ...(node.value ? { content: [textJSON(node.value)] } : {}) }]
      default:
        return []
    }
  }

  /**
   * A list. An unordered list whose items are all tasks is a task list; in any other list a
   * task's check box is kept as the text `[ ] ` or `[x] ` in front of the item. An item's blank
   * first paragraph (the exporter writes it as an encoded space) is empty.
   */
  private list(node: List): JSONContent {
    const isTaskList = !node.ordered && node.children.length > 0 && node.children.every((item) => typeof item.checked === 'boolean')
    const items = node.children.map((item) => {
      let content = this.children(item.children)
      if (content[0]?.type !== 'paragraph') content.unshift(EMPTY_PARAGRAPH)
      else if (isBlank(content[0])) content[0] = EMPTY_PARAGRAPH
      if (isTaskList) {
        return { type: 'taskItem', attrs: { checked: item.checked === true }, content }
      }
      if (typeof item.checked === 'boolean') content = prefixFirstParagraph(content, item.checked ? '[x] ' : '[ ] ')
      return { type: 'listItem', content }
    })
    if (isTaskList) return { type: 'taskList', content: items }
    return node.ordered ? { type: 'orderedList', attrs: { start: node.start ?? 1 }, content: items } : { type: 'bulletList', content: items }
  }

  /**
   * A link reference definition, kept visible as the paragraph `[label]: url "title"` (its
   * references are links already); the URL is a link when MLDoc keeps such links.
   */
  private definition(node: Definition): JSONContent {
    const url: JSONContent = isSafeHref(node.url) && node.url
      ? { type: 'text', text: node.url, marks: [{ type: 'link', attrs: { href: node.url, title: null } }] }
      : textJSON(node.url || '<>')
    return paragraph([textJSON(`[${node.label ?? node.identifier}]: `), url, ...(node.title ? [textJSON(` "${node.title}"`)] : [])])
  }

  /** A footnote definition, kept visible: its content, starting with `[^label]: `. */
  private footnote(node: FootnoteDefinition): JSONContent[] {
    return prefixFirstParagraph(this.children(node.children), `[^${node.label ?? node.identifier}]: `)
  }
}

/** Every link reference definition in the tree, by identifier (the first one wins, as in CommonMark). */
function definitionsOf(tree: Nodes): Map<string, Definition> {
  const found = new Map<string, Definition>()
  const stack: Nodes[] = [tree]
  while (stack.length) {
    const node = stack.pop()!
    if (node.type === 'definition') {
      if (!found.has(node.identifier)) found.set(node.identifier, node)
    } else if ('children' in node) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes)
    }
  }
  return found
}

/**
 * The title of a file without front matter: the text of its first heading when that is a
 * level-1 heading (`# Churn prediction`, as a README starts), else none. The heading stays in
 * the body, so nothing the file says is lost.
 */
function titleHeading(body: PMNode): string {
  for (let index = 0; index < body.childCount; index++) {
    const node = body.child(index)
    if (node.type.name === 'heading') return node.attrs.level === 1 ? node.textContent.replace(/\s+/g, ' ').trim() : ''
  }
  return ''
}

/**
 * Reads GitHub-flavoured Markdown into a document (FORMAT.md). Structured blocks are read from
 * their visible form; whatever cannot be kept exactly as written is reported as a warning with
 * its line (or thrown, with `strict`). Bad front matter always throws.
 */
export function importMarkdown(text: string, options: ImportOptions = {}): ImportResult {
  const { source, strict = false } = options
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  checkNesting(normalised, source)
  const tree = fromMarkdown(normalised, { extensions: MICROMARK_EXTENSIONS, mdastExtensions: FROM_MARKDOWN_EXTENSIONS })
  let children: RootContent[] = tree.children
  let meta = emptyMeta()
  const first = children[0]
  if (first?.type === 'yaml') {
    meta = readFrontMatter(first.value, (lineOf(first) ?? 1) + 1, source)
    children = children.slice(1)
  }
  const reader = new JsonReader(definitionsOf(tree))
  const content = reader.children(children)
  const warnings = [...reader.warnings].sort((a, b) => a.line - b.line)
  if (strict && warnings[0]) throw new MLDocError('markdown', warnings[0].message, source, warnings[0].line)
  try {
    const body = mldocSchema().nodeFromJSON({ type: 'doc', content: content.length ? content : [EMPTY_PARAGRAPH] })
    body.check()
    if (first?.type !== 'yaml') meta = { ...meta, title: titleHeading(body) }
    return { doc: { meta, body }, warnings }
  } catch (error) {
    throw new MLDocError('markdown', `the Markdown does not fit MLDoc's document schema (${(error as Error).message})`, source)
  }
}
