import { HOST_METHODS, HostResponses, hostChannel, parseHostRequest, type HostMethod } from '../../core/host/api.js'
import { CLOSE_REPLY_CHANNEL, type CloseReply, type HostReply } from '../common/bridge.js'
import type { Caller, HostHandlers } from './handlers.js'
import { isAppPageUrl } from './window.js'

/**
 * The one place main receives IPC. Every message is checked before anything acts on it: it must
 * come from the top frame of one of MLDoc's windows showing the app page, and its payload must
 * fit the method's schema. A refused call throws and never reaches the implementation.
 */

/** The frame a message came from: its URL, and its parent (null for a window's top frame). */
export interface SenderFrameLike {
  readonly url: string
  readonly parent: unknown
}

/** What main knows about a message's sender (a subset of Electron's IPC events). */
export interface IpcEventLike {
  readonly sender: { readonly id: number }
  readonly senderFrame: SenderFrameLike | null
}

/** The part of Electron's `ipcMain` used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): void
}

/** What {@link registerIpc} wires together. */
export interface IpcOptions {
  readonly ipcMain: IpcMainLike
  /** The id of the MLDoc window whose webContents has this id, or null when it is not one of ours. */
  windowOf(webContentsId: number): number | null
  readonly handlers: HostHandlers
  /** Receives a window's answer about its unsaved changes. */
  onCloseReply(windowId: number, reply: CloseReply): void
}

/** The window a message may act for, or an error saying why the sender is refused. */
export function checkSender(event: IpcEventLike, windowOf: (webContentsId: number) => number | null, channel: string): Caller {
  const frame = event.senderFrame
  if (frame === null) throw new Error(`${channel} refused: the sending frame is gone`)
  if (frame.parent !== null) throw new Error(`${channel} refused: only a window's top frame may call the host`)
  if (!isAppPageUrl(frame.url)) throw new Error(`${channel} refused: the sender is not the MLDoc app page`)
  const windowId = windowOf(event.sender.id)
  if (windowId === null) throw new Error(`${channel} refused: the sender is not an MLDoc window`)
  return { windowId }
}

/** The single payload of a call, refusing calls with none or more than one. */
function onlyPayload(channel: string, args: unknown[]): unknown {
  if (args.length !== 1) throw new Error(`${channel} refused: expected one request object, got ${args.length} arguments`)
  return args[0]
}

function isCloseReply(value: unknown): value is CloseReply {
  if (typeof value !== 'object' || value === null) return false
  const reply = value as Record<string, unknown>
  return Object.keys(reply).length === 2 && Number.isSafeInteger(reply.id) && typeof reply.unsaved === 'boolean'
}

/** Runs a checked call and packs its result, or its error message, for the trip back. */
async function answer<M extends HostMethod>(method: M, run: () => Promise<unknown>): Promise<HostReply<unknown>> {
  try {
    const value: unknown = HostResponses[method].parse(await run())
    return { ok: true, value }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) }
  }
}

/** Registers a checked handler for every host method, and the listener for close replies. */
export function registerIpc({ ipcMain, windowOf, handlers, onCloseReply }: IpcOptions): void {
  for (const method of HOST_METHODS) {
    const channel = hostChannel(method)
    ipcMain.handle(channel, async (event, ...args) => {
      const caller = checkSender(event, windowOf, channel)
      const request = parseHostRequest(method, onlyPayload(channel, args))
      const handler = handlers[method] as (request: unknown, caller: Caller) => Promise<unknown>
      return answer(method, () => handler(request, caller))
    })
  }
  ipcMain.on(CLOSE_REPLY_CHANNEL, (event, ...args) => {
    let caller: Caller
    try {
      caller = checkSender(event, windowOf, CLOSE_REPLY_CHANNEL)
    } catch {
      return
    }
    const reply = args.length === 1 ? args[0] : undefined
    if (isCloseReply(reply)) onCloseReply(caller.windowId, reply)
  })
}
