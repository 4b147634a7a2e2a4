import type { Root } from 'mdast'
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter'
import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { frontmatter } from 'micromark-extension-frontmatter'
import { gfm } from 'micromark-extension-gfm'

/** The Markdown MLDoc reads: GitHub-flavoured Markdown with YAML front matter. */
export const MICROMARK_EXTENSIONS = [frontmatter(['yaml']), gfm()]
/** The mdast side of {@link MICROMARK_EXTENSIONS}. */
export const FROM_MARKDOWN_EXTENSIONS: FromMarkdownExtension[] = [frontmatterFromMarkdown(['yaml']), ...gfmFromMarkdown()]

/**
 * GFM's literal autolinks (`www.x.com`, `https://x.com`, `a@b.co` in plain text), as the importer
 * applies them to an mdast tree. GitHub and the importer turn such text into links whatever
 * escapes it is written with, so the exporter runs the same transform on the text it writes and
 * writes the links they will be read as: the file then reads back to the same bytes.
 */
export function linkLiterals(tree: Root): void {
  for (const extension of FROM_MARKDOWN_EXTENSIONS) for (const transform of extension.transforms ?? []) transform(tree)
}
