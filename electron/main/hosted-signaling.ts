import type { NetworkInterfaceInfo } from 'node:os'
import type { MessageBoxOptions } from 'electron'
import { MAX_SERVERS } from '../../core/collab/servers.js'
import type { HostedSignalingProblem, HostedSignalingState, Settings, ShownSettings } from '../../core/host/api.js'
import type { Labels, Lang } from '../../core/i18n.js'
import type { SignalServer, SignalServerOptions } from '../../node/signal/server.js'
import type { HostHandlers } from './handlers.js'
import type { UserData } from './user-data.js'

/**
 * The signaling server the desktop app can run on the sharer's machine, so a team on one network
 * needs no infrastructure: with `hostSignaling` on in Settings, main runs MLDoc's signaling server
 * on every IPv4 interface (port `hostSignalingPort`, 4444 unless changed), from launch or from the
 * moment the setting is saved, and while it runs the windows see this machine's network address
 * (`ws://192.168.1.20:4444`) first among their signaling servers, so every invite carries it.
 */

/** Port the hosted signaling server listens on unless Settings say otherwise (the port `mldoc signal` uses by default). */
export const HOSTED_SIGNALING_PORT = 4444
/**
 * Address it listens on: every IPv4 interface, because teammates on the network must reach it.
 * It carries only signaling (encrypted with each room's secret), never a document.
 */
export const HOSTED_SIGNALING_HOST = '0.0.0.0'

/** Network interfaces as `os.networkInterfaces()` returns them. */
export type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>

/** Whether `address` is an IPv4 link-local address (169.254.x.x: no network gave this machine an address). */
function isLinkLocal(address: string): boolean {
  return address.startsWith('169.254.')
}

/**
 * This machine's address on its network: the first IPv4 address that is neither internal
 * (loopback) nor link-local, in the order the system lists its interfaces; null when there is none.
 */
export function lanAddress(interfaces: Interfaces): string | null {
  for (const entries of Object.values(interfaces)) {
    for (const entry of entries ?? []) {
      if (entry.family === 'IPv4' && !entry.internal && !isLinkLocal(entry.address)) return entry.address
    }
  }
  return null
}

/** Every IPv4 address of this machine, loopback included. */
function ownAddresses(interfaces: Interfaces): Set<string> {
  const own = new Set(['127.0.0.1', 'localhost'])
  for (const entries of Object.values(interfaces)) for (const entry of entries ?? []) if (entry.family === 'IPv4') own.add(entry.address)
  return own
}

/** Whether a signaling address names the server this machine hosts on `port`: `ws://` to one of its own addresses (loopback included) on that port. */
function namesHostedServer(url: string, port: number, own: Set<string>): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  return parsed.protocol === 'ws:' && Number(parsed.port) === port && (own.has(parsed.hostname) || parsed.hostname.startsWith('127.'))
}

/** What {@link HostedSignaling} needs from the machine. */
export interface HostedSignalingDeps {
  /** Starts a signaling server (`startSignalServer` from node/signal/server.ts). */
  start(options: SignalServerOptions): Promise<SignalServer>
  /** The network interfaces now (`os.networkInterfaces`): the address is read at each use, so a laptop that changed networks hands out its new one. */
  interfaces(): Interfaces
}

/** Why a server could not listen on `port`: the problem, and what to tell a person. */
function listenProblem(error: unknown, port: number): { problem: HostedSignalingProblem; message: string } {
  const code = (error as { code?: unknown }).code
  if (code === 'EADDRINUSE') return { problem: 'port-in-use', message: `port ${port} is already in use on this computer (is "mldoc signal" or another signaling server running?)` }
  if (code === 'EACCES') return { problem: 'not-allowed', message: `this computer does not allow MLDoc to listen on port ${port}` }
  return { problem: 'other', message: error instanceof Error ? error.message : String(error) }
}

/** Why the server could not start: its message says it in words a person can act on. */
export class HostingFailed extends Error {
  constructor(
    readonly port: number,
    readonly problem: HostedSignalingProblem,
    message: string,
  ) {
    super(message)
    this.name = 'HostingFailed'
  }
}

/**
 * The hosted signaling server: started, moved to another port and stopped as the settings say,
 * and the settings the windows see while it runs. Asking for what already is does nothing.
 */
export class HostedSignaling {
  #server: SignalServer | null = null
  /** The port asked for, while the server runs (the server may report another in tests). */
  #askedPort: number | null = null
  #failure: HostingFailed | null = null
  #change: Promise<void> = Promise.resolve()

  constructor(private readonly deps: HostedSignalingDeps) {}

  /** Whether the server is running. */
  get running(): boolean {
    return this.#server !== null
  }

  /**
   * Starts the server on {@link HOSTED_SIGNALING_HOST}:`port`, moves it to `port` when it runs on
   * another, or stops it. Rejects with {@link HostingFailed} when it cannot listen (and
   * {@link state} says so until the next change); changes run one at a time.
   */
  set(on: boolean, port: number = HOSTED_SIGNALING_PORT): Promise<void> {
    const change = this.#change.then(async () => {
      if (this.#server !== null && (!on || this.#askedPort !== port)) {
        const server = this.#server
        this.#server = null
        this.#askedPort = null
        await server.close()
      }
      this.#failure = null
      if (on && this.#server === null) {
        try {
          this.#server = await this.deps.start({ port, host: HOSTED_SIGNALING_HOST })
          this.#askedPort = port
        } catch (error) {
          const { problem, message } = listenProblem(error, port)
          this.#failure = new HostingFailed(port, problem, message)
          throw this.#failure
        }
      }
    })
    this.#change = change.catch(() => undefined)
    return change
  }

  /** What the server is doing, as Settings show it. */
  state(): HostedSignalingState {
    if (this.#server !== null) return { state: 'running', port: this.#askedPort ?? this.#server.port, url: this.lanUrl() }
    if (this.#failure !== null) return { state: 'failed', port: this.#failure.port, problem: this.#failure.problem, message: this.#failure.message }
    return { state: 'off' }
  }

  /** The address teammates reach the server at, `ws://<network address>:<port>`; null while it is not running or this machine has no network address. */
  lanUrl(): string | null {
    const address = this.#server ? lanAddress(this.deps.interfaces()) : null
    return address === null ? null : `ws://${address}:${this.#server!.port}`
  }

  /**
   * The settings as a window sees them: while the server runs, its network address comes first
   * among the signaling servers, in place of any address that names it from this machine
   * (`ws://127.0.0.1:4444`: a window connected to one server twice would get every answer twice).
   */
  served(settings: Settings): Settings {
    const lan = this.lanUrl()
    if (lan === null) return settings
    const own = ownAddresses(this.deps.interfaces())
    const others = settings.signalingUrls.filter((url) => !namesHostedServer(url, this.#server!.port, own))
    return { ...settings, signalingUrls: [lan, ...others].slice(0, MAX_SERVERS) }
  }

  /**
   * What to store of a change made by a window that saw {@link served} settings: the network
   * address is not stored (it changes with the network), and what the window did not see of the
   * stored list is kept.
   */
  toStore(change: Partial<Settings>, stored: Settings): Partial<Settings> {
    const lan = this.lanUrl()
    if (lan === null || change.signalingUrls === undefined) return change
    const own = ownAddresses(this.deps.interfaces())
    const shown = this.served(stored).signalingUrls
    const hidden = stored.signalingUrls.filter((url) => !shown.includes(url))
    const chosen = change.signalingUrls.filter((url) => !namesHostedServer(url, this.#server!.port, own))
    return { ...change, signalingUrls: [...new Set([...chosen, ...hidden])].slice(0, MAX_SERVERS) }
  }

  /** Stops the server, if it runs. */
  close(): Promise<void> {
    return this.set(false)
  }
}

/**
 * The settings calls of the host API as the desktop app serves them: the settings as
 * {@link HostedSignaling.served} shows them, with what the server is doing; a change of the
 * hosting settings starts, moves or stops the server before the answer (an answer that still
 * comes when it cannot start: the settings are kept, and the state says why it does not run).
 */
export function hostedSettingsHandlers(handlers: Pick<HostHandlers, 'getSettings' | 'setSettings'>, hosted: HostedSignaling): Pick<HostHandlers, 'getSettings' | 'setSettings'> {
  const shown = (settings: Settings): ShownSettings => ({ ...hosted.served(settings), hostedSignaling: hosted.state() })
  return {
    getSettings: async (request, caller) => shown(await handlers.getSettings(request, caller)),
    setSettings: async (change, caller) => {
      const stored = await handlers.getSettings({}, caller)
      const next = await handlers.setSettings(hosted.toStore(change, stored), caller)
      if (change.hostSignaling !== undefined || change.hostSignalingPort !== undefined) {
        await hosted.set(next.hostSignaling, next.hostSignalingPort).catch((error: unknown) => {
          if (!(error instanceof HostingFailed)) throw error
        })
      }
      return shown(next)
    },
  }
}

/** Command-line switches that turn the option on and off (and keep it so, as if set in Settings). */
export const HOST_SIGNALING_SWITCHES = { on: '--host-signaling', off: '--no-host-signaling' } as const

/** The option a command line asks for (the last switch wins), or null when it names none. */
export function hostSignalingSwitch(argv: readonly string[]): boolean | null {
  let asked: boolean | null = null
  for (const arg of argv) {
    if (arg === HOST_SIGNALING_SWITCHES.on) asked = true
    else if (arg === HOST_SIGNALING_SWITCHES.off) asked = false
  }
  return asked
}

/** What {@link applyHostSignalingOption} works with. */
export interface HostSignalingControl {
  /** The stored settings, where the option and its port are kept. */
  readonly settings: Pick<UserData, 'settings' | 'updateSettings'>
  readonly hosted: HostedSignaling
  /** Shows a message to the user. */
  tell(options: MessageBoxOptions): void
  /** The UI language now. */
  lang(): Lang
}

/**
 * Keeps a command line's switch (if it has one) in Settings, then starts or stops the server as
 * Settings say; when it cannot start, the user is told why. Call it at launch before the first
 * window opens (so its settings already carry the address), and with a second instance's
 * command line that has a switch.
 */
export async function applyHostSignalingOption(argv: readonly string[], control: HostSignalingControl): Promise<void> {
  const asked = hostSignalingSwitch(argv)
  const settings = asked === null ? await control.settings.settings() : await control.settings.updateSettings({ hostSignaling: asked })
  try {
    await control.hosted.set(settings.hostSignaling, settings.hostSignalingPort)
  } catch (error) {
    control.tell(hostingFailedOptions(control.lang(), error instanceof Error ? error.message : String(error)))
  }
}

const LABELS = {
  failed: { en: 'MLDoc could not start its signaling server', uz: 'MLDoc signal serverini ishga tushira olmadi' },
  failedDetail: {
    en: 'Invites from this computer name only the other signaling servers in Settings until it runs. In Settings, choose another port or turn hosting off.',
    uz: 'U ishlamaguncha, bu kompyuterdan yuborilgan taklifnomalarda faqat Sozlamalardagi boshqa signal serverlari bo‘ladi. Sozlamalarda boshqa port tanlang yoki serverni o‘chiring.',
  },
} satisfies Record<string, Labels>

/** The message shown when the hosted server cannot start: `reason` is the error's message. */
export function hostingFailedOptions(lang: Lang, reason: string): MessageBoxOptions {
  return {
    type: 'warning',
    message: LABELS.failed[lang],
    detail: `${reason}\n\n${LABELS.failedDetail[lang]}`,
  }
}
