import type { Node as PMNode } from '@tiptap/pm/model'
import type { BlockContent, Heading, ListItem, PhrasingContent, Root, RootContent } from 'mdast'
import { isBlockType } from '../blocks/define.js'
import type { MLDocument } from '../document/model.js'
import type { Lang } from '../i18n.js'
import type { BlockExportContext } from './block-markdown.js'
import { BLOCK_MARKDOWN } from './blocks.js'
import { fenceInfo } from './code.js'
import { blockMarker, sectionComment } from './comments.js'
import { frontMatterYaml } from './front-matter.js'
import { inlineToMdast } from './inline-export.js'
import { tableToMdast } from './table.js'
import { isBlankParagraph } from './write/body.js'
import { writeMarkdown } from './write/index.js'
import { keepShape } from './write/kept-shapes.js'

/**
 * Turns body nodes into mdast, node by node: what structured blocks' codecs write their content
 * with, and the whole tree of {@link markdownTree}.
 */
class MdastWriter implements BlockExportContext {
  constructor(readonly lang: Lang) {}

  inline(node: PMNode): PhrasingContent[] {
    return inlineToMdast(node, { line: true, trim: true })
  }

  /** The children of a container node as mdast flow. */
  children(node: PMNode): RootContent[] {
    const out: RootContent[] = []
    node.forEach((child) => {
      for (const item of this.flow(child)) out.push(item)
    })
    return out
  }

  /**
   * The content of a list or task item. A blank first paragraph (empty or only spaces) is not
   * written when nothing else of the item is; otherwise, and always in a task item (whose check
   * box needs a paragraph), it is written as an encoded space so what follows stays in place.
   */
  private itemChildren(item: PMNode, task: boolean): BlockContent[] {
    const out: BlockContent[] = []
    item.forEach((child, _offset, index) => {
      if (index > 0 || !isBlankParagraph(child)) for (const node of this.flow(child)) out.push(node as BlockContent)
    })
    const first = item.firstChild
    if (first && isBlankParagraph(first) && (task || out.length > 0)) out.unshift({ type: 'paragraph', children: [{ type: 'text', value: ' ' }] })
    return out
  }

  flow(node: PMNode): RootContent[] {
    const type = node.type.name
    switch (type) {
      case 'paragraph': {
        const children = inlineToMdast(node, { line: false })
        return children.length ? [{ type: 'paragraph', children }] : []
      }
      case 'heading': {
        const heading: RootContent = { type: 'heading', depth: node.attrs.level as Heading['depth'], children: inlineToMdast(node, { line: true }) }
        const comment = sectionComment({ guidance: (node.attrs.guidance as string | null) ?? null, done: node.attrs.done === true })
        return comment ? [heading, { type: 'html', value: comment }] : [heading]
      }
      case 'blockquote':
        return [{ type: 'blockquote', children: this.children(node) as BlockContent[] }]
      case 'bulletList':
      case 'orderedList':
      case 'taskList': {
        const task = type === 'taskList'
        const items: ListItem[] = []
        node.forEach((item) => {
          items.push({ type: 'listItem', spread: false, checked: task ? item.attrs.checked === true : null, children: this.itemChildren(item, task) })
        })
        return [{
          type: 'list',
          ordered: type === 'orderedList',
          start: type === 'orderedList' ? Number(node.attrs.start ?? 1) : null,
          spread: false,
          children: items,
        }]
      }
      case 'codeBlock':
        return [{ type: 'code', ...fenceInfo(node.attrs.language), value: node.textContent }]
      case 'horizontalRule':
        return [{ type: 'thematicBreak' }]
      case 'table':
        return [tableToMdast(node, this)]
      default:
        if (isBlockType(type)) {
          const codec = BLOCK_MARKDOWN[type]
          return [{ type: 'html', value: blockMarker(codec.spec) }, ...codec.toMarkdown(node, this)]
        }
        throw new Error(`exportMarkdown: node ${type} has no Markdown form`)
    }
  }
}

keepShape(new MdastWriter('en'))

/**
 * The document as GitHub-flavoured Markdown (FORMAT.md): front matter, then the body, with
 * structured blocks as a marker comment and their readable form. The same document always
 * gives the same bytes.
 */
export function exportMarkdown(doc: MLDocument): string {
  return writeMarkdown(frontMatterYaml(doc.meta), doc.body, new MdastWriter(doc.meta.lang))
}

/**
 * The document as an mdast tree: front matter, then the body. `exportMarkdown` writes the same
 * bytes as mdast-util-to-markdown gives for this tree (the writer's differential test), though
 * it writes ordinary nodes without building it.
 */
export function markdownTree(doc: MLDocument): Root {
  const writer = new MdastWriter(doc.meta.lang)
  return { type: 'root', children: [{ type: 'yaml', value: frontMatterYaml(doc.meta) }, ...writer.children(doc.body)] }
}
