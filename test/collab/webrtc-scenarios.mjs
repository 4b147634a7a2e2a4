// The WebRTC co-editing scenarios, run by test/collab/webrtc.test.ts inside a network namespace
// of their own (scripts/netns-run.sh), where the only addresses are the test's. Each person runs
// the real app in browser mode (`startWebHost`, their own documents folder and settings) in a
// Chromium process of their own (not tabs: tabs of one browser would sync over
// BroadcastChannel); they meet through MLDoc's signaling server. A Node peer joins from the
// invite; relay servers (y-websocket, Hocuspocus) carry the relay path. Everything is driven through the
// UI: Share, the invite, the join form and route, typing, Export Markdown, the peers panel.
// Prints progress on stderr and one line `RESULT <json>` on stdout: every check with its outcome,
// and measured figures (sync latency, join, catch-up and reconnect times).
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import { chromium } from 'playwright-core'

const ROOT = resolve(import.meta.dirname, '../..')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-features=WebRtcHideLocalIpsWithMdns']
const COLORS = { A: '#d1242f', B: '#1a7f37', C: '#8250df', D: '#bf8700' }
const started = Date.now()
const checks = []
const figures = {}
/** MLDOC_WEBRTC_ONLY=large-document runs only that scenario (to repeat it while looking into it). */
const ONLY = process.env.MLDOC_WEBRTC_ONLY ?? null
/** MLDOC_WEBRTC_TRACE=1 prints every browser console message and y-webrtc's log (LOG=y-webrtc does it for Node peers). */
const TRACE = process.env.MLDOC_WEBRTC_TRACE === '1'
const log = (line) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`)

/** Records a Node peer's connection that stalled or failed before it connected and was started again (figures.connectionRetries). */
function retried(line) {
  ;(figures.connectionRetries ??= []).push(line)
  log(`Node peer: ${line}`)
}

/** Records a check; a failed one does not stop the run, so one report says everything. */
function check(name, ok, detail = '') {
  checks.push({ name, ok: Boolean(ok), detail })
  log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`)
}

/** A promise's value, or `fallback` once `ms` have passed. */
function withTimeout(promise, ms, fallback) {
  return Promise.race([promise, new Promise((r) => setTimeout(() => r(fallback), ms).unref())])
}

/** Waits until a condition holds, or throws after `ms`. */
async function until(what, condition, ms = 15000, every = 25) {
  const deadline = Date.now() + ms
  for (;;) {
    if (await condition()) return
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, every))
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]

async function freePort() {
  const server = createNetServer()
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address()
  await new Promise((r) => server.close(r))
  return port
}

/** Bundles the Node-side helpers (TypeScript) so this plain script can use them. */
async function loadSupport() {
  const out = join(ROOT, 'node_modules/.cache/mldoc-collab')
  mkdirSync(out, { recursive: true })
  await build({
    entryPoints: { support: join(ROOT, 'test/collab/scenarios/support.ts'), 'large-document': join(ROOT, 'test/collab/scenarios/large-document.ts') },
    outdir: out, outExtension: { '.js': '.mjs' }, bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'error',
  })
  return { ...(await import(join(out, 'support.mjs'))), ...(await import(join(out, 'large-document.mjs'))) }
}

/**
 * One person: their own browser-mode host (documents folder, settings with their name, colour
 * and the signaling server) and their own Chromium process, on the app's start screen.
 */
async function person(name, support, signalUrl, work) {
  const dir = join(work, name)
  mkdirSync(join(dir, 'docs'), { recursive: true })
  const settingsFile = join(dir, 'settings.json')
  writeFileSync(settingsFile, JSON.stringify({ uiLang: 'en', theme: 'light', userName: name, userColor: COLORS[name], signalingUrls: [signalUrl], iceServers: [] }))
  const host = await support.startWebHost({ port: 0, dir: join(dir, 'docs'), settingsFile })
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1400, height: 900 } })
  const p = { name, host, dir: join(dir, 'docs'), context, page: null, problems: [] }
  p.page = await newPage(p)
  return p
}

/** A page of a person's app, on the start screen; page errors and unhandled rejections are recorded. */
async function newPage(p) {
  const page = p.context.pages().find((x) => x.url() === 'about:blank') ?? (await p.context.newPage())
  page.on('pageerror', (error) => p.problems.push(`page error: ${error.message}`))
  if (TRACE) page.on('console', (message) => log(`${p.name} console.${message.type()}: ${message.text()}`))
  page.on('console', (message) => {
    // Failed loads are judged by their address below (a browser asks for /favicon.ico by itself).
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) p.problems.push(`console error: ${message.text()}`)
  })
  page.on('response', (response) => {
    if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') p.problems.push(`HTTP ${response.status()} for ${response.url()}`)
  })
  // A dialog may already be gone (its page closed first): accepting it then is not a failure.
  page.on('dialog', (dialog) => void dialog.accept().catch(() => {}))
  if (TRACE) await page.addInitScript(() => localStorage.setItem('log', 'y-webrtc'))
  await page.addInitScript(() => {
    window.addEventListener('unhandledrejection', (event) => console.error(`unhandled rejection: ${String(event.reason?.message ?? event.reason)}`))
  })
  await page.goto(p.host.url)
  await page.locator('[data-testid="join-input"]').waitFor()
  return page
}

const editorOf = (page) => page.locator('.ProseMirror').first()
/** The editor's text, without the others' caret labels (which each page shows differently). */
const textOf = (page) => editorOf(page).evaluate((el) => {
  const copy = el.cloneNode(true)
  for (const caret of copy.querySelectorAll('.mldoc-caret')) caret.remove()
  return copy.textContent
})

/** Opens a document of the person's folder. */
async function openDocument(page, file) {
  await page.evaluate((f) => (window.location.hash = `#/open/${encodeURIComponent(f)}`), file)
  await editorOf(page).waitFor()
}

/** Share → Start sharing (or through a relay server of the given kind) → the invite from the dialog. */
async function share(page, relay, protocol = 'y-websocket') {
  await page.getByTestId('share-button').click()
  if (relay) {
    await page.getByTestId('relay-protocol').selectOption(protocol)
    await page.getByTestId('relay-address').fill(relay)
    await page.getByTestId('share-via-relay').click()
  } else {
    await page.getByTestId('start-sharing').click()
  }
  const invite = await page.getByTestId('invite').inputValue()
  await page.keyboard.press('Escape')
  return invite
}

/** What the peers panel (in the Share dialog) says: its data attributes, peers and notes. */
async function peersPanel(page) {
  await page.getByTestId('share-button').click()
  const panel = page.getByTestId('peers-panel')
  await panel.waitFor()
  const facts = await panel.evaluate((el) => ({
    transport: el.dataset.transport,
    webrtcConns: Number(el.dataset.webrtcConns),
    bcConns: Number(el.dataset.bcConns),
    wrongSecret: el.dataset.wrongSecret === 'true',
    dropped: Number(el.dataset.dropped),
    peers: [...el.querySelectorAll('[data-peer-link]')].map((li) => ({ text: li.textContent, link: li.dataset.peerLink, local: li.dataset.candidateLocal, remote: li.dataset.candidateRemote })),
    signaling: [...el.querySelectorAll('[data-signaling]')].map((li) => li.dataset.signaling),
    relay: el.querySelector('[data-relay]')?.dataset.relay ?? null,
    relayProtocol: el.querySelector('[data-relay]')?.dataset.relayProtocol ?? null,
    notes: [...el.querySelectorAll('[data-note]')].map((n) => n.textContent),
  }))
  await page.keyboard.press('Escape')
  await page.getByTestId('share-dialog').waitFor({ state: 'detached' })
  return facts
}

/** Clicks Export Markdown and reads the file the host wrote into the person's folder. */
async function exportMarkdown(p, page = p.page) {
  for (const f of readdirSync(p.dir)) if (f.endsWith('.md')) rmSync(join(p.dir, f))
  await page.getByRole('button', { name: 'Export Markdown' }).click()
  let file = null
  await until(`${p.name}’s export`, () => (file = readdirSync(p.dir).find((f) => f.endsWith('.md'))) !== undefined, 10000)
  await sleep(50)
  return readFileSync(join(p.dir, file), 'utf8')
}

/**
 * Puts the caret at the end of the first paragraph, or of the metric's Definition field, and
 * waits until the editor has the focus and the caret there: typing that starts before then goes
 * to whatever has the focus (after an export, the Export button) and is lost. A click that does
 * not get there within 2 s is recorded in `figures.caretMisses` (where the focus and caret were
 * instead) and made again.
 */
async function caretAtEnd(page, target) {
  const locator = target === 'paragraph'
    ? page.locator('.ProseMirror > p').first()
    : page.locator('.mldoc-field-frame').filter({ has: page.locator('.mldoc-field-label', { hasText: /^Definition/ }) }).locator('.mldoc-field-text')
  for (let attempt = 1; ; attempt++) {
    await locator.click()
    await page.keyboard.press('End')
    let miss = null
    const deadline = Date.now() + 2000
    do {
      miss = await locator.evaluate((el) => {
        const anchor = document.getSelection()?.anchorNode ?? null
        const focused = document.activeElement
        if (focused?.closest('.ProseMirror') && anchor && el.contains(anchor)) return null
        const describe = (node) => (node ? ((node.nodeType === 1 ? node : node.parentElement)?.outerHTML.slice(0, 80) ?? 'a detached node') : 'nothing')
        return `focus on ${describe(focused)}, caret in ${describe(anchor)}`
      })
    } while (miss !== null && Date.now() < deadline && (await sleep(50), true))
    if (miss === null) return
    ;(figures.caretMisses ??= []).push(`${target}, attempt ${attempt}: ${miss}`)
    log(`the caret did not get to the ${target}: ${miss}`)
    if (attempt === 3) throw new Error(`the caret did not get to the ${target} in 3 clicks: ${miss}`)
  }
}

/** Waits until every page's editor shows the same text. */
async function converge(pages, what, ms = 15000) {
  await until(what, async () => {
    const texts = await Promise.all(pages.map(textOf))
    return texts.every((t) => t === texts[0])
  }, ms)
}

const caretLabels = (page) => page.evaluate(() => [...document.querySelectorAll('.mldoc-caret__label')].map((l) => l.textContent))

async function run() {
  const support = await loadSupport()
  const signal = await support.startSignalServer({ port: 0 })
  const work = mkdtempSync(join(tmpdir(), 'mldoc-webrtc-'))
  const cleanup = [() => rmSync(work, { recursive: true, force: true }), () => signal.close()]
  const later = (step) => cleanup.unshift(step)
  try {
    if (ONLY === 'large-document') {
      const c = await person('C', support, signal.url, work)
      later(() => c.context.close(), () => c.host.close())
      await support.largeDocumentScenario({ check, figures, signalUrl: signal.url, newPage: () => newPage(c), exportMarkdown: (page) => exportMarkdown(c, page), problems: c.problems, onConnectionRetry: retried })
      return
    }
    const [a, b] = await Promise.all([person('A', support, signal.url, work), person('B', support, signal.url, work)])
    for (const p of [a, b]) later(() => p.context.close(), () => p.host.close())
    support.writeSampleDocument(join(a.dir, 'churn.mldoc'))

    // --- A shares a document; B joins by pasting the invite on the start screen ---------------
    await openDocument(a.page, 'churn.mldoc')
    const invite = await share(a.page)
    check('Share gives an mldoc://join invite naming the room, the secret and the signaling server', /^mldoc:\/\/join\?room=[\w-]{22}&secret=[\w-]{43}&signal=ws%3A%2F%2F127\.0\.0\.1/.test(invite), invite.replace(/secret=[^&]+/, 'secret=…'))
    let t0 = Date.now()
    await b.page.getByTestId('join-input').fill(invite)
    await b.page.getByTestId('join-input').press('Enter')
    await editorOf(b.page).waitFor({ timeout: 20000 })
    figures.joinMs = Date.now() - t0
    await converge([a.page, b.page], 'B receiving the document')
    check('B joins from the pasted invite and receives the document', true, `${figures.joinMs} ms from Join to the editor`)
    await until('WebRTC connections', async () => (await peersPanel(a.page)).webrtcConns > 0 && (await peersPanel(b.page)).webrtcConns > 0)
    const panelA = await peersPanel(a.page)
    const panelB = await peersPanel(b.page)
    check('the peers are connected over WebRTC (provider.room.webrtcConns.size > 0), not BroadcastChannel', panelA.webrtcConns === 1 && panelB.webrtcConns === 1 && panelA.bcConns === 0 && panelB.bcConns === 0, `A ${panelA.webrtcConns}/${panelA.bcConns}, B ${panelB.webrtcConns}/${panelB.bcConns}`)
    await until('the candidate type in the peers panel', async () => (await peersPanel(a.page)).peers.some((x) => x.local === 'host'), 5000)
    const shown = await peersPanel(a.page)
    check('A’s peers panel shows B connected directly, with the candidate type and the signaling server reachable', shown.peers.some((x) => x.text.includes('B') && x.link === 'connected' && x.local === 'host' && x.remote === 'host') && shown.signaling.every((s) => s === 'reachable'), shown.peers.map((x) => x.text).join(' | '))
    const seeded = await exportMarkdown(b)
    check('the document arrives once, not duplicated', (seeded.match(/Problem framing/g) ?? []).length === 1 && (seeded.match(/We predict churn\./g) ?? []).length === 1)

    // --- Sync latency: keystroke in A to DOM change in B -------------------------------------
    await caretAtEnd(a.page, 'paragraph')
    await b.page.evaluate(() => {
      window.seen = []
      // The paragraph's own text: remote carets sit inside it with their name labels.
      const length = () => {
        const p = document.querySelector('.ProseMirror > p')
        return p.textContent.length - [...p.querySelectorAll('.mldoc-caret')].reduce((n, caret) => n + caret.textContent.length, 0)
      }
      let last = length()
      new MutationObserver(() => {
        const now = length()
        for (; last < now; last++) window.seen.push(Date.now())
      }).observe(document.querySelector('.ProseMirror'), { subtree: true, childList: true, characterData: true })
    })
    await a.page.evaluate(() => {
      window.typed = []
      document.addEventListener('keydown', () => window.typed.push(Date.now()), { capture: true })
    })
    const samples = 25
    for (let i = 0; i < samples; i++) {
      await a.page.keyboard.type(String(i % 10))
      await sleep(40)
    }
    await b.page.waitForFunction((n) => window.seen.length >= n, samples, { timeout: 10000 })
    const typed = await a.page.evaluate(() => window.typed)
    const seen = await b.page.evaluate(() => window.seen)
    const latencies = typed.slice(0, samples).map((t, i) => seen[i] - t)
    figures.syncLatencyMs = { median: median(latencies), p95: percentile(latencies, 95), max: Math.max(...latencies), samples }
    check('keystrokes in A appear in B’s editor quickly', latencies.every((ms) => ms >= 0) && figures.syncLatencyMs.median < 200, `median ${figures.syncLatencyMs.median} ms, p95 ${figures.syncLatencyMs.p95} ms over ${samples} keystrokes`)

    // --- Both type at the same time into one paragraph and one field of a block ----------------
    for (const target of ['paragraph', 'definition']) {
      await Promise.all([caretAtEnd(a.page, target), caretAtEnd(b.page, target)])
      const wordA = target === 'paragraph' ? ' alpha-from-A' : ' weekly-A'
      const wordB = target === 'paragraph' ? ' beta-from-B' : ' top-decile-B'
      await Promise.all([a.page.keyboard.type(wordA, { delay: 15 }), b.page.keyboard.type(wordB, { delay: 15 })])
      await converge([a.page, b.page], `typing into the ${target}`)
      const [mdA, mdB] = [await exportMarkdown(a), await exportMarkdown(b)]
      // Keystrokes typed at one spot at the same moment may interleave (as in any co-editor);
      // each person's characters must all be there, in their order, and both sides identical.
      const keeps = (text, word) => { let i = 0; for (const ch of text) if (ch === word[i]) i++; return i === word.length }
      const line = mdA.split('\n').find((l) => keeps(l, wordA.trim()) && keeps(l, wordB.trim()))
      // On failure, each side's line holding either word, to tell a lost word from a misplaced one.
      const either = (md) => md.split('\n').filter((l) => keeps(l, wordA.trim()) || keeps(l, wordB.trim())).map((l) => l.slice(-80)).join(' / ') || 'neither word'
      check(`typing at the same time into ${target === 'paragraph' ? 'one paragraph' : 'one field of a structured block (the metric’s Definition)'} converges with both people’s text`, mdA === mdB && line !== undefined, line !== undefined ? line.slice(-80) : `A: ${either(mdA)}; B: ${either(mdB)}`)
    }
    const definitionRow = (await exportMarkdown(a)).split('\n').find((line) => line.startsWith('| Definition |'))
    check('both people’s words are in the Definition row of the exported metric', /weekly-A/.test(definitionRow ?? '') && /top-decile-B/.test(definitionRow ?? ''), definitionRow)

    // --- Remote carets: labelled with the name, and they do not move the text ------------------
    // A's caret goes to the start of the paragraph, so B's caret widget sits before the text and
    // splits no run of it. A caret between two letters breaks their kerning: a shift of up to a
    // pixel that depends on which letters the concurrent typing above left there, which is text
    // shaping, not the caret taking room. A caret that takes room moves the first character by
    // its width (2 px without its negative margins).
    const firstCharacter = () => {
      const p = document.querySelector('.ProseMirror > p')
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT)
      let text = walker.nextNode()
      while (text?.parentElement.closest('.mldoc-caret')) text = walker.nextNode()
      const range = document.createRange()
      range.setStart(text, 0)
      range.setEnd(text, 1)
      const rect = range.getBoundingClientRect()
      return [rect.left, rect.top]
    }
    await b.page.locator('h2').first().click()
    await a.page.locator('h2').first().click()
    await until('no caret in B’s paragraph', async () => b.page.evaluate(() => !document.querySelector('.ProseMirror > p .mldoc-caret')))
    const before = await b.page.evaluate(firstCharacter)
    await a.page.locator('.ProseMirror > p').first().click({ position: { x: 2, y: 4 } })
    await a.page.keyboard.press('Home')
    await until('A’s caret at the start of its paragraph', async () => a.page.evaluate(() => {
      const { anchorNode, anchorOffset } = document.getSelection() ?? {}
      const p = document.querySelector('.ProseMirror > p')
      if (!anchorNode || !p.contains(anchorNode)) return false
      const range = document.createRange()
      range.setStart(p, 0)
      range.setEnd(anchorNode, anchorOffset)
      return range.toString() === ''
    }))
    await b.page.waitForFunction(() => [...document.querySelectorAll('.ProseMirror > p .mldoc-caret__label')].some((l) => l.textContent === 'A'), null, { timeout: 10000 })
    const after = await b.page.evaluate(firstCharacter)
    check('B sees A’s caret labelled "A" at the start of the paragraph, and the text does not move', Math.abs(before[0] - after[0]) < 0.5 && Math.abs(before[1] - after[1]) < 0.5, `first character at ${before.map((n) => n.toFixed(2))} before, ${after.map((n) => n.toFixed(2))} after`)

    // --- Undo undoes only one's own changes -----------------------------------------------------
    await caretAtEnd(a.page, 'paragraph')
    await a.page.keyboard.type(' undo-me-A', { delay: 10 })
    await sleep(700)
    await caretAtEnd(b.page, 'paragraph')
    await b.page.keyboard.type(' keep-B', { delay: 10 })
    await converge([a.page, b.page], 'both edits before undo')
    await a.page.keyboard.press('Control+z')
    await converge([a.page, b.page], 'the undo')
    const afterUndo = await textOf(b.page)
    check('Ctrl+Z in A undoes A’s typing and keeps B’s, for both', !afterUndo.includes('undo-me-A') && afterUndo.includes('keep-B'))

    // --- A third person joins late and catches up -----------------------------------------------
    const c = await person('C', support, signal.url, work)
    later(() => c.context.close(), () => c.host.close())
    t0 = Date.now()
    await c.page.evaluate((query) => (window.location.hash = `#/join?${query}`), invite.split('?')[1])
    await editorOf(c.page).waitFor({ timeout: 20000 })
    await converge([a.page, b.page, c.page], 'the late joiner catching up')
    figures.lateJoinMs = Date.now() - t0
    check('a third person joining late (through the #/join route) catches up with everything', (await exportMarkdown(c)) === (await exportMarkdown(a)), `${figures.lateJoinMs} ms`)
    await until('C’s WebRTC connections to A and B', async () => (await peersPanel(c.page)).webrtcConns === 2)
    check('the late joiner connects to both others over WebRTC', true)

    // --- One goes offline, everyone edits, it rejoins, all export identical Markdown ------------
    await caretAtEnd(b.page, 'paragraph')
    await caretAtEnd(c.page, 'paragraph')
    await a.page.waitForFunction(() => [...document.querySelectorAll('.mldoc-caret__label')].some((l) => l.textContent === 'C'), null, { timeout: 10000 })
    await c.page.getByTestId('share-button').click()
    await c.page.getByTestId('stop-sharing').click()
    await c.page.keyboard.press('Escape')
    await until('A and B to notice C left', async () => (await peersPanel(a.page)).webrtcConns === 1 && (await peersPanel(b.page)).webrtcConns === 1)
    check('when a person leaves the room, their caret goes from the others at once', !(await caretLabels(a.page)).includes('C'))
    await Promise.all([caretAtEnd(a.page, 'paragraph'), caretAtEnd(c.page, 'paragraph'), caretAtEnd(b.page, 'definition')])
    await Promise.all([a.page.keyboard.type(' online-A', { delay: 10 }), b.page.keyboard.type(' online-B', { delay: 10 }), c.page.keyboard.type(' offline-C', { delay: 10 })])
    await converge([a.page, b.page], 'A and B while C is offline')
    check('while C is offline its edit stays with C', !(await textOf(a.page)).includes('offline-C') && (await textOf(c.page)).includes('offline-C') && !(await textOf(c.page)).includes('online-A'))
    t0 = Date.now()
    await c.page.getByTestId('share-button').click()
    await c.page.getByTestId('rejoin').click()
    await c.page.keyboard.press('Escape')
    await converge([a.page, b.page, c.page], 'C rejoining')
    figures.reconnectMergeMs = Date.now() - t0
    const exports = [await exportMarkdown(a), await exportMarkdown(b), await exportMarkdown(c)]
    const missing = ['A', 'B', 'C'].flatMap((name, i) => ['online-A', 'online-B', 'offline-C'].filter((w) => !exports[i].includes(w)).map((w) => `${name}’s export lacks ${w}`))
    check('after C rejoins, all three export identical Markdown holding every edit', exports.every((m) => m === exports[0]) && missing.length === 0, `${figures.reconnectMergeMs} ms from Rejoin to the same text everywhere${missing.length ? `; ${missing.join(', ')}` : ''}${exports.every((m) => m === exports[0]) ? '' : '; the exports differ'}`)

    // --- A Node peer joins from the invite; its edit appears in the browsers --------------------
    const nodeLog = []
    const nodePeer = support.joinRoom(invite, { user: { name: 'Node', color: '#0a7ea4' }, log: (line) => nodeLog.push(line), onConnectionRetry: retried })
    later(() => nodePeer.close())
    t0 = Date.now()
    await nodePeer.synced(20000)
    await until('the Node peer’s WebRTC connections', async () => nodePeer.connections() >= 3)
    check('a Node peer (y-webrtc + node-datachannel) joins from the invite over WebRTC', support.peerMarkdown(nodePeer) === exports[0], `${Date.now() - t0} ms, ${nodePeer.connections()} WebRTC connections`)
    support.typeIntoFirstParagraph(nodePeer, ' node-edit')
    await a.page.getByText('node-edit').first().waitFor({ timeout: 10000 })
    await converge([a.page, b.page, c.page], 'the Node peer’s edit')
    check('the Node peer’s edit appears in every browser', (await exportMarkdown(b)).includes('node-edit'))

    // --- Hostile updates never half-apply --------------------------------------------------------
    const beforeHostile = await Promise.all([a, b, c].map((p) => exportMarkdown(p)))
    const hostile = support.hostileMessages(nodePeer)
    for (const { message } of hostile) support.sendToAllPeers(nodePeer, message)
    await until('the browsers to drop the hostile updates', async () => (await peersPanel(a.page)).dropped >= 2, 10000)
    await sleep(300)
    const afterHostile = await Promise.all([a, b, c].map((p) => exportMarkdown(p)))
    const panels = await Promise.all([a, b, c].map((p) => peersPanel(p.page)))
    check(`hostile messages (${hostile.map((h) => h.name).join('; ')}) are dropped and leave every document untouched`, afterHostile.every((md, i) => md === beforeHostile[i]) && !afterHostile[0].includes('HOSTILE'), `dropped per browser: ${panels.map((x) => x.dropped).join('/')}`)
    check('the peers panel says changes were ignored and the document is intact', panels[0].notes.some((n) => /ignored; your document is intact/.test(n)))
    support.typeIntoFirstParagraph(nodePeer, ' after-hostile')
    await converge([a.page, b.page, c.page], 'editing after the hostile messages')
    check('the room keeps working after the hostile messages', (await exportMarkdown(a)).includes('after-hostile') && (await exportMarkdown(c)) === support.peerMarkdown(nodePeer))

    // --- A person closing their window: the others notice at once ------------------------------
    t0 = Date.now()
    await c.page.close({ runBeforeUnload: true })
    await until('A to notice C’s window closed', async () => (await peersPanel(a.page)).webrtcConns === 2, 10000)
    figures.windowClosedNoticedMs = Date.now() - t0
    check('when a person closes their window, the others notice at once', figures.windowClosedNoticedMs < 5000, `${figures.windowClosedNoticedMs} ms`)

    // --- A wrong secret gets no document and no crash --------------------------------------------
    const intruderPage = await newPage(c)
    const wrong = invite.replace(/secret=[^&]+/, 'secret=not-the-right-secret-at-all-0123456789')
    await intruderPage.evaluate((query) => (window.location.hash = `#/join?${query}`), wrong.split('?')[1])
    await intruderPage.getByTestId('join-waiting').waitFor()
    t0 = Date.now()
    await intruderPage.locator('[data-testid="join-waiting"] [data-note="problem"]', { hasText: /different secret/ }).waitFor({ timeout: 15000 })
    figures.wrongSecretToldMs = Date.now() - t0
    await sleep(1000)
    const intruder = { editor: await intruderPage.locator('.ProseMirror').count(), note: await intruderPage.locator('[data-note="problem"]').first().textContent() }
    check('a person with a wrong secret gets no document, is told why, and nothing throws', intruder.editor === 0 && c.problems.length === 0, `${figures.wrongSecretToldMs} ms: “${intruder.note}”`)
    await until('the others to be told', async () => (await peersPanel(a.page)).wrongSecret, 10000)
    check('the people in the room are told someone used a different secret', (await peersPanel(a.page)).notes.some((n) => /different secret/.test(n)))
    await intruderPage.close({ runBeforeUnload: true })

    // --- A browser that dies: its caret goes from the others within seconds --------------------
    await caretAtEnd(b.page, 'paragraph')
    await a.page.waitForFunction(() => [...document.querySelectorAll('.mldoc-caret__label')].some((l) => l.textContent === 'B'), null, { timeout: 10000 })
    t0 = Date.now()
    const cdp = await b.context.newCDPSession(b.page)
    await withTimeout(cdp.send('Page.crash').catch(() => {}), 2000)
    await until('B’s caret to go from A', async () => !(await caretLabels(a.page)).includes('B'), 25000)
    figures.crashedCaretRemovedMs = Date.now() - t0
    check('when a person’s browser crashes, their caret goes within seconds (not after the 30 s presence timeout)', figures.crashedCaretRemovedMs < 20000, `${figures.crashedCaretRemovedMs} ms`)

    for (const p of [a, b, c]) check(`${p.name}’s browser logged no errors and no unhandled rejections`, p.problems.length === 0, p.problems.join(' | '))
    check('the Node peer noticed the wrong secret and nothing else went wrong', nodePeer.wrongSecretSeen() && nodeLog.every((l) => /different secret/.test(l)), nodeLog.join(' | '))
    nodePeer.close()

    // --- The relay path: the same share flow through a y-websocket server ----------------------
    const relayPort = await freePort()
    const relay = spawn(process.execPath, [join(ROOT, 'node_modules/@y/websocket-server/src/server.js')], { env: { ...process.env, HOST: '127.0.0.1', PORT: String(relayPort) }, stdio: ['ignore', 'pipe', 'inherit'] })
    later(() => relay.kill())
    await new Promise((r, j) => {
      relay.stdout.on('data', (d) => /running/.test(String(d)) && r())
      relay.once('exit', (code) => j(new Error(`relay server exited ${code}`)))
    })
    support.writeSampleDocument(join(a.dir, 'relayed.mldoc'))
    const relayPage = await newPage(a)
    await openDocument(relayPage, 'relayed.mldoc')
    const relayInvite = await share(relayPage, `ws://127.0.0.1:${relayPort}`)
    check('the relay invite names the relay server and no signaling server', /&relay=ws%3A%2F%2F127\.0\.0\.1%3A\d+/.test(relayInvite) && !relayInvite.includes('signal='), relayInvite.replace(/secret=[^&]+/, 'secret=…'))
    const relayPeer = support.joinRoom(relayInvite, { user: { name: 'Node', color: '#0a7ea4' } })
    later(() => relayPeer.close())
    await relayPeer.synced(10000)
    await until('the relay peer to get the document', async () => relayPeer.ydoc.getXmlFragment('default').length > 0, 10000)
    support.typeIntoFirstParagraph(relayPeer, ' via-relay-node')
    await relayPage.getByText('via-relay-node').first().waitFor({ timeout: 10000 })
    await caretAtEnd(relayPage, 'paragraph')
    await relayPage.keyboard.type(' relay-browser', { delay: 10 })
    await until('the browser edit at the relay peer', async () => support.peerMarkdown(relayPeer).includes('relay-browser'), 10000)
    const relayPanel = await peersPanel(relayPage)
    const relayed = await exportMarkdown(a, relayPage)
    check('through the relay server, edits go both ways and both export identical Markdown', relayPanel.transport === 'relay' && relayPanel.webrtcConns === 0 && relayed === support.peerMarkdown(relayPeer), relayPanel.notes.join(' '))
    const names = () => [...relayPeer.awareness.getStates().values()].map((state) => state?.user?.name)
    check('the relay peer sees A in the room', names().includes('A'))
    await relayPage.evaluate(() => (window.location.hash = '#/'))
    await until('A to leave the room when closing the document', async () => !names().includes('A'), 10000)
    check('closing a shared document leaves its room', true)

    // --- The relay path through a Hocuspocus server: a second Chromium process joins ------------
    const { Server } = await import('@hocuspocus/server')
    const hocuspocusSeen = []
    const hocuspocus = new Server({ quiet: true, stopOnSignals: false, onAuthenticate: async ({ documentName, token }) => void hocuspocusSeen.push({ documentName, token }) })
    // Server.listen() in 3.4.4 ignores its address option (every interface): listen on loopback here.
    await new Promise((r) => hocuspocus.httpServer.listen({ port: 0, host: '127.0.0.1' }, r))
    later(() => hocuspocus.destroy())
    const hocuspocusUrl = `ws://127.0.0.1:${hocuspocus.httpServer.address().port}`
    const problemsBefore = { a: a.problems.length, b: b.problems.length }
    support.writeSampleDocument(join(a.dir, 'hocuspocus.mldoc'))
    const hpA = await newPage(a)
    await openDocument(hpA, 'hocuspocus.mldoc')
    const hpInvite = await share(hpA, hocuspocusUrl, 'hocuspocus')
    check('the Hocuspocus invite names the server with hocuspocus= and no other server', /&hocuspocus=ws%3A%2F%2F127\.0\.0\.1%3A\d+/.test(hpInvite) && !/signal=|relay=/.test(hpInvite), hpInvite.replace(/secret=[^&]+/, 'secret=…'))
    const hpB = await newPage(b)
    t0 = Date.now()
    await hpB.getByTestId('join-input').fill(hpInvite)
    await hpB.getByTestId('join-input').press('Enter')
    await editorOf(hpB).waitFor({ timeout: 20000 })
    await converge([hpA, hpB], 'B receiving the document through Hocuspocus')
    figures.hocuspocusJoinMs = Date.now() - t0
    await caretAtEnd(hpB, 'paragraph')
    await hpB.keyboard.type(' via-hocuspocus-B', { delay: 10 })
    await hpA.getByText('via-hocuspocus-B').first().waitFor({ timeout: 10000 })
    await caretAtEnd(hpA, 'paragraph')
    await hpA.keyboard.type(' via-hocuspocus-A', { delay: 10 })
    await hpB.getByText('via-hocuspocus-A').first().waitFor({ timeout: 10000 })
    await converge([hpA, hpB], 'both edits through Hocuspocus')
    const [hpMdA, hpMdB] = [await exportMarkdown(a, hpA), await exportMarkdown(b, hpB)]
    const [hpPanelA, hpPanelB] = [await peersPanel(hpA), await peersPanel(hpB)]
    check('through a Hocuspocus server, a second Chromium process joins from the invite, edits go both ways and both export identical Markdown',
      hpMdA === hpMdB && hpMdA.includes('via-hocuspocus-A') && hpMdA.includes('via-hocuspocus-B') && (hpMdA.match(/Problem framing/g) ?? []).length === 1,
      `${figures.hocuspocusJoinMs} ms from Join to the document`)
    check('the peers panels show the Hocuspocus server reachable, the other person through it, and no WebRTC connection',
      [hpPanelA, hpPanelB].every((panel) => panel.transport === 'relay' && panel.webrtcConns === 0 && panel.relay === 'reachable' && panel.relayProtocol === 'hocuspocus')
        && hpPanelA.peers.some((x) => x.text.startsWith('B') && x.link === 'relay') && hpPanelB.peers.some((x) => x.text.startsWith('A') && x.link === 'relay'),
      [...hpPanelA.notes, ...hpPanelA.peers.map((x) => x.text), ...hpPanelB.peers.map((x) => x.text)].join(' | '))
    const hpQuery = new URLSearchParams(hpInvite.split('?')[1])
    check('the Hocuspocus server saw the document as <room>.<secret> and the secret as the token, from both people',
      hocuspocusSeen.length === 2 && hocuspocusSeen.every((x) => x.documentName === `${hpQuery.get('room')}.${hpQuery.get('secret')}` && x.token === hpQuery.get('secret')),
      `${hocuspocusSeen.length} authentications`)
    const newProblems = [...a.problems.slice(problemsBefore.a), ...b.problems.slice(problemsBefore.b)]
    check('sharing through Hocuspocus logged no errors in either browser', newProblems.length === 0, newProblems.join(' | '))
    const caretA = (present) => hpB.waitForFunction((want) => [...document.querySelectorAll('.mldoc-caret__label')].some((l) => l.textContent === 'A') === want, present, { timeout: 10000 }).then(() => true, () => false)
    await caretAtEnd(hpA, 'paragraph')
    const shownA = await caretA(true)
    await hpA.evaluate(() => (window.location.hash = '#/'))
    const goneA = await caretA(false)
    check('B sees A’s caret through Hocuspocus, and it goes when A closes the document (A leaves the room)', shownA && goneA, `shown ${shownA}, gone ${goneA}`)
    await hpB.close({ runBeforeUnload: true })

    // --- A document of more than 1 MiB, both ways (scenarios/large-document.ts) -----------------
    await support.largeDocumentScenario({ check, figures, signalUrl: signal.url, newPage: () => newPage(c), exportMarkdown: (page) => exportMarkdown(c, page), problems: c.problems, onConnectionRetry: retried })
  } finally {
    for (const step of cleanup) {
      try {
        await withTimeout(Promise.resolve(step()), 5000)
      } catch {}
    }
  }
}

// Whatever happens, the run ends and reports within its budget.
const WATCHDOG_MS = Number(process.env.MLDOC_WEBRTC_BUDGET_MS ?? 150000)
setTimeout(() => {
  check('the scenarios finished within their time budget', false, `${WATCHDOG_MS} ms`)
  process.stdout.write(`RESULT ${JSON.stringify({ checks, figures })}\n`)
  process.exit(0)
}, WATCHDOG_MS).unref()

try {
  await run()
} catch (error) {
  check('the scenarios ran to the end', false, error.stack ?? String(error))
}
figures.totalMs = Date.now() - started
process.stdout.write(`RESULT ${JSON.stringify({ checks, figures })}\n`)
process.exit(0)
