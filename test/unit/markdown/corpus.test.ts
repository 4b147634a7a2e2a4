import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Mark, Node as PMNode } from '@tiptap/pm/model'
import type { Definition, Nodes, Root } from 'mdast'
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { frontmatter } from 'micromark-extension-frontmatter'
import { gfm } from 'micromark-extension-gfm'
import { describe, expect, it } from 'vitest'
import { exportMarkdown, importMarkdown } from '../../../core/markdown/index.js'
import { CORPUS_DIR, corpusFiles } from './corpus-files.js'

const FILES = corpusFiles().map((path) => basename(path))

/** What a reader sees of a document, in order: the parts an import must keep. */
interface Visible {
  headings: string[]
  paragraphs: string[]
  listItems: string[]
  tableCells: string[]
  code: string[]
  links: string[]
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim()

/** The visible parts of hand-written Markdown, from its mdast (GFM, front matter). */
function visibleInSource(source: string): Visible {
  const tree: Root = fromMarkdown(source, { extensions: [frontmatter(['yaml']), gfm()], mdastExtensions: [frontmatterFromMarkdown(['yaml']), gfmFromMarkdown()] })
  const definitions = new Map<string, Definition>()
  const collect = (node: Nodes) => {
    if (node.type === 'definition') definitions.set(node.identifier, node)
    if ('children' in node) node.children.forEach(collect)
  }
  collect(tree)
  const plain = (node: Nodes): string => {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
      case 'html':
        return node.value
      case 'break':
        return ' '
      case 'image':
        return node.alt || node.url
      default:
        return 'children' in node ? node.children.map(plain).join('') : ''
    }
  }
  const out: Visible = { headings: [], paragraphs: [], listItems: [], tableCells: [], code: [], links: [] }
  const links = (node: Nodes) => {
    if (node.type === 'link' || node.type === 'image') out.links.push(node.url)
    if (node.type === 'linkReference' || node.type === 'imageReference') out.links.push(definitions.get(node.identifier)!.url)
    if ('children' in node) node.children.forEach(links)
  }
  const walk = (node: Nodes) => {
    switch (node.type) {
      case 'heading':
      case 'paragraph':
        ;(node.type === 'heading' ? out.headings : out.paragraphs).push(squash(plain(node)))
        return links(node)
      case 'code':
      case 'html': // an HTML block is kept as a code block
        return void out.code.push(node.value)
      case 'tableCell':
        out.tableCells.push(squash(plain(node)))
        return links(node)
      case 'listItem':
        out.listItems.push(squash(node.children[0]?.type === 'paragraph' ? plain(node.children[0]) : ''))
    }
    if ('children' in node) node.children.forEach(walk)
  }
  tree.children.filter((node) => node.type !== 'yaml').forEach(walk)
  return out
}

/** The same parts of an imported document. */
function visibleInDocument(body: PMNode): Visible {
  const out: Visible = { headings: [], paragraphs: [], listItems: [], tableCells: [], code: [], links: [] }
  const text = (node: PMNode) => squash(node.textBetween(0, node.content.size, ' ', ' '))
  // A link is a run of text nodes with the same link mark.
  const links = (node: PMNode) => {
    let previous: Mark | undefined
    node.descendants((child) => {
      const link = child.marks.find((m) => m.type.name === 'link')
      if (link && !previous?.eq(link)) out.links.push(String(link.attrs.href))
      previous = link
    })
  }
  body.descendants((node) => {
    switch (node.type.name) {
      case 'heading':
      case 'paragraph':
        ;(node.type.name === 'heading' ? out.headings : out.paragraphs).push(text(node))
        links(node)
        return false
      case 'codeBlock':
        out.code.push(node.textContent)
        return false
      case 'tableHeader':
      case 'tableCell':
        out.tableCells.push(text(node))
        links(node)
        return false
      case 'listItem':
      case 'taskItem':
        out.listItems.push(text(node.firstChild!))
    }
    return true
  })
  return out
}

describe('real design documents (corpus)', () => {
  it('has files to read', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(2)
  })

  for (const file of FILES) {
    it(`${file}: import keeps every heading, paragraph, list item, table cell, code block and link`, () => {
      const source = readFileSync(join(CORPUS_DIR, file), 'utf8')
      const { doc, warnings } = importMarkdown(source, { source: file })
      expect(warnings).toEqual([])
      const expected = visibleInSource(source)
      const actual = visibleInDocument(doc.body)
      expect(actual.headings).toEqual(expected.headings)
      expect(actual.listItems).toEqual(expected.listItems)
      expect(actual.code).toEqual(expected.code)
      expect(actual.links).toEqual(expected.links)
      // GFM pads short rows with empty cells; every cell written is there, in order.
      expect(actual.tableCells.filter(Boolean)).toEqual(expected.tableCells.filter(Boolean))
      expect(actual.paragraphs).toEqual(expected.paragraphs)
      expect(expected.headings.length).toBeGreaterThan(10)
    })

    it(`${file}: export(import(export(import(file)))) is export(import(file))`, () => {
      const source = readFileSync(join(CORPUS_DIR, file), 'utf8')
      const once = exportMarkdown(importMarkdown(source, { source: file }).doc)
      const { doc, warnings } = importMarkdown(once, { source: `${file} (exported)`, strict: true })
      expect(warnings).toEqual([])
      expect(exportMarkdown(doc)).toBe(once)
    })
  }
})
