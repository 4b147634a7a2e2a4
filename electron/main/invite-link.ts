import { resolve } from 'node:path'
import type { MessageBoxOptions } from 'electron'
import { INVITE_PREFIX, inviteQuery, JOIN_ROUTE, parseInvite } from '../../core/collab/invite.js'
import { MLDocError } from '../../core/errors.js'
import type { Labels, Lang } from '../../core/i18n.js'
import { APP_ENTRY_URL } from './window.js'

/**
 * Invite links opened from the system: MLDoc registers the `mldoc` scheme, and a clicked
 * `mldoc://join?room=..&secret=..&signal=..` reaches main as macOS's `open-url` event or, on
 * Windows and Linux, on the command line (of the first instance, or of a second one, passed on
 * through `second-instance`). Each link is checked with core/collab's invite parser and opens a
 * window on the join route; a malformed one is refused with a message saying what is wrong.
 */

/** The URL scheme of invite links. */
export const INVITE_SCHEME = 'mldoc'

/** Longest part of a refused link quoted back in a message. */
const QUOTE_LIMIT = 120

/** Invite links on a command line: the arguments with the `mldoc:` scheme. */
export function inviteLinksFromArgv(argv: readonly string[]): string[] {
  return argv.filter((arg) => arg.slice(0, INVITE_SCHEME.length + 1).toLowerCase() === `${INVITE_SCHEME}:`)
}

/**
 * The app page that joins the room of an invite link: `app://mldoc/index.html#/join?...`, with
 * the invite checked and written out again, so nothing but its room, secret and servers reaches
 * the page. Throws an {@link MLDocError} saying what is wrong with the link.
 */
export function joinPageUrl(link: string): string {
  if (!link.trim().toLowerCase().startsWith(INVITE_PREFIX)) {
    const quoted = link.length > QUOTE_LIMIT ? `${link.slice(0, QUOTE_LIMIT)}…` : link
    throw new MLDocError('argument', `"${quoted}" is not an MLDoc invite (an invite starts with ${INVITE_PREFIX}?)`, 'invite')
  }
  return `${APP_ENTRY_URL}${JOIN_ROUTE}?${inviteQuery(parseInvite(link))}`
}

const LABELS = {
  refused: { en: 'This invite cannot be used', uz: 'Bu taklifnomadan foydalanib bo‘lmaydi' },
  refusedHint: { en: 'Ask for the invite again, and open it whole.', uz: 'Taklifnomani qayta so‘rang va uni to‘liq oching.' },
} satisfies Record<string, Labels>

/** The message shown for a refused invite link: `reason` is what the invite parser said. */
export function refusedInviteOptions(lang: Lang, reason: string): MessageBoxOptions {
  return { type: 'error', message: LABELS.refused[lang], detail: `${reason}\n\n${LABELS.refusedHint[lang]}` }
}

/** The part of Electron's `app` that invite links use. */
export interface InviteApp {
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown
  isReady(): boolean
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean
}

/** What the registration depends on of the running process. */
export interface InviteProcess {
  /** True when run as `electron <app folder>` (development), not from a packaged app. */
  readonly defaultApp?: boolean
  readonly execPath: string
  readonly argv: readonly string[]
}

/** What invite links need from main. */
export interface InviteLinkDeps {
  /** Opens a window on an app page. */
  openPage(url: string): void
  /** Shows a message to the user. */
  tell(options: MessageBoxOptions): void
  /** The UI language now. */
  lang(): Lang
}

/**
 * Makes this app the system's handler of `mldoc://` links. A packaged app registers itself; a
 * development run (`electron .`) registers Electron with the app's folder, as Electron documents.
 * Returns whether the system accepted it.
 */
export function registerInviteScheme(app: Pick<InviteApp, 'setAsDefaultProtocolClient'>, proc: InviteProcess): boolean {
  // Reviewed: a link only ever becomes the join route of an invite that joinPageUrl checked and wrote out again.
  if (!proc.defaultApp) return app.setAsDefaultProtocolClient(INVITE_SCHEME) // eng-disable PROTOCOL_HANDLER_JS_CHECK (reviewed: see above; tested in test/unit/electron/invite-link.test.ts)
  const appFolder = proc.argv[1]
  return appFolder === undefined ? false : app.setAsDefaultProtocolClient(INVITE_SCHEME, proc.execPath, [resolve(appFolder)]) // eng-disable PROTOCOL_HANDLER_JS_CHECK (reviewed: see above)
}

/** Receives invite links and opens them; links that come before the app is ready wait for it. */
export class InviteLinks {
  readonly #early: string[] = []

  constructor(private readonly deps: InviteLinkDeps) {}

  /**
   * Registers the scheme and listens for macOS's `open-url`. Call it before the app is ready:
   * the link that launches the app on macOS comes before then.
   */
  listen(app: InviteApp, proc: InviteProcess): void {
    app.on('open-url', (event, url) => {
      event.preventDefault()
      if (app.isReady()) this.open(url)
      else this.#early.push(url)
    })
    registerInviteScheme(app, proc)
  }

  /** Opens the links that came before the app was ready; returns how many windows that opened. */
  ready(): number {
    return this.#early.splice(0).filter((link) => this.open(link)).length
  }

  /** Opens every invite link on a command line; returns how many windows that opened (refused links open none). */
  openFromArgv(argv: readonly string[]): number {
    return inviteLinksFromArgv(argv).filter((link) => this.open(link)).length
  }

  /** Opens a window joining the link's room, or tells the user why the link cannot be used; returns whether it opened. */
  open(link: string): boolean {
    let page: string
    try {
      page = joinPageUrl(link)
    } catch (error) {
      this.deps.tell(refusedInviteOptions(this.deps.lang(), error instanceof Error ? error.message : String(error)))
      return false
    }
    this.deps.openPage(page)
    return true
  }
}
