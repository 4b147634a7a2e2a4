import { networkInterfaces } from 'node:os'
import { join } from 'node:path'
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session, shell, type Event } from 'electron'
import type { Lang } from '../../core/i18n.js'
import { startSignalServer } from '../../node/signal/server.js'
import { CLOSE_QUERY_CHANNEL, MENU_CHANNEL, type MenuCommand } from '../common/bridge.js'
import { DocumentAccess } from './access.js'
import { serveAppRequest } from './app-protocol.js'
import { documentPathsFromArgv } from './argv.js'
import { CloseGuard } from './close.js'
import { CLOSE_CHOICES, closePromptOptions, folderDialogOptions, openDialogOptions, saveDialogOptions } from './dialogs.js'
import { createHostHandlers } from './handlers.js'
import { applyHostSignalingOption, HostedSignaling, hostedSettingsHandlers, hostSignalingSwitch, type HostSignalingControl } from './hosted-signaling.js'
import { InviteLinks } from './invite-link.js'
import { registerIpc } from './ipc.js'
import { menuTemplate } from './menu.js'
import { guardNavigation } from './navigation.js'
import { UserData } from './user-data.js'
import { APP_SCHEME, appPageUrl, createDocumentWindow, secureSession } from './window.js'

/**
 * The desktop app's main process: one instance, a window per document, every window locked
 * down, and the host API served over checked IPC. Built to `dist/electron/main.cjs`.
 */

const APP_ROOT = app.getAppPath()
const PRELOAD = join(APP_ROOT, 'dist', 'electron', 'preload.cjs')
const RENDERER_DIR = join(APP_ROOT, 'dist', 'renderer')
const TEMPLATES_DIR = join(APP_ROOT, 'templates')
/** How long a window has to say whether it has unsaved changes. */
const CLOSE_QUERY_TIMEOUT_MS = 3_000
/** How long a window has to save before closing (a Save As dialog may be open meanwhile). */
const CLOSE_SAVE_TIMEOUT_MS = 10 * 60_000

const access = new DocumentAccess()
const userData = new UserData(app.getPath('userData'))
const windows = new Map<number, BrowserWindow>()
/** Windows whose close was confirmed: their next close event goes through. */
const closeConfirmed = new Set<number>()
/** Windows waiting for the unsaved-changes round trip. */
const closeAsked = new Set<number>()
/** Documents the OS asked to open before the app was ready. */
const openBeforeReady: string[] = []
let uiLang: Lang = 'en'
let quitting = false

/** The id of our window whose webContents has this id, or null. */
function windowOf(webContentsId: number): number | null {
  for (const [id, win] of windows) if (!win.isDestroyed() && win.webContents.id === webContentsId) return id
  return null
}

/**
 * Opens a window on the start screen, or on a document (focusing the window already showing it),
 * or, given `page`, on that app page (the join screen of an invite).
 */
function openWindow(documentPath: string | null, page: string = appPageUrl(documentPath)): void {
  const shownIn = documentPath === null ? null : access.windowShowing(documentPath)
  const existing = shownIn === null ? undefined : windows.get(shownIn)
  if (existing) {
    if (existing.isMinimized()) existing.restore()
    existing.focus()
    return
  }
  const win = createDocumentWindow(BrowserWindow, { preload: PRELOAD, title: 'MLDoc' })
  const id = win.id
  windows.set(id, win)
  if (documentPath !== null) access.showDocument(id, documentPath)
  win.once('ready-to-show', () => win.show())
  win.on('close', (event) => confirmClose(win, event))
  win.on('closed', () => {
    windows.delete(id)
    access.forget(id)
    closeConfirmed.delete(id)
    closeAsked.delete(id)
    if (quitting) app.quit()
  })
  win.loadURL(page).catch((error: unknown) => {
    dialog.showErrorBox('MLDoc cannot show its window', `The app page did not load (${error instanceof Error ? error.message : String(error)}). Is the renderer built into dist/renderer?`)
  })
}

/** Invite links (`mldoc://join?...`) from the system: each opens a window on the join screen. */
const inviteLinks = new InviteLinks({
  openPage: (page) => openWindow(null, page),
  tell: (options) => void dialog.showMessageBox(options),
  lang: () => uiLang,
})

/** The signaling server this app runs for the team when Settings say so (see docs/CO-EDITING.md). */
const hostSignaling: HostSignalingControl = {
  settings: userData,
  hosted: new HostedSignaling({ start: startSignalServer, interfaces: networkInterfaces }),
  tell: (options) => void dialog.showMessageBox(options),
  lang: () => uiLang,
}

const closeGuard = new CloseGuard({
  send: (windowId, query) => windows.get(windowId)?.webContents.send(CLOSE_QUERY_CHANNEL, query),
  prompt: async (windowId) => {
    const win = windows.get(windowId)
    if (!win) return 'discard'
    const { response } = await dialog.showMessageBox(win, closePromptOptions(uiLang, win.getTitle()))
    return CLOSE_CHOICES[response] ?? 'cancel'
  },
  queryTimeoutMs: CLOSE_QUERY_TIMEOUT_MS,
  saveTimeoutMs: CLOSE_SAVE_TIMEOUT_MS,
})

/** Holds a closing window open until its unsaved changes are saved or given up. */
function confirmClose(win: BrowserWindow, event: Event): void {
  const id = win.id
  if (closeConfirmed.has(id)) return
  event.preventDefault()
  if (closeAsked.has(id)) return
  closeAsked.add(id)
  void closeGuard.mayClose(id).then((ok) => {
    closeAsked.delete(id)
    if (ok && !win.isDestroyed()) {
      closeConfirmed.add(id)
      win.close()
    } else {
      quitting = false
    }
  })
}

const handlers = createHostHandlers({
  userData,
  access,
  templatesDir: TEMPLATES_DIR,
  chooseDocumentToOpen: async (windowId) => {
    const win = windows.get(windowId)
    const result = win ? await dialog.showOpenDialog(win, openDialogOptions(uiLang)) : await dialog.showOpenDialog(openDialogOptions(uiLang))
    return result.canceled ? null : (result.filePaths[0] ?? null)
  },
  chooseSavePath: async (windowId, kind, suggestedName) => {
    const win = windows.get(windowId)
    const options = saveDialogOptions(kind, suggestedName, uiLang)
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
    return result.canceled || !result.filePath ? null : result.filePath
  },
  chooseFolder: async (windowId, purpose) => {
    const win = windows.get(windowId)
    const options = folderDialogOptions(purpose, uiLang)
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  },
  settingsChanged: (settings) => {
    uiLang = settings.uiLang
    setMenu()
  },
  documentUsed: (path) => app.addRecentDocument(path),
})

/** Opens a web link in the user's browser. Only http(s) URLs that `externalLinkTarget` parsed reach it. */
function openWebLink(url: string): Promise<void> {
  return shell.openExternal(url) // eng-disable OPEN_EXTERNAL_JS_CHECK (reviewed: guardNavigation passes only parsed http(s) URLs)
}

/** Asks for a document from the menu and opens it in its own window. */
async function openFromMenu(): Promise<void> {
  const focused = BrowserWindow.getFocusedWindow()
  const options = openDialogOptions(uiLang)
  const result = focused ? await dialog.showOpenDialog(focused, options) : await dialog.showOpenDialog(options)
  const path = result.canceled ? undefined : result.filePaths[0]
  if (path) openWindow(path)
}

/** Sends a menu command to the focused window, when it is one of ours. */
function sendToFocused(command: MenuCommand): void {
  const focused = BrowserWindow.getFocusedWindow()
  if (focused && windows.get(focused.id) === focused) focused.webContents.send(MENU_CHANNEL, command)
}

function setMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, uiLang, {
    newWindow: () => openWindow(null),
    openDocument: () => void openFromMenu(),
    send: sendToFocused,
  })))
}

/** Opens each document and invite named on a command line; with none, brings a window forward. */
function openFromCommandLine(argv: readonly string[], cwd: string): void {
  const paths = documentPathsFromArgv(argv, cwd)
  for (const path of paths) openWindow(path)
  if (inviteLinks.openFromArgv(argv) + paths.length > 0) return
  const [first] = windows.values()
  if (first) {
    if (first.isMinimized()) first.restore()
    first.focus()
  } else {
    openWindow(null)
  }
}

function start(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])
  app.enableSandbox()
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, openWebLink))
  app.on('open-file', (event, path) => {
    event.preventDefault()
    if (app.isReady()) openWindow(path)
    else openBeforeReady.push(path)
  })
  app.on('second-instance', (_event, argv, cwd) => {
    openFromCommandLine(argv.slice(1), cwd)
    // Only a switch changes hosting here: a file opened while the port is taken must not warn again.
    if (hostSignalingSwitch(argv) !== null) void applyHostSignalingOption(argv, hostSignaling)
  })
  inviteLinks.listen(app, process)
  app.on('before-quit', () => {
    quitting = true
  })
  app.on('will-quit', () => void hostSignaling.hosted.close())
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (windows.size === 0) openWindow(null)
  })
  registerIpc({ ipcMain, windowOf, handlers: { ...handlers, ...hostedSettingsHandlers(handlers, hostSignaling.hosted) }, onCloseReply: (windowId, reply) => closeGuard.reply(windowId, reply) })

  void app.whenReady().then(async () => {
    secureSession(session.defaultSession)
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(request.url, RENDERER_DIR))
    uiLang = (await userData.settings()).uiLang
    setMenu()
    // Before the first window, so its settings already name the hosted signaling server.
    await applyHostSignalingOption(process.argv, hostSignaling)
    for (const path of openBeforeReady.splice(0)) openWindow(path)
    inviteLinks.ready()
    openFromCommandLine(process.argv.slice(1), process.cwd())
  })
}

if (app.requestSingleInstanceLock()) start()
else app.quit()
