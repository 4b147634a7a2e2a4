import type { BenchContext } from '../harness/context.js'
import { chromiumMissing, launchChromium } from './chromium.js'
import { openEditor } from './open-page.js'
import { heapPeak } from './probes.js'
import { rendererMissing, startSites } from './sites.js'

/** One cold open of the 1x document in a fresh Chromium. */
export interface OpenSample {
  /** Navigation start to the first frame with the whole document editable, ms. */
  readonly editableMs: number
  /** Largest JS heap sampled from navigation until the settle time after that, bytes. */
  readonly peakHeap: number
  /** JS heap after a full garbage collection once settled, bytes. */
  readonly retainedHeap: number
}

/** Cold opens of our editor and of a bare Tiptap mount, or why they could not run. */
export type OpenSessions = { readonly ours: OpenSample[]; readonly bare: OpenSample[] } | { readonly notRun: string }

async function openOnce(url: string, topLevelNodes: number, settleMs: number): Promise<OpenSample> {
  const browser = await launchChromium()
  try {
    const errors: string[] = []
    const page = await openEditor(browser, url, topLevelNodes, errors)
    const { editable } = await page.evaluate(() => (window as unknown as { __benchOpen: Promise<{ editable: number }> }).__benchOpen)
    await new Promise((resolve) => setTimeout(resolve, settleMs))
    const peak = await heapPeak(page)
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('HeapProfiler.collectGarbage')
    const retained = await page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize)
    if (errors.length > 0) throw new Error(`the page reported errors: ${errors.slice(0, 3).join('; ')}`)
    return { editableMs: editable, peakHeap: peak, retainedHeap: retained }
  } finally {
    await browser.close()
  }
}

/**
 * Opens in each editor of a full run, at least: the ratio of two medians of 7 opens moved by
 * several hundredths from run to run (1.17x to 1.21x on one build), enough to flip the goal's
 * cell; with 21 a side, five runs over two builds gave 1.22x to 1.25x.
 */
const FULL_RUN_OPENS = 21

/**
 * Opens the 1x `.mldoc` file in each editor, alternating ({@link FULL_RUN_OPENS} times in a full
 * run, or `--runs` when that is more; `--runs` in a quick one), each time in a fresh
 * Chromium (no cache, no compiled code kept): our app from its web host, and the bare Tiptap
 * page from the static server (same file, decoded by the same code). Shared by the cold-open
 * and heap benchmarks.
 */
export function openSessions(context: BenchContext): Promise<OpenSessions> {
  return context.shared('open-sessions', async (): Promise<OpenSessions> => {
    const missing = chromiumMissing() ?? rendererMissing()
    if (missing) return { notRun: missing }
    const document = context.document(1)
    const sites = await startSites([{ label: document.label, bytes: document.mldocFile() }])
    try {
      const file = sites.files.get(document.label)!
      const ours: OpenSample[] = []
      const bare: OpenSample[] = []
      const nodes = document.doc.body.childCount
      const opens = context.options.quick ? context.options.runs : Math.max(context.options.runs, FULL_RUN_OPENS)
      for (let run = 0; run <= opens; run++) {
        // Run 0 warms the machine (disk cache of Chromium and the bundles); it is not counted.
        for (const side of run % 2 === 0 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const)) {
          context.log(`open ${document.label}: ${side}, run ${run}`)
          const sample = await openOnce(side === 'ours' ? sites.ourUrl(file) : sites.peerUrl('bare-tiptap', file), nodes, context.options.settleMs)
          if (run > 0) (side === 'ours' ? ours : bare).push(sample)
        }
      }
      return { ours, bare }
    } finally {
      await sites.close()
    }
  })
}
