import type { Browser, Locator } from 'playwright-core'
import { typedText } from './bytes.js'
import { chromiumMissing, launchChromium } from './browser/chromium.js'
import { openEditor } from './browser/open-page.js'
import { addTypingProbe, stopHeapSampling, typingSamples } from './browser/probes.js'
import { rendererMissing, startSites } from './browser/sites.js'
import type { Benchmark, BenchDocument } from './harness/context.js'
import { formatMs, formatRatio, median, p95 } from './harness/stats.js'
import { metCell, notRunRow, type ResultRow } from './harness/table.js'

const NAME = 'Typing latency, key to DOM updated'
const GOAL = '≤ 1.3x bare, p95 < 16 ms'
/** Time between keystrokes (a fast typist: 12 keys a second)... */
const KEY_GAP_MS = 80
/** ...with a pause after each sentence, long enough for debounced work (the live linter) to run. */
const SENTENCE_KEYS = 40
const SENTENCE_PAUSE_MS = 800

/** Where the keystrokes go: the text under a selector in each editor. */
interface Target {
  readonly label: string
  /** Selector of the element to click in our editor and in the bare one (which has no node views). */
  readonly ours: string
  readonly bare: string
}

/** The paragraph nearest the middle of the body, and the middle metric block's definition field. */
function targets(document: BenchDocument): Target[] {
  const body = document.doc.body
  let paragraph = body.childCount >> 1
  while (body.child(paragraph).type.name !== 'paragraph') paragraph++
  let metrics = 0
  body.forEach((node) => {
    if (node.type.name === 'metric') metrics++
  })
  const metric = `:nth-match([data-block="metric"], ${(metrics >> 1) + 1})`
  return [
    { label: 'a paragraph', ours: `.ProseMirror > :nth-child(${paragraph + 1})`, bare: `.ProseMirror > :nth-child(${paragraph + 1})` },
    {
      label: 'a metric field',
      ours: `${metric} [data-field="definition"] .mldoc-field-text`,
      bare: `${metric} [data-field="definition"]`,
    },
  ]
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Clicks into the target and waits until the focus and the selection are inside it: on a loaded
 * machine the editor takes the click's focus and selection some time after the click returns,
 * and keys typed before that land elsewhere. Clicks again if the first click was lost.
 */
async function focusInside(target: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await target.click()
    try {
      await target.evaluate((element, timeout) => new Promise<void>((resolve, reject) => {
        const inside = (el: Element) => {
          const selection = getSelection()
          const active = document.activeElement
          return active !== null && (active === el || active.contains(el) || el.contains(active))
            && selection !== null && selection.anchorNode !== null && el.contains(selection.anchorNode)
        }
        const started = performance.now()
        const check = () => {
          if (inside(element)) resolve()
          else if (performance.now() - started > timeout) reject(new Error('the focus did not reach the target'))
          else setTimeout(check, 10)
        }
        check()
      }), 10_000)
      return
    } catch (error) {
      if (attempt === 3) throw new Error(`could not put the focus into the target: ${(error as Error).message}`)
    }
  }
}

/** Types `count` characters at a person's pace into the target and returns each keystroke's latencies. */
async function typeSession(browser: Browser, url: string, selector: string, document: BenchDocument, count: number, settleMs: number): Promise<{ dom: number; frame: number }[]> {
  const errors: string[] = []
  const page = await openEditor(browser, url, document.doc.body.childCount, errors)
  try {
    await stopHeapSampling(page)
    await sleep(settleMs)
    const target = page.locator(selector)
    await focusInside(target)
    await page.keyboard.press('End')
    await addTypingProbe(page)
    const text = typedText(count)
    for (let i = 0; i < text.length; i++) {
      await page.keyboard.type(text[i]!)
      await typingSamples(page, i + 1)
      await sleep((i + 1) % SENTENCE_KEYS === 0 ? SENTENCE_PAUSE_MS : KEY_GAP_MS)
    }
    const samples = await typingSamples(page, text.length)
    const written = await target.textContent()
    if (!written?.includes(text.slice(-20))) throw new Error(`the typed text did not land in ${selector}`)
    if (errors.length > 0) throw new Error(`the page reported errors: ${errors.slice(0, 3).join('; ')}`)
    return samples
  } finally {
    await page.close()
  }
}

/**
 * Benchmark 3: keystroke latency on the 1x document in headless Chromium: our full editor (the
 * real app in browser mode: collaboration binding, block views, side panel with the live linter)
 * against a bare ProseMirror editor holding the same document. Sessions alternate between the
 * two, each in a fresh browser; every figure pools all keystrokes of its sessions.
 */
export const typingLatency: Benchmark = {
  id: 'typing',
  async run(context) {
    const document = context.document(1)
    const missing = chromiumMissing() ?? rendererMissing()
    const rowsFor = (reason: string) => targets(document).map((t) => notRunRow(`${NAME} (${t.label})`, document.label, GOAL, reason))
    if (missing) return rowsFor(missing)
    const sites = await startSites([{ label: document.label, bytes: document.mldocFile() }])
    const rows: ResultRow[] = []
    try {
      const file = sites.files.get(document.label)!
      const sessions = context.options.quick ? 1 : 2
      for (const target of targets(document)) {
        const ours: { dom: number; frame: number }[] = []
        const bare: { dom: number; frame: number }[] = []
        for (let session = 0; session < sessions; session++) {
          for (const side of session % 2 === 0 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const)) {
            context.log(`typing into ${target.label}: ${side}, session ${session + 1}`)
            const browser = await launchChromium()
            try {
              const url = side === 'ours' ? sites.ourUrl(file) : sites.peerUrl('bare-prosemirror', file)
              const samples = await typeSession(browser, url, side === 'ours' ? target.ours : target.bare, document, context.options.keystrokes, context.options.settleMs)
              ;(side === 'ours' ? ours : bare).push(...samples)
            } finally {
              await browser.close()
            }
          }
        }
        rows.push(...latencyRows(target.label, document.label, ours, bare))
      }
    } finally {
      await sites.close()
    }
    return rows
  },
}

function latencyRows(target: string, size: string, ours: { dom: number; frame: number }[], bare: { dom: number; frame: number }[]): ResultRow[] {
  const pick = (samples: { dom: number; frame: number }[], key: 'dom' | 'frame') => samples.map((s) => s[key])
  const figure = (samples: number[]) => `${formatMs(median(samples))}, p95 ${formatMs(p95(samples))} (${samples.length} keys)`
  const oursDom = pick(ours, 'dom')
  const bareDom = pick(bare, 'dom')
  const oursFrame = pick(ours, 'frame')
  const bareFrame = pick(bare, 'frame')
  return [
    {
      benchmark: `${NAME} (${target})`,
      size,
      ours: figure(oursDom),
      peer: `${figure(bareDom)} bare ProseMirror`,
      ratio: `${formatRatio(median(oursDom), median(bareDom))} (p95 ${formatRatio(p95(oursDom), p95(bareDom))})`,
      goal: GOAL,
      met: metCell(median(oursDom) <= 1.3 * median(bareDom) && p95(oursDom) < 16),
    },
    {
      benchmark: `Typing latency, key to next frame (${target})`,
      size,
      ours: figure(oursFrame),
      peer: `${figure(bareFrame)} bare ProseMirror`,
      ratio: `${formatRatio(median(oursFrame), median(bareFrame))} (p95 ${formatRatio(p95(oursFrame), p95(bareFrame))})`,
      goal: '—',
      met: '—',
    },
  ]
}
