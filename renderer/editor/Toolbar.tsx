import type { Editor } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import { yUndoPluginKey } from '@tiptap/y-tiptap'
import {
  Bold, Code, CodeSquare, Columns3, Italic, Link2, List, ListChecks, ListOrdered, Plus, Quote, Redo2, Rows3, Strikethrough, Table, Undo2,
  type LucideIcon,
} from 'lucide-react'
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { isBlockType } from '../../core/blocks/define.js'
import { isSafeHref } from '../../core/schema/links.js'

/** What the toolbar shows of the editor's state. */
export interface ToolbarState {
  block: string
  bold: boolean
  italic: boolean
  strike: boolean
  code: boolean
  link: boolean
  bulletList: boolean
  orderedList: boolean
  taskList: boolean
  blockquote: boolean
  codeBlock: boolean
  inTable: boolean
  canUndo: boolean
  canRedo: boolean
  /** Whether the cursor is in ordinary text (not inside a structured block's field). */
  inText: boolean
}

/**
 * Whether the selection is in a node named `name`, as `editor.isActive(name)` answers. For a
 * caret those are the nodes around it, read from its resolved position: `isActive` walks the
 * document from its start to the caret (every top-level block before it), and the toolbar asks
 * eight times per transaction.
 */
function inNode(editor: Editor, name: string): boolean {
  const { selection } = editor.state
  if (!selection.empty) return editor.isActive(name)
  const { $from } = selection
  for (let depth = $from.depth; depth > 0; depth--) if ($from.node(depth).type.name === name) return true
  return false
}

/** The Yjs undo manager's stacks, when the editor is bound to a Y.Doc (MLDoc's editor always is). */
interface UndoStacks {
  readonly undoStack: readonly unknown[]
  readonly redoStack: readonly unknown[]
}

/**
 * Whether undo and redo would do something. With the Yjs undo manager, whether its stacks hold a
 * step: what Collaboration's undo and redo commands check (`editor.can()` builds every command
 * of the editor to ask them). Otherwise the editor's own commands answer.
 */
function history(editor: Editor): { canUndo: boolean; canRedo: boolean } {
  const manager = (yUndoPluginKey.getState(editor.state) as { undoManager?: UndoStacks } | undefined)?.undoManager
  if (manager) return { canUndo: manager.undoStack.length > 0, canRedo: manager.redoStack.length > 0 }
  return { canUndo: editor.can().undo(), canRedo: editor.can().redo() }
}

/**
 * What the toolbar shows for the editor's current state. Runs on every transaction (a keystroke,
 * a remote change, a remote caret moving), so it reads the nodes around the selection instead of
 * walking the document.
 */
export function toolbarState(editor: Editor): ToolbarState {
  const { $from } = editor.state.selection
  const heading = inNode(editor, 'heading') ? `h${$from.parent.attrs.level as number}` : inNode(editor, 'paragraph') ? 'p' : ''
  let inText = true
  for (let depth = $from.depth; depth > 0; depth--) if (isBlockType($from.node(depth).type.name)) inText = false
  return {
    block: heading,
    bold: editor.isActive('bold'),
    italic: editor.isActive('italic'),
    strike: editor.isActive('strike'),
    code: editor.isActive('code'),
    link: editor.isActive('link'),
    bulletList: inNode(editor, 'bulletList'),
    orderedList: inNode(editor, 'orderedList'),
    taskList: inNode(editor, 'taskList'),
    blockquote: inNode(editor, 'blockquote'),
    codeBlock: inNode(editor, 'codeBlock'),
    inTable: inNode(editor, 'table'),
    ...history(editor),
    inText,
  }
}

function ToolButton({ icon: Icon, label, shortcut, active, disabled, onClick }: {
  icon: LucideIcon
  label: string
  shortcut?: string
  active?: boolean
  disabled?: boolean
  onClick: () => void
}) {
  return (
    <button
      type="button"
      className="tool"
      aria-label={label}
      title={shortcut ? `${label} (${shortcut})` : label}
      aria-pressed={active === undefined ? undefined : active}
      disabled={disabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      <Icon size={17} strokeWidth={2} aria-hidden="true" />
    </button>
  )
}

/**
 * The formatting toolbar. It re-renders only when what it shows changes (a selector over the
 * editor state), never on every keystroke. Arrow keys move between its buttons.
 */
export function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation()
  const state = useEditorState({ editor, selector: ({ editor: e }) => (e ? toolbarState(e) : null) })
  const [linkOpen, setLinkOpen] = useState(false)
  const bar = useRef<HTMLDivElement>(null)
  const blockId = useId()
  if (!state) return null
  const chain = () => editor.chain().focus()
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+'

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return
    const controls = [...(bar.current?.querySelectorAll<HTMLElement>('button:not(:disabled), select') ?? [])]
    const index = controls.indexOf(document.activeElement as HTMLElement)
    if (index === -1) return
    event.preventDefault()
    controls[(index + (event.key === 'ArrowRight' ? 1 : controls.length - 1)) % controls.length]?.focus()
  }

  const setBlock = (value: string) => {
    if (value === 'p') chain().setParagraph().run()
    else chain().setNode('heading', { level: Number(value.slice(1)) }).run()
  }

  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')} ref={bar} onKeyDown={onKeyDown}>
      <ToolButton icon={Undo2} label={t('toolbar.undo')} shortcut={`${mod}Z`} disabled={!state.canUndo} onClick={() => chain().undo().run()} />
      <ToolButton icon={Redo2} label={t('toolbar.redo')} shortcut={`${mod}Shift+Z`} disabled={!state.canRedo} onClick={() => chain().redo().run()} />
      <span className="toolbar__sep" />
      <label htmlFor={blockId} className="visually-hidden">{t('toolbar.blockType')}</label>
      <select id={blockId} className="toolbar__select" value={state.block} disabled={!state.inText} onChange={(e) => setBlock(e.target.value)}>
        {state.block === '' && <option value="">—</option>}
        <option value="p">{t('toolbar.paragraph')}</option>
        {[1, 2, 3, 4].map((level) => <option key={level} value={`h${level}`}>{t('toolbar.heading', { level })}</option>)}
      </select>
      <span className="toolbar__sep" />
      <ToolButton icon={Bold} label={t('toolbar.bold')} shortcut={`${mod}B`} active={state.bold} onClick={() => chain().toggleBold().run()} />
      <ToolButton icon={Italic} label={t('toolbar.italic')} shortcut={`${mod}I`} active={state.italic} onClick={() => chain().toggleItalic().run()} />
      <ToolButton icon={Strikethrough} label={t('toolbar.strike')} shortcut={`${mod}Shift+S`} active={state.strike} onClick={() => chain().toggleStrike().run()} />
      <ToolButton icon={Code} label={t('toolbar.code')} shortcut={`${mod}E`} active={state.code} onClick={() => chain().toggleCode().run()} />
      <ToolButton icon={Link2} label={t('toolbar.link')} active={state.link} onClick={() => setLinkOpen((open) => !open)} />
      <span className="toolbar__sep" />
      <ToolButton icon={List} label={t('toolbar.bulletList')} active={state.bulletList} disabled={!state.inText} onClick={() => chain().toggleBulletList().run()} />
      <ToolButton icon={ListOrdered} label={t('toolbar.orderedList')} active={state.orderedList} disabled={!state.inText} onClick={() => chain().toggleOrderedList().run()} />
      <ToolButton icon={ListChecks} label={t('toolbar.taskList')} active={state.taskList} disabled={!state.inText} onClick={() => chain().toggleTaskList().run()} />
      <ToolButton icon={Quote} label={t('toolbar.quote')} active={state.blockquote} disabled={!state.inText} onClick={() => chain().toggleBlockquote().run()} />
      <ToolButton icon={CodeSquare} label={t('toolbar.codeBlock')} active={state.codeBlock} disabled={!state.inText} onClick={() => chain().toggleCodeBlock().run()} />
      <span className="toolbar__sep" />
      <ToolButton icon={Table} label={t('toolbar.table')} disabled={!state.inText || state.inTable} onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()} />
      {state.inTable && (
        <>
          <ToolButton icon={Rows3} label={t('toolbar.addRow')} onClick={() => chain().addRowAfter().run()} />
          <ToolButton icon={Columns3} label={t('toolbar.addColumn')} onClick={() => chain().addColumnAfter().run()} />
        </>
      )}
      <span className="toolbar__sep" />
      <ToolButton icon={Plus} label={t('toolbar.insertBlock')} disabled={!state.inText || state.inTable} onClick={() => openSlashMenu(editor)} />
      {linkOpen && <LinkForm editor={editor} onDone={() => setLinkOpen(false)} />}
    </div>
  )
}

/** Opens the `/` menu on a new empty line below the cursor's block (or on the cursor's line when it is empty). */
function openSlashMenu(editor: Editor): void {
  const { $from } = editor.state.selection
  const chain = editor.chain().focus()
  if ($from.depth !== 1 || $from.parent.content.size > 0) {
    const after = $from.after(1)
    chain.insertContentAt(after, { type: 'paragraph' }).setTextSelection(after + 1)
  }
  chain.insertContent('/').run()
}

/** The link editor: an address for the selected text (only http, https, mailto and relative links). */
function LinkForm({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const { t } = useTranslation()
  const [href, setHref] = useState<string>(() => (editor.getAttributes('link').href as string | undefined) ?? '')
  const inputId = useId()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const value = href.trim()
    if (value && isSafeHref(value)) editor.chain().focus().extendMarkRange('link').setLink({ href: value }).run()
    else if (!value) editor.chain().focus().extendMarkRange('link').unsetLink().run()
    onDone()
  }
  return (
    <form className="link-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <label htmlFor={inputId} className="visually-hidden">{t('toolbar.linkUrl')}</label>
      <input id={inputId} autoFocus value={href} placeholder="https://" onChange={(e) => setHref(e.target.value)} aria-invalid={href.trim() !== '' && !isSafeHref(href.trim())} />
      <button type="submit" className="button button--small">{t('toolbar.linkApply')}</button>
      <button type="button" className="button button--small button--ghost" onClick={() => {
        editor.chain().focus().extendMarkRange('link').unsetLink().run()
        onDone()
      }}>{t('toolbar.linkRemove')}</button>
    </form>
  )
}
