import type { Page } from 'playwright-core'

/** What the in-page probes leave on `window`. */
interface ProbeWindow {
  __benchOpen?: Promise<{ editable: number; peakHeap: number }>
  __benchHeapPeak?: () => number
  __benchStopSampling?: () => void
  __benchTyping?: { dom: number; frame: number }[]
}

/**
 * Installed before any page script (`addInitScript`): samples the JS heap at every frame and
 * every 10 ms (until {@link stopHeapSampling}), and resolves `__benchOpen` at the first frame
 * in which the editor is editable and holds all `topLevelNodes` of the document, with that
 * frame's time since navigation start.
 * Polling once a frame costs little and cannot miss the moment: the content shows in a frame.
 */
function openProbe(topLevelNodes: number): void {
  const win = window as unknown as ProbeWindow
  // performance.memory is a new snapshot on every read.
  const perf = performance as unknown as { memory?: { usedJSHeapSize: number } }
  let peak = 0
  const sample = () => {
    const used = perf.memory?.usedJSHeapSize ?? 0
    if (used > peak) peak = used
  }
  const timer = setInterval(sample, 10)
  win.__benchStopSampling = () => clearInterval(timer)
  win.__benchHeapPeak = () => {
    sample()
    return peak
  }
  win.__benchOpen = new Promise((resolve) => {
    const check = () => {
      sample()
      const editor = document.querySelector('.ProseMirror')
      if (editor?.getAttribute('contenteditable') === 'true' && editor.childElementCount === topLevelNodes) {
        resolve({ editable: performance.now(), peakHeap: peak })
      } else requestAnimationFrame(check)
    }
    requestAnimationFrame(check)
  })
}

/** Adds the open probe to a page before it navigates. */
export async function addOpenProbe(page: Page, topLevelNodes: number): Promise<void> {
  await page.addInitScript(openProbe, topLevelNodes)
}

/** Milliseconds from navigation start to the first frame with the whole document editable. */
export async function waitEditable(page: Page, timeoutMs: number): Promise<{ editable: number; peakHeap: number }> {
  return page.evaluate(async (timeout) => {
    const open = (window as unknown as ProbeWindow).__benchOpen
    if (!open) throw new Error('the open probe is not installed')
    return Promise.race([open, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the editor was not editable with the whole document after ${timeout} ms`)), timeout))])
  }, timeoutMs)
}

/** Stops the heap sampling timer, so it cannot delay what is measured next (keystrokes). */
export async function stopHeapSampling(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as ProbeWindow).__benchStopSampling?.())
}

/** The largest JS heap sampled since navigation. */
export function heapPeak(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as ProbeWindow).__benchHeapPeak!())
}

/**
 * Installed once the editor is open: for each printable keystroke, the time from the keydown
 * event (its timestamp: when the browser received the key) to (dom) the end of the key's
 * dispatch, i.e. once the editor has put the character into its state and the DOM and run every
 * synchronous listener and plugin; and to (frame) just after the next frame, which also counts
 * rendering and work scheduled for it.
 *
 * The end of the dispatch is the later of two moments, measured by listeners on the window in
 * the bubble phase, the last to run:
 * - the end of the `keypress` event: an editor that inserts the character itself (ours: see
 *   `renderer/editor/typed-characters.ts`) has done it all in its keypress handler, and the
 *   browser then fires no `input` event;
 * - the end of the `input` event, when the browser inserts the character (bare ProseMirror):
 *   ProseMirror reads the typed text in a MutationObserver callback, a microtask that runs after
 *   the first `input` listener (this probe's, in the capture phase), so by the time the
 *   bubble-phase listener runs that work is done.
 *
 * The end of the dispatch, not a message posted from it: Chromium runs the frame (style, layout,
 * paint) as the next task after a key's task, so such a message arrived after the frame and
 * counted it (in a trace of the 1x typing bench, a key's task took 9-14 ms and the frame after
 * it 9-13 ms; the message came after both).
 */
function typingProbe(): void {
  const win = window as unknown as ProbeWindow
  const samples: { dom: number; frame: number }[] = []
  let pending: number | null = null
  let current: { start: number; sample: { dom: number; frame: number } } | null = null
  addEventListener('keydown', (event) => {
    current = null
    if (event.key.length === 1 && !event.ctrlKey && !event.metaKey) pending = event.timeStamp
  }, true)
  addEventListener('keypress', () => {
    if (pending === null) return
    const sample = { dom: Number.NaN, frame: Number.NaN }
    current = { start: pending, sample }
    pending = null
    samples.push(sample)
    const start = current.start
    requestAnimationFrame(() => {
      if (current?.sample === sample) current = null
      const afterFrame = new MessageChannel()
      afterFrame.port1.onmessage = () => {
        sample.frame = performance.now() - start
      }
      afterFrame.port2.postMessage(null)
    })
  }, true)
  const dispatchEnded = () => {
    if (current !== null) current.sample.dom = performance.now() - current.start
  }
  addEventListener('keypress', dispatchEnded)
  addEventListener('input', dispatchEnded)
  win.__benchTyping = samples
}

/** Starts measuring keystrokes in an open page. */
export async function addTypingProbe(page: Page): Promise<void> {
  await page.evaluate(typingProbe)
}

/** Waits until `count` keystrokes have both figures, and returns them all. */
export async function typingSamples(page: Page, count: number): Promise<{ dom: number; frame: number }[]> {
  await page.waitForFunction((n) => {
    const samples = (window as unknown as ProbeWindow).__benchTyping ?? []
    return samples.length >= n && samples.slice(0, n).every((s) => !Number.isNaN(s.frame))
  }, count, { polling: 5, timeout: 10_000 })
  return page.evaluate(() => (window as unknown as ProbeWindow).__benchTyping!.map((s) => ({ ...s })))
}
