import { contextBridge, ipcRenderer } from 'electron'
import type { HostMethod, HostRequest, HostResponse } from '../../core/host/api.js'
import {
  CLOSE_QUERY_CHANNEL,
  CLOSE_REPLY_CHANNEL,
  MENU_CHANNEL,
  MENU_COMMANDS,
  type CloseAction,
  type CloseQuery,
  type CloseReply,
  type HostReply,
  type MLDocBridge,
  type MenuCommand,
} from '../common/bridge.js'

/**
 * The preload: the renderer's only way to the machine. It exposes `window.mldoc`, one named
 * method per host API call plus the menu and close events; no `ipcRenderer`, no channel names,
 * no Electron event objects reach the page. Runs sandboxed: bundled to one file that requires
 * only `electron`.
 */

/** Calls a host method in main and unpacks its reply; an error of the call rejects with its message. */
async function call<M extends HostMethod>(method: M, request: HostRequest<M>): Promise<HostResponse<M>> {
  const reply = (await ipcRenderer.invoke(`mldoc:${method}`, request)) as HostReply<HostResponse<M>>
  if (!reply.ok) throw new Error(reply.error)
  return reply.value
}

let closeHandler: ((action: CloseAction) => Promise<boolean>) | null = null

ipcRenderer.on(CLOSE_QUERY_CHANNEL, (_event, query: CloseQuery) => {
  const answer = (unsaved: boolean): void => ipcRenderer.send(CLOSE_REPLY_CHANNEL, { id: query.id, unsaved } satisfies CloseReply)
  const handler = closeHandler
  if (handler === null) return answer(false)
  // Anything but a clear "no unsaved changes" keeps the window open.
  Promise.resolve()
    .then(() => handler(query.action))
    .then((unsaved: unknown) => answer(unsaved !== false), () => answer(true))
})

const mldoc: MLDocBridge = {
  listTemplates: (request) => call('listTemplates', request),
  newDocument: (request) => call('newDocument', request),
  openDocument: (request) => call('openDocument', request),
  saveDocument: (request) => call('saveDocument', request),
  exportMarkdown: (request) => call('exportMarkdown', request),
  recentDocuments: (request) => call('recentDocuments', request),
  getSettings: (request) => call('getSettings', request),
  setSettings: (request) => call('setSettings', request),
  chooseFolder: (request) => call('chooseFolder', request),
  exportToRepository: (request) => call('exportToRepository', request),
  scaffoldProject: (request) => call('scaffoldProject', request),
  onMenu(listener) {
    const forward = (_event: unknown, command: unknown): void => {
      if ((MENU_COMMANDS as readonly unknown[]).includes(command)) listener(command as MenuCommand)
    }
    ipcRenderer.on(MENU_CHANNEL, forward)
    return () => {
      ipcRenderer.removeListener(MENU_CHANNEL, forward)
    }
  },
  onCloseRequest(handler) {
    closeHandler = handler
  },
}

contextBridge.exposeInMainWorld('mldoc', mldoc)
