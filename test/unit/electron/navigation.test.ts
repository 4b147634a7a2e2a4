import { describe, expect, it } from 'vitest'
import { externalLinkTarget, guardNavigation, type GuardedContents } from '../../../electron/main/navigation.js'
import { preventableEvent } from './fakes.js'

type Listener = (event: ReturnType<typeof preventableEvent<{ url: string }>>) => void
type OpenHandler = (details: { url: string }) => { action: string }

/** A webContents that keeps the listeners guardNavigation registers. */
function guarded() {
  const listeners = new Map<string, Listener>()
  let openHandler: OpenHandler | null = null
  const opened: string[] = []
  const contents = {
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: OpenHandler) => (openHandler = handler),
  } as unknown as GuardedContents
  guardNavigation(contents, async (url) => {
    opened.push(url)
  })
  /** Emits `name` with a fresh event for `url` and returns whether it was prevented. */
  const emit = (name: string, url: string): boolean => {
    const event = preventableEvent({ url })
    const listener = listeners.get(name)
    if (!listener) throw new Error(`no ${name} listener`)
    listener(event)
    return event.defaultPrevented
  }
  return { emit, open: (url: string) => openHandler!({ url }), opened }
}

const WEB = ['https://github.com/org/repo', 'http://example.com/a?b=c#d']
const NOT_WEB = ['javascript:alert(1)', 'file:///etc/passwd', 'app://mldoc/index.html', 'mailto:a@b.c', 'smb://server/share', 'data:text/html,<script>x</script>', 'vbscript:msgbox', 'https://', 'not a url', '']

describe('navigation', () => {
  it.each([...WEB, ...NOT_WEB])('will-navigate to %j is denied', (url) => {
    const { emit } = guarded()
    expect(emit('will-navigate', url)).toBe(true)
  })

  it('redirects and <webview> attachment are denied', () => {
    const { emit } = guarded()
    expect(emit('will-redirect', 'https://example.com/')).toBe(true)
    expect(emit('will-attach-webview', 'https://example.com/')).toBe(true)
  })

  it.each([...WEB, ...NOT_WEB])('window.open(%j) is denied', (url) => {
    const { open } = guarded()
    expect(open(url)).toEqual({ action: 'deny' })
  })

  it('hands web links to the system browser, and nothing else', () => {
    const { emit, open, opened } = guarded()
    for (const url of [...WEB, ...NOT_WEB]) {
      emit('will-navigate', url)
      open(url)
    }
    expect(opened).toEqual(WEB.flatMap((url) => [new URL(url).href, new URL(url).href]))
  })
})

describe('external link targets', () => {
  it.each([
    ['https://example.com', 'https://example.com/'],
    ['HTTPS://Example.COM/a b', 'https://example.com/a%20b'],
    ['http://127.0.0.1:8080/x', 'http://127.0.0.1:8080/x'],
  ])('%s opens as %s', (url, target) => expect(externalLinkTarget(url)).toBe(target))

  it.each([...NOT_WEB, 'javascript://example.com/%0Aalert(1)', 'ftp://example.com/'])('%j is not opened', (url) => {
    expect(externalLinkTarget(url)).toBeNull()
  })

  it('opens the parsed URL, never the raw string', () => {
    expect(externalLinkTarget(' https://example.com/\n')).toBe('https://example.com/')
  })
})
