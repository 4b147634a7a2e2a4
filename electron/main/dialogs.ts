import type { MessageBoxOptions, OpenDialogOptions, SaveDialogOptions } from 'electron'
import type { FolderPurpose } from '../../core/host/api.js'
import type { Labels, Lang } from '../../core/i18n.js'
import type { CloseChoice } from './close.js'
import type { SaveKind } from './handlers.js'

/** The native dialogs' options, in the UI language. Main shows them with Electron's `dialog`. */

const LABELS = {
  mldocFiles: { en: 'MLDoc documents', uz: 'MLDoc hujjatlari' },
  markdownFiles: { en: 'Markdown', uz: 'Markdown' },
  open: { en: 'Open a document', uz: 'Hujjatni ochish' },
  save: { en: 'Save the document', uz: 'Hujjatni saqlash' },
  export: { en: 'Export as Markdown', uz: 'Markdownga eksport' },
  repository: { en: 'Choose the repository to export into', uz: 'Eksport qilinadigan repozitoriyni tanlang' },
  repositoryButton: { en: 'Choose Repository', uz: 'Repozitoriyni tanlash' },
  project: { en: 'Choose the folder of the project skeleton', uz: 'Loyiha skeleti uchun papkani tanlang' },
  projectButton: { en: 'Choose Folder', uz: 'Papkani tanlash' },
  unsaved: { en: 'Save the changes to “{name}” before closing?', uz: '“{name}” yopilishidan oldin oʻzgarishlar saqlansinmi?' },
  unsavedDetail: { en: 'If you don’t save, your changes are lost.', uz: 'Saqlamasangiz, oʻzgarishlar yoʻqoladi.' },
  saveButton: { en: 'Save', uz: 'Saqlash' },
  discardButton: { en: 'Don’t Save', uz: 'Saqlamaslik' },
  cancelButton: { en: 'Cancel', uz: 'Bekor qilish' },
} satisfies Record<string, Labels>

/** Options of the Open dialog: MLDoc documents, and Markdown files to import. */
export function openDialogOptions(lang: Lang): OpenDialogOptions {
  return {
    title: LABELS.open[lang],
    properties: ['openFile'],
    filters: [
      { name: LABELS.mldocFiles[lang], extensions: ['mldoc'] },
      { name: LABELS.markdownFiles[lang], extensions: ['md', 'markdown'] },
    ],
  }
}

/** Options of the dialog that picks a folder: the git repository to export into, or where a project skeleton goes. */
export function folderDialogOptions(purpose: FolderPurpose, lang: Lang): OpenDialogOptions {
  return {
    title: LABELS[purpose][lang],
    buttonLabel: LABELS[purpose === 'repository' ? 'repositoryButton' : 'projectButton'][lang],
    properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'],
  }
}

/** Options of the Save As dialog of a document or a Markdown export, proposing `suggestedName`. */
export function saveDialogOptions(kind: SaveKind, suggestedName: string, lang: Lang): SaveDialogOptions {
  const extension = kind === 'document' ? 'mldoc' : 'md'
  const base = suggestedName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ').replace(/\s+/g, ' ').trim() || 'document'
  return {
    title: kind === 'document' ? LABELS.save[lang] : LABELS.export[lang],
    defaultPath: base.toLowerCase().endsWith(`.${extension}`) ? base : `${base}.${extension}`,
    filters: [{ name: kind === 'document' ? LABELS.mldocFiles[lang] : LABELS.markdownFiles[lang], extensions: [extension] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  }
}

/** The buttons of the unsaved-changes prompt, in the order {@link closePromptOptions} shows them. */
export const CLOSE_CHOICES: readonly CloseChoice[] = ['save', 'discard', 'cancel']

/** The prompt shown when a window with unsaved changes is closing. */
export function closePromptOptions(lang: Lang, documentName: string): MessageBoxOptions {
  return {
    type: 'warning',
    message: LABELS.unsaved[lang].replace('{name}', documentName),
    detail: LABELS.unsavedDetail[lang],
    buttons: [LABELS.saveButton[lang], LABELS.discardButton[lang], LABELS.cancelButton[lang]],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
  }
}
