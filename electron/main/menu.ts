import type { MenuItemConstructorOptions } from 'electron'
import type { Labels, Lang } from '../../core/i18n.js'
import type { MenuCommand } from '../common/bridge.js'

/**
 * The native menus as plain data, in the UI language: New and Open are main's (each opens a
 * window); Save, Save As, Export Markdown, Export to Repository, Create Project Skeleton, Undo,
 * Redo and Find go to the focused window's renderer as menu commands, since the editor owns the
 * document, its undo history and the dialogs about it.
 */

/** What the menu items do. */
export interface MenuActions {
  /** Opens a window on the start screen. */
  newWindow(): void
  /** Asks for a document and opens it in a window of its own. */
  openDocument(): void
  /** Sends a command to the focused window's renderer. */
  send(command: MenuCommand): void
}

const LABELS = {
  app: { en: 'MLDoc', uz: 'MLDoc' },
  file: { en: 'File', uz: 'Fayl' },
  edit: { en: 'Edit', uz: 'Tahrirlash' },
  view: { en: 'View', uz: 'Koʻrinish' },
  window: { en: 'Window', uz: 'Oyna' },
  new: { en: 'New', uz: 'Yangi' },
  open: { en: 'Open…', uz: 'Ochish…' },
  save: { en: 'Save', uz: 'Saqlash' },
  saveAs: { en: 'Save As…', uz: 'Boshqa nom bilan saqlash…' },
  exportMarkdown: { en: 'Export Markdown…', uz: 'Markdownga eksport…' },
  exportRepository: { en: 'Export to Repository…', uz: 'Repozitoriyga eksport…' },
  createProject: { en: 'Create Project Skeleton…', uz: 'Loyiha skeletini yaratish…' },
  close: { en: 'Close Window', uz: 'Oynani yopish' },
  quit: { en: 'Quit', uz: 'Chiqish' },
  undo: { en: 'Undo', uz: 'Bekor qilish' },
  redo: { en: 'Redo', uz: 'Qaytarish' },
  cut: { en: 'Cut', uz: 'Kesish' },
  copy: { en: 'Copy', uz: 'Nusxalash' },
  paste: { en: 'Paste', uz: 'Qoʻyish' },
  selectAll: { en: 'Select All', uz: 'Hammasini tanlash' },
  find: { en: 'Find…', uz: 'Qidirish…' },
  zoomIn: { en: 'Zoom In', uz: 'Kattalashtirish' },
  zoomOut: { en: 'Zoom Out', uz: 'Kichiklashtirish' },
  resetZoom: { en: 'Actual Size', uz: 'Asl oʻlcham' },
  fullScreen: { en: 'Toggle Full Screen', uz: 'Toʻliq ekran' },
  minimize: { en: 'Minimize', uz: 'Yigʻish' },
} satisfies Record<string, Labels>

/** Redo's shortcut follows each platform's convention. */
function redoAccelerator(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z'
}

/** The application menu for `platform` in `lang`. */
export function menuTemplate(platform: NodeJS.Platform, lang: Lang, actions: MenuActions): MenuItemConstructorOptions[] {
  const t = (key: keyof typeof LABELS): string => LABELS[key][lang]
  const command = (label: string, accelerator: string | undefined, name: MenuCommand): MenuItemConstructorOptions => ({
    label,
    ...(accelerator === undefined ? {} : { accelerator }),
    click: () => actions.send(name),
  })
  const mac = platform === 'darwin'
  const file: MenuItemConstructorOptions = {
    label: t('file'),
    submenu: [
      { label: t('new'), accelerator: 'CmdOrCtrl+N', click: () => actions.newWindow() },
      { label: t('open'), accelerator: 'CmdOrCtrl+O', click: () => actions.openDocument() },
      { type: 'separator' },
      command(t('save'), 'CmdOrCtrl+S', 'save'),
      command(t('saveAs'), 'CmdOrCtrl+Shift+S', 'save-as'),
      command(t('exportMarkdown'), 'CmdOrCtrl+Shift+E', 'export-markdown'),
      command(t('exportRepository'), undefined, 'export-repository'),
      command(t('createProject'), undefined, 'create-project'),
      { type: 'separator' },
      { label: t('close'), role: 'close' },
      ...(mac ? [] : [{ label: t('quit'), role: 'quit' } satisfies MenuItemConstructorOptions]),
    ],
  }
  const edit: MenuItemConstructorOptions = {
    label: t('edit'),
    submenu: [
      command(t('undo'), 'CmdOrCtrl+Z', 'undo'),
      command(t('redo'), redoAccelerator(platform), 'redo'),
      { type: 'separator' },
      { label: t('cut'), role: 'cut' },
      { label: t('copy'), role: 'copy' },
      { label: t('paste'), role: 'paste' },
      { label: t('selectAll'), role: 'selectAll' },
      { type: 'separator' },
      command(t('find'), 'CmdOrCtrl+F', 'find'),
    ],
  }
  const view: MenuItemConstructorOptions = {
    label: t('view'),
    submenu: [
      { label: t('zoomIn'), role: 'zoomIn' },
      { label: t('zoomOut'), role: 'zoomOut' },
      { label: t('resetZoom'), role: 'resetZoom' },
      { type: 'separator' },
      { label: t('fullScreen'), role: 'togglefullscreen' },
    ],
  }
  const window: MenuItemConstructorOptions = { label: t('window'), submenu: [{ label: t('minimize'), role: 'minimize' }] }
  const app: MenuItemConstructorOptions = {
    label: t('app'),
    submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { label: t('quit'), role: 'quit' }],
  }
  return mac ? [app, file, edit, view, window] : [file, edit, view, window]
}
