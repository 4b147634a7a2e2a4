import type { Page } from 'playwright-core'

interface RemoteWindow {
  __benchSends?: { t: number; bytes: number; type: number }[]
  __benchKeys?: number[]
  __benchArrivals?: number[]
  __benchPeerConnections?: () => number
  __benchMaxMessageSize?: () => number | null
}

/**
 * Installed before any page script: counts what the page sends on WebRTC data channels (size
 * and first byte, which is y-webrtc's message type: 0 sync, 1 awareness) and its connected
 * peer connections, without changing either.
 */
function wireProbe(): void {
  const win = window as unknown as RemoteWindow
  const sends: { t: number; bytes: number; type: number }[] = []
  const send = RTCDataChannel.prototype.send
  RTCDataChannel.prototype.send = function (this: RTCDataChannel, data: string | Blob | ArrayBuffer | ArrayBufferView) {
    const view = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data instanceof ArrayBuffer ? new Uint8Array(data) : null
    sends.push({ t: performance.now(), bytes: view ? view.byteLength : typeof data === 'string' ? data.length : (data as Blob).size, type: view ? view[0]! : -1 })
    ;(send as (this: RTCDataChannel, data: unknown) => void).call(this, data)
  } as typeof send
  const connections: RTCPeerConnection[] = []
  const Native = RTCPeerConnection
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config)
      connections.push(this)
    }
  } as typeof RTCPeerConnection
  win.__benchSends = sends
  win.__benchPeerConnections = () => connections.filter((c) => c.connectionState === 'connected').length
  win.__benchMaxMessageSize = () => {
    const sizes = connections.map((c) => c.sctp?.maxMessageSize).filter((size): size is number => typeof size === 'number')
    return sizes.length > 0 ? Math.min(...sizes) : null
  }
}

/** Adds the wire probe to a page before it navigates. */
export async function addWireProbe(page: Page): Promise<void> {
  await page.addInitScript(wireProbe)
}

/** Waits until a page has a connected WebRTC peer connection; throws after `timeoutMs`. */
export async function waitConnected(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForFunction(() => ((window as unknown as RemoteWindow).__benchPeerConnections?.() ?? 0) > 0, null, { polling: 100, timeout: timeoutMs })
}

/** The largest message the page sent on a data channel, and its connections' smallest negotiated limit. */
export function largestSend(page: Page): Promise<{ largest: number; limit: number | null }> {
  return page.evaluate(() => {
    const win = window as unknown as RemoteWindow
    return { largest: Math.max(0, ...(win.__benchSends ?? []).map((s) => s.bytes)), limit: win.__benchMaxMessageSize?.() ?? null }
  })
}

/** Bytes the page sent on data channels after `since` (page time, ms), by y-webrtc message type. */
export function sentBytes(page: Page, since: number): Promise<{ sync: number; awareness: number }> {
  return page.evaluate((from) => {
    const sends = (window as unknown as RemoteWindow).__benchSends ?? []
    let sync = 0
    let awareness = 0
    for (const s of sends) {
      if (s.t < from) continue
      if (s.type === 0) sync += s.bytes
      else if (s.type === 1) awareness += s.bytes
    }
    return { sync, awareness }
  }, since)
}

/** In the typing browser: the wall-clock time (timeOrigin + timestamp) of every printable keydown. */
function keyProbe(): void {
  const keys: number[] = []
  addEventListener('keydown', (event) => {
    if (event.key.length === 1 && !event.ctrlKey && !event.metaKey) keys.push(performance.timeOrigin + event.timeStamp)
  }, true)
  ;(window as unknown as RemoteWindow).__benchKeys = keys
}

/**
 * In the watching browser: the wall-clock time at which each new character of the target
 * element's text shows in the DOM (text inside widgets such as remote carets, which are not
 * editable, is not counted). Checked on every DOM change of the editor.
 */
function arrivalProbe(selector: string): void {
  const editor = document.querySelector('.ProseMirror')!
  const length = () => {
    const target = document.querySelector(selector)
    if (!target) return 0
    let total = 0
    const walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest('[contenteditable="false"]')) total += (node as Text).data.length
    }
    return total
  }
  const base = length()
  const arrivals: number[] = []
  new MutationObserver(() => {
    const now = performance.timeOrigin + performance.now()
    const grown = length() - base
    while (arrivals.length < grown) arrivals.push(now)
  }).observe(editor, { subtree: true, childList: true, characterData: true })
  ;(window as unknown as RemoteWindow).__benchArrivals = arrivals
}

/** Starts recording keydown times in the typing browser. */
export async function addKeyProbe(page: Page): Promise<void> {
  await page.evaluate(keyProbe)
}

/** Starts recording when the target's text grows in the watching browser. */
export async function addArrivalProbe(page: Page, selector: string): Promise<void> {
  await page.evaluate(arrivalProbe, selector)
}

/** The keydown times recorded so far. */
export function keyTimes(page: Page): Promise<number[]> {
  return page.evaluate(() => [...(window as unknown as RemoteWindow).__benchKeys!])
}

/** Waits until `count` characters have arrived, and returns their times. */
export async function arrivals(page: Page, count: number): Promise<number[]> {
  await page.waitForFunction((n) => ((window as unknown as RemoteWindow).__benchArrivals?.length ?? 0) >= n, count, { polling: 5, timeout: 10_000 })
  return page.evaluate(() => [...(window as unknown as RemoteWindow).__benchArrivals!])
}

/**
 * How far a page's wall clock (timeOrigin + now) is ahead of this process's: the reading with
 * the shortest round trip of a few, against the middle of that round trip.
 */
export async function clockOffset(page: Page): Promise<number> {
  let best = { rtt: Infinity, offset: 0 }
  for (let i = 0; i < 7; i++) {
    const before = performance.timeOrigin + performance.now()
    const remote = await page.evaluate(() => performance.timeOrigin + performance.now())
    const after = performance.timeOrigin + performance.now()
    if (after - before < best.rtt) best = { rtt: after - before, offset: remote - (before + after) / 2 }
  }
  return best.offset
}
