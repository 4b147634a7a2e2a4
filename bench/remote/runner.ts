// Runs inside a network namespace (scripts/netns-run.sh): a signaling server, MLDoc's web host
// and a static server on loopback, and for each document two Chromium processes, A typing and
// B watching, connected over WebRTC on the namespace's veth pair. Started by bench/remote.ts
// with the path of a RemoteJob JSON file; writes a RemoteResult JSON file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { startSignalServer } from '../../node/signal/server.js'
import { startWebHost, type WebHost } from '../../node/web/server.js'
import { CHROMIUM, CHROMIUM_ARGS } from '../browser/chromium.js'
import { addOpenProbe, addTypingProbe, stopHeapSampling, typingSamples, waitEditable } from '../browser/probes.js'
import { serveFolders } from '../browser/static-server.js'
import { typedText } from '../bytes.js'
import { formatBytes } from '../harness/stats.js'
import { addArrivalProbe, addKeyProbe, addWireProbe, arrivals, clockOffset, keyTimes, largestSend, sentBytes, waitConnected } from './probes.js'
import type { PairMeasurement, RemoteDocument, RemoteJob, RemoteResult } from './protocol.js'

/** A measurement that cannot be made for a reason found and explained (not a crash of the runner). */
class Unmeasurable extends Error {}

const KEY_GAP_MS = 80
const SENTENCE_KEYS = 40
const SENTENCE_PAUSE_MS = 800
const VIEWPORT = { width: 1440, height: 900 }
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Two Chromium processes, each with its own profile. */
async function launchPair(): Promise<{ contexts: BrowserContext[]; dispose(): Promise<void> }> {
  const dirs = [mkdtempSync(join(tmpdir(), 'mldoc-bench-a-')), mkdtempSync(join(tmpdir(), 'mldoc-bench-b-'))]
  const contexts = await Promise.all(dirs.map((dir) => chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, viewport: VIEWPORT })))
  return {
    contexts,
    async dispose() {
      await Promise.all(contexts.map((c) => c.close()))
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function newProbedPage(context: BrowserContext, topLevelNodes: number, errors: string[]): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('pageerror', (error) => errors.push(error.message))
  await addWireProbe(page)
  await addOpenProbe(page, topLevelNodes)
  return page
}

/** Opens the pair: A with the document, shared; B joined. Returns when B holds the whole document over WebRTC. */
type Opener = (a: Page, b: Page, document: RemoteDocument) => Promise<void>

/**
 * The bare pair: Tiptap + Collaboration + y-webrtc pages from the static server. Both load the
 * same file (the same Yjs state, so nothing merges twice) before joining the room: y-webrtc
 * sends a document's whole state in one data-channel message, which Chromium refuses above its
 * message size limit, so B receiving a large document over the channel would measure nothing.
 */
function bareOpener(origin: string, signaling: string): Opener {
  return async (a, b, document) => {
    const room = `bench-${document.label}-${Date.now()}`
    const query = `doc=${encodeURIComponent(document.file)}&room=${encodeURIComponent(room)}&secret=bench-secret&signaling=${encodeURIComponent(signaling)}`
    await a.goto(`${origin}/bare-collab.html?${query}`)
    await waitEditable(a, 120_000)
    await b.goto(`${origin}/bare-collab.html?${query}`)
  }
}

/** Our pair: the app in browser mode; A opens the file and shares it from the Share dialog, B opens the invite's join address. */
function ourOpener(host: WebHost): Opener {
  return async (a, b, document) => {
    await a.goto(`${host.origin}/#/open/${encodeURIComponent(document.file)}?token=${host.token}`)
    await waitEditable(a, 120_000)
    await a.locator('[data-testid="share-button"]').click()
    await a.locator('[data-testid="start-sharing"]').click()
    const invite = await a.locator('[data-testid="invite"]').inputValue()
    await a.keyboard.press('Escape')
    const query = invite.slice(invite.indexOf('?') + 1)
    await b.goto(`${host.origin}/#/join?${query}&token=${host.token}`)
  }
}

/** Opens a pair, types into A's middle paragraph at a person's pace, and measures what B sees. */
async function measurePair(open: Opener, document: RemoteDocument, job: RemoteJob): Promise<PairMeasurement> {
  const pair = await launchPair()
  const errors: string[] = []
  try {
    const [contextA, contextB] = pair.contexts as [BrowserContext, BrowserContext]
    const a = await newProbedPage(contextA, document.topLevelNodes, errors)
    const b = await newProbedPage(contextB, document.topLevelNodes, errors)
    await open(a, b, document)
    await waitEditable(b, 60_000).catch(async (error: Error) => {
      const { largest, limit } = await largestSend(a)
      if (limit !== null && largest > limit) {
        throw new Unmeasurable(`B never received the document: A sent it as one ${formatBytes(largest)} data-channel message, over the channel's ${formatBytes(limit)} message size limit (y-webrtc drops it without an error)`)
      }
      throw error
    })
    await Promise.all([waitConnected(a, 30_000), waitConnected(b, 30_000)]).catch(() => {
      throw new Error('A and B hold the document but have no connected WebRTC peer connection after 30 s')
    })
    await Promise.all([stopHeapSampling(a), stopHeapSampling(b)])
    await sleep(job.settleMs)
    const selector = `.ProseMirror > :nth-child(${document.paragraph + 1})`
    await a.locator(selector).click()
    await a.keyboard.press('End')
    await sleep(300)
    await addTypingProbe(a)
    await addKeyProbe(a)
    await addArrivalProbe(b, selector)
    const offsets: [number, number] = [await clockOffset(a), await clockOffset(b)]
    const since = await a.evaluate(() => performance.now())
    const text = typedText(job.keystrokes)
    for (let i = 0; i < text.length; i++) {
      await a.keyboard.type(text[i]!)
      await arrivals(b, i + 1)
      await sleep((i + 1) % SENTENCE_KEYS === 0 ? SENTENCE_PAUSE_MS : KEY_GAP_MS)
    }
    const [keys, seen, local, sent] = await Promise.all([keyTimes(a), arrivals(b, text.length), typingSamples(a, text.length), sentBytes(a, since)])
    if (keys.length !== text.length) throw new Error(`A saw ${keys.length} keystrokes, ${text.length} were typed`)
    if (errors.length > 0) throw new Error(`a page reported errors: ${errors.slice(0, 3).join('; ')}`)
    return {
      remoteMs: keys.map((key, i) => seen[i]! - offsets[1] - (key - offsets[0])),
      localMs: local.map((s) => s.dom),
      syncBytes: sent.sync,
      awarenessBytes: sent.awareness,
      clockOffsets: offsets,
    }
  } finally {
    await pair.dispose()
  }
}

const job = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as RemoteJob
const signal = await startSignalServer()
const statics = await serveFolders([job.pagesDir, job.docsDir, ...(job.rendererDir ? [job.rendererDir] : [])])
const base = mkdtempSync(join(tmpdir(), 'mldoc-bench-remote-'))
const settingsFile = join(base, 'settings.json')
writeFileSync(settingsFile, `${JSON.stringify({ signalingUrls: [signal.url], iceServers: [], userName: 'Bench' })}\n`)
const host = job.rendererDir ? await startWebHost({ dir: job.docsDir, settingsFile, rendererDir: job.rendererDir }) : null
const result: RemoteResult = {}
try {
  for (const document of job.documents) {
    result[document.label] = {}
    const sides: [string, Opener | string][] = [
      ['ours', host ? ourOpener(host) : 'dist/renderer is not built (npm run build:renderer)'],
      ['bare', bareOpener(statics.origin, signal.url)],
    ]
    for (const [side, open] of sides) {
      process.stderr.write(`remote ${document.label}: ${side}\n`)
      try {
        result[document.label]![side] = typeof open === 'string' ? { notRun: open } : await measurePair(open, document, job)
      } catch (error) {
        process.stderr.write(`remote ${document.label} ${side} failed: ${(error as Error).stack}\n`)
        const message = (error as Error).message.split('\n')[0]
        result[document.label]![side] = { notRun: error instanceof Unmeasurable ? message! : `failed: ${message}` }
      }
    }
  }
} finally {
  await Promise.all([host?.close(), statics.close(), signal.close()])
  rmSync(base, { recursive: true, force: true })
}
writeFileSync(job.resultFile, JSON.stringify(result))
