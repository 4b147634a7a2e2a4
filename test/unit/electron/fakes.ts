import type { IpcEventLike, IpcMainLike } from '../../../electron/main/ipc.js'

/** Stand-ins for the Electron objects the shell's modules take as parameters. */

/** The app page's URL, as a window's top frame reports it. */
export const APP_PAGE = 'app://mldoc/index.html#/'

/** An `ipcMain` that records handlers so a test can call them as Electron would. */
export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>>()
  readonly listeners = new Map<string, (event: IpcEventLike, ...args: unknown[]) => void>()

  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    this.handlers.set(channel, listener)
  }

  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): void {
    this.listeners.set(channel, listener)
  }

  /** Calls a handler like `ipcRenderer.invoke` from `event`'s sender would. */
  invoke(channel: string, event: IpcEventLike, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`no handler for ${channel}`)
    return handler(event, ...args)
  }
}

/** An IPC event from webContents `senderId`, whose frame shows `url` (a top frame unless `parent`). */
export function ipcEvent(senderId: number, url: string | null = APP_PAGE, parent: unknown = null): IpcEventLike {
  return { sender: { id: senderId }, senderFrame: url === null ? null : { url, parent } }
}

/** An Electron-style event that records whether `preventDefault` was called. */
export function preventableEvent<T extends object>(fields: T): T & { preventDefault(): void; readonly defaultPrevented: boolean } {
  let prevented = false
  const event = {
    ...fields,
    preventDefault() {
      prevented = true
    },
  }
  Object.defineProperty(event, 'defaultPrevented', { get: () => prevented })
  return event as T & { preventDefault(): void; readonly defaultPrevented: boolean }
}
