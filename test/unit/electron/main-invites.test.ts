import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatInvite } from '../../../core/collab/invite.js'
import { newRoomId, newRoomSecret } from '../../../core/collab/random.js'
import { joinPageUrl } from '../../../electron/main/invite-link.js'
import { preventableEvent } from './fakes.js'
import { buildMain, from, settle, START_PAGE, startMain as startBuiltMain, type Emitter } from './main-harness.js'

/**
 * Invite links reaching the built main process (dist/electron/main.cjs) the ways the systems
 * deliver them, against a stand-in `electron` module: on the command line at launch (Windows,
 * Linux), from a second instance, and as macOS's `open-url`, before and after the app is ready.
 */

const LINK = formatInvite({ room: newRoomId(), secret: newRoomSecret(), transport: 'webrtc', signaling: ['ws://192.168.1.20:4444'] })
let scratch: string

beforeAll(async () => {
  const build = buildMain()
  expect(build.status, build.stderr).toBe(0)
  scratch = await mkdtemp(join(tmpdir(), 'mldoc-main-invites-'))
}, 120_000)

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

/** Starts the built main with its user data in this file's scratch folder. */
function startMain(argv: string[], options: { platform?: string; beforeReady?: (app: Emitter) => void } = {}) {
  return startBuiltMain(argv, { userData: scratch, ...options })
}

describe('invite links reaching the desktop app', () => {
  it('registers the mldoc scheme with the system at start', async () => {
    const main = await startMain([])
    expect(main.schemes).toEqual([['mldoc']])
  })

  it('opens a window on the join screen for a link on the command line, and no start screen', async () => {
    const main = await startMain([LINK])
    expect(main.windows.map((w) => w.url)).toEqual([joinPageUrl(LINK)])
    // The join window is an app page: it may call the host.
    const win = main.windows[0]!
    const reply = await main.ipcMain.invoke('mldoc:getSettings', from(win), {})
    expect(reply).toMatchObject({ ok: true })
  })

  it('refuses a malformed link with a message saying what is wrong, and opens the start screen', async () => {
    const main = await startMain(['mldoc://join?room=abc'])
    expect(main.windows.map((w) => w.url)).toEqual([START_PAGE])
    expect(main.messages).toEqual([{ type: 'error', message: 'This invite cannot be used', detail: 'invite: the room id is too short (3 characters, at least 8): the invite was probably cut off\n\nAsk for the invite again, and open it whole.' }])
  })

  it('opens a link passed on by a second instance in a new window; a malformed one only gets the message', async () => {
    const main = await startMain([])
    expect(main.windows.map((w) => w.url)).toEqual([START_PAGE])
    main.app.emit('second-instance', preventableEvent({}), ['/opt/MLDoc/mldoc', LINK], '/home/aziz')
    expect(main.windows.map((w) => w.url)).toEqual([START_PAGE, joinPageUrl(LINK)])
    main.app.emit('second-instance', preventableEvent({}), ['/opt/MLDoc/mldoc', 'mldoc://join?room=abcdefgh&secret=s'], '/home/aziz')
    await settle()
    expect(main.windows).toHaveLength(2)
    expect(main.messages.map((m) => m.detail?.split('\n')[0])).toEqual(['invite: the secret is too short (1 characters, at least 16): the invite was probably cut off'])
  })

  it('on macOS, opens the link that launched the app once it is ready, instead of the start screen', async () => {
    const events: ReturnType<typeof preventableEvent>[] = []
    const main = await startMain([], {
      platform: 'darwin',
      beforeReady: (app) => {
        const event = preventableEvent({})
        events.push(event)
        app.emit('open-url', event, LINK)
      },
    })
    expect(events[0]!.defaultPrevented).toBe(true)
    expect(main.windows.map((w) => w.url)).toEqual([joinPageUrl(LINK)])
    // A link opened later opens at once.
    main.app.emit('open-url', preventableEvent({}), LINK)
    expect(main.windows).toHaveLength(2)
  })
})
