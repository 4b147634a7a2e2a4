// A WebRTC scenario of test/collab/webrtc-scenarios.mjs (bundled by it with esbuild): a document
// of more than 1 MiB of Yjs state, whose initial sync is one message far over the 256 KiB a
// Chromium data channel carries, goes whole from a Node peer to the app in Chromium, and from
// the app to another Node peer (the guard fragments on both sides, see core/collab/fragments.ts).
import type { Page } from 'playwright-core'
import * as Y from 'yjs'
import { emptyBlockJSON } from '../../../core/blocks/define.js'
import { blockSpec } from '../../../core/blocks/registry.js'
import { formatInvite, inviteQuery, type RoomInvite } from '../../../core/collab/invite.js'
import { newRoomId, newRoomSecret } from '../../../core/collab/random.js'
import { emptyMeta } from '../../../core/document/meta.js'
import { exportMarkdown } from '../../../core/markdown/index.js'
import { mldocSchema } from '../../../core/schema/index.js'
import { createYDoc, readYDoc } from '../../../core/yjs/doc.js'
import { joinRoom } from '../../../node/peer/peer.js'
import { seededRandom } from '../fixtures.js'

/** What the scenario runner lends the scenario. */
export interface ScenarioTools {
  check(name: string, ok: boolean, detail?: string): void
  readonly figures: Record<string, unknown>
  readonly signalUrl: string
  /** A new page of a person's app, on the start screen; its errors go to `problems`. */
  newPage(): Promise<Page>
  /** Clicks Export Markdown on the page and reads what the host wrote. */
  exportMarkdown(page: Page): Promise<string>
  readonly problems: string[]
  /** Told when a Node peer's connection stalled or failed before it connected and was started again. */
  onConnectionRetry(line: string): void
}

const WORDS = 'model data feature label drift recall precision latency batch training serving pipeline metric baseline churn cohort window'.split(' ')

/**
 * A design document of about 240 pages: 120 sections, each a heading, 20 paragraphs of about
 * 450 characters and a metric block, deterministic (seeded) text.
 */
export function largeDocument(): Y.Doc {
  const random = seededRandom(42)
  const sentence = (length: number): string => {
    const words: string[] = []
    let size = 0
    while (size < length) {
      const word = WORDS[Math.floor(random() * WORDS.length)]!
      words.push(word)
      size += word.length + 1
    }
    return `${words.join(' ')}.`
  }
  const content: unknown[] = []
  for (let s = 0; s < 120; s++) {
    content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: `Section ${s + 1}: ${sentence(20)}` }] })
    for (let p = 0; p < 20; p++) content.push({ type: 'paragraph', content: [{ type: 'text', text: sentence(450) }] })
    const metric = emptyBlockJSON(blockSpec('metric'), 'en')
    metric.content![1] = { type: 'blockField', attrs: { name: 'definition' }, content: [{ type: 'text', text: sentence(60) }] }
    content.push(metric)
  }
  const body = mldocSchema().nodeFromJSON({ type: 'doc', content })
  body.check()
  return createYDoc({ meta: { ...emptyMeta(), title: 'A large design document' }, body })
}

/** Waits until a condition holds, or throws after `ms`. */
async function until(what: string, condition: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/**
 * A Node peer shares the large document; the app in Chromium joins from the `#/join` route and
 * must export the same Markdown. Then the Node peer leaves and another joins, and receives the
 * document from the browser alone.
 */
export async function largeDocumentScenario(tools: ScenarioTools): Promise<void> {
  const ydoc = largeDocument()
  const stateBytes = Y.encodeStateAsUpdate(ydoc).byteLength
  const expected = exportMarkdown(readYDoc(ydoc))
  tools.figures.largeDocument = { stateBytes, markdownBytes: expected.length }
  tools.check('the large document holds more than 1 MiB of Yjs state', stateBytes > 1024 * 1024, `${stateBytes} bytes`)
  const invite: RoomInvite = { transport: 'webrtc', room: newRoomId(), secret: newRoomSecret(), signaling: [tools.signalUrl] }
  const logs: string[] = []
  const sharer = joinRoom(formatInvite(invite), { ydoc, user: { name: 'Sharer', color: '#0a7ea4' }, log: (line) => logs.push(`sharer: ${line}`), onConnectionRetry: (line) => tools.onConnectionRetry(`sharer: ${line}`) })
  let sharerOpen = true
  let receiver: ReturnType<typeof joinRoom> | null = null
  const problemsBefore = tools.problems.length
  const page = await tools.newPage()
  try {
    let t0 = Date.now()
    await page.evaluate((query) => (window.location.hash = `#/join?${query}`), inviteQuery(invite))
    await page.locator('.ProseMirror').first().waitFor({ timeout: 20000 })
    const received = await tools.exportMarkdown(page)
    const toBrowserMs = Date.now() - t0
    tools.check('a document of more than 1 MiB reaches the app in Chromium whole over WebRTC (Node peer to browser)', received === expected, `${toBrowserMs} ms from join to the exported Markdown, ${received.length} of ${expected.length} characters`)

    sharer.close()
    sharerOpen = false
    t0 = Date.now()
    receiver = joinRoom(formatInvite(invite), { user: { name: 'Receiver', color: '#bf8700' }, log: (line) => logs.push(`receiver: ${line}`), onConnectionRetry: (line) => tools.onConnectionRetry(`receiver: ${line}`) })
    // On a timeout, what the Node peers reported (dropped messages) says where the document went.
    await receiver.synced(20000).catch((error: Error) => {
      throw new Error(`${error.message}; the Node peers reported: ${logs.join(' | ') || 'nothing'}`)
    })
    const peer = receiver
    await until('the Node peer to hold the whole document', () => peer.ydoc.getXmlFragment('default').length >= ydoc.getXmlFragment('default').length, 10000)
    const fromBrowser = exportMarkdown(readYDoc(peer.ydoc))
    const toNodeMs = Date.now() - t0
    tools.figures.largeDocumentSyncMs = { toBrowser: toBrowserMs, toNode: toNodeMs }
    tools.check('a document of more than 1 MiB reaches a Node peer whole over WebRTC (browser to Node peer)', fromBrowser === expected, `${toNodeMs} ms, ${fromBrowser.length} of ${expected.length} characters`)
    tools.check('the large document passed without dropped messages or browser errors', logs.length === 0 && tools.problems.length === problemsBefore, [...logs, ...tools.problems.slice(problemsBefore)].join(' | '))
  } finally {
    if (sharerOpen) sharer.close()
    receiver?.close()
    await page.close({ runBeforeUnload: true })
  }
}
