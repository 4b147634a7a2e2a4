import { Extension, type AnyExtension } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import i18next from 'i18next'
import type * as Y from 'yjs'
import type { Lang } from '../../core/i18n.js'
import { mldocExtensions } from '../../core/schema/index.js'
import type { BindingMapping } from '../../core/yjs/body-from-y.js'
import { BODY_FRAGMENT } from '../../core/yjs/doc.js'
import { nodeViews } from '../blocks/index.js'
import { StandInRedraw } from '../blocks/stand-ins.js'
import { CaretBlock } from './caret-block.js'
import { CaretCaughtUp } from './caret-caught-up.js'
import { FindInDocument } from './find.js'
import { SectionGuidance } from './guidance.js'
import { SentBeforeDrawn } from './sent-before-drawn.js'
import { SlashMenu } from './SlashMenu.js'
import { TaskListShortcut } from './task-shortcut.js'
import { TypedCharacters } from './typed-characters.js'

/**
 * Changes that come from the Y.Doc (the document loading, a peer's edit, undo) are shown as they
 * are: links are made from URLs typed here only (the peer who typed one made its link, which
 * comes with the change). Autolink otherwise scanned the whole text of a document as it loaded.
 */
export const SyncedChangesAsTheyAre = Extension.create({
  name: 'syncedChangesAsTheyAre',
  dispatchTransaction({ transaction, next }) {
    if (transaction.getMeta(ySyncPluginKey)) transaction.setMeta('preventAutolink', true)
    next(transaction)
  },
})

/**
 * The editor's extensions: MLDoc's schema (with the renderer's node views), bound to the
 * document's Y.Doc (Collaboration owns undo, so only one's own changes are undone), the `/`
 * menu, find in the document, each empty section's template guidance shown as placeholder text,
 * and the blocks holding the caret marked for the stylesheet. The stand-ins that the first drawing
 * of a long document made for views (`drawWithStandIns`) are redrawn with their views after it.
 * A key acts where the caret is on the screen, even when the browser has not told the editor
 * yet. A typed character goes in as a transaction, and every change is written to the Y.Doc
 * (sent to peers) before it is drawn.
 * The binding starts from the editor's document and `mapping` when `mapping` holds nodes
 * ({@link bindableBody}), and otherwise builds the document from the Y.Doc.
 */
export function editorExtensions(ydoc: Y.Doc, documentLang: () => Lang, mapping: BindingMapping): AnyExtension[] {
  return [
    ...mldocExtensions({ starterKit: { undoRedo: false }, nodes: nodeViews }),
    Collaboration.configure({ document: ydoc, field: BODY_FRAGMENT, ySyncOptions: { mapping } }),
    SyncedChangesAsTheyAre,
    StandInRedraw,
    SentBeforeDrawn,
    SectionGuidance.configure({ emptyLineHint: () => i18next.t('editor.emptyLine') }),
    SlashMenu.configure({ documentLang }),
    FindInDocument,
    TaskListShortcut,
    CaretBlock,
    CaretCaughtUp,
    TypedCharacters,
  ]
}
