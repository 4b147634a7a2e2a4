import type { Editor, JSONContent, Range } from '@tiptap/core'
import { TextSelection } from '@tiptap/pm/state'
import { emptyBlockJSON } from '../../core/blocks/define.js'
import { BLOCKS } from '../../core/blocks/registry.js'
import { foldLabel, LANGS, type Lang } from '../../core/i18n.js'
import type { TFunction } from 'i18next'

/** One entry of the `/` menu. */
export interface SlashItem {
  /** Stable id: the block type for structured blocks (`metric`), else the command (`heading-2`). */
  readonly id: string
  readonly group: 'blocks' | 'basic'
  readonly label: string
  readonly description: string
  /** Words the query matches besides the label, in every language. */
  readonly keywords: readonly string[]
  /** Replaces the typed `/query` with what the item inserts. */
  readonly run: (editor: Editor, range: Range) => void
}

/**
 * Every `/` menu entry, labelled in the UI language: each structured block (inserted empty,
 * labelled in the document's language), then headings, table, code block and lists.
 */
export function slashItems(t: TFunction, uiLang: Lang, docLang: Lang): SlashItem[] {
  const blocks: SlashItem[] = BLOCKS.map(({ spec }) => ({
    id: spec.type,
    group: 'blocks',
    label: spec.label[uiLang],
    description: spec.description[uiLang],
    keywords: [spec.type, spec.markdownName, ...LANGS.map((l) => spec.label[l])],
    run: (editor, range) => insertBlock(editor, range, emptyBlockJSON(spec, docLang)),
  }))
  const basic: SlashItem[] = [
    ...([1, 2, 3] as const).map((level): SlashItem => ({
      id: `heading-${level}`,
      group: 'basic',
      label: t('slash.heading', { level }),
      description: t('slash.headingDescription'),
      keywords: ['heading', 'title', 'sarlavha', `h${level}`],
      run: (editor, range) => {
        editor.chain().focus().deleteRange(range).setNode('heading', { level }).run()
      },
    })),
    {
      id: 'table',
      group: 'basic',
      label: t('slash.table'),
      description: t('slash.tableDescription'),
      keywords: ['table', 'jadval', 'grid'],
      run: (editor, range) => {
        editor.chain().focus().deleteRange(range).insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()
      },
    },
    {
      id: 'code-block',
      group: 'basic',
      label: t('slash.codeBlock'),
      description: t('slash.codeBlockDescription'),
      keywords: ['code', 'kod', 'pre'],
      run: (editor, range) => {
        editor.chain().focus().deleteRange(range).setCodeBlock().run()
      },
    },
    {
      id: 'task-list',
      group: 'basic',
      label: t('slash.taskList'),
      description: t('slash.taskListDescription'),
      keywords: ['task', 'todo', 'checkbox', 'vazifa'],
      run: (editor, range) => {
        editor.chain().focus().deleteRange(range).toggleTaskList().run()
      },
    },
    {
      id: 'bullet-list',
      group: 'basic',
      label: t('slash.bulletList'),
      description: t('slash.bulletListDescription'),
      keywords: ['list', 'bullet', 'roʻyxat'],
      run: (editor, range) => {
        editor.chain().focus().deleteRange(range).toggleBulletList().run()
      },
    },
    {
      id: 'quote',
      group: 'basic',
      label: t('slash.quote'),
      description: t('slash.quoteDescription'),
      keywords: ['quote', 'blockquote', 'iqtibos'],
      run: (editor, range) => {
        editor.chain().focus().deleteRange(range).toggleBlockquote().run()
      },
    },
  ]
  return [...blocks, ...basic]
}

/**
 * Replaces the typed `/query` with a new block: in place of the line when the line is empty,
 * else after it. The caret goes to the block's first field, and a block that ends the document
 * gets an empty line after it, so writing can go on below.
 */
function insertBlock(editor: Editor, range: Range, json: JSONContent): void {
  editor.chain().focus().deleteRange(range).command(({ tr, state }) => {
    const { $from } = tr.selection
    const block = state.schema.nodeFromJSON(json)
    const line = $from.node(1)
    const start = $from.before(1)
    const empty = line.type.name === 'paragraph' && line.content.size === 0
    const at = empty ? start : $from.after(1)
    tr.replaceWith(at, empty ? at + line.nodeSize : at, block)
    if (at + block.nodeSize === tr.doc.content.size) tr.insert(at + block.nodeSize, state.schema.nodes.paragraph!.create())
    tr.setSelection(TextSelection.near(tr.doc.resolve(at + 1)))
    return true
  }).run()
}

/** The entries whose label or keywords contain the query (case, spacing and apostrophes folded). */
export function filterSlashItems(items: readonly SlashItem[], query: string): SlashItem[] {
  const q = foldLabel(query)
  if (!q) return [...items]
  return items.filter((item) => [item.label, ...item.keywords].some((word) => foldLabel(word).includes(q)))
}
