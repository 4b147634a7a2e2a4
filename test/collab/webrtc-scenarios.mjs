// The WebRTC co-editing scenarios, run by test/collab/webrtc.test.ts inside a network namespace
// of their own (scripts/netns-run.sh), where the only addresses are the test's. Three separate
// Chromium processes (not tabs: tabs of one browser would sync over BroadcastChannel) and a Node
// peer meet through MLDoc's signaling server; a relay server (y-websocket) carries the relay path.
// Prints progress on stderr and one line `RESULT <json>` on stdout: every check with its outcome,
// and measured figures (sync latency, catch-up and reconnect times).
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import { chromium } from 'playwright-core'

const ROOT = resolve(import.meta.dirname, '../..')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-features=WebRtcHideLocalIpsWithMdns']
const started = Date.now()
const checks = []
const figures = {}
const log = (line) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`)

/** Records a check; a failed one does not stop the run, so one report says everything. */
function check(name, ok, detail = '') {
  checks.push({ name, ok: Boolean(ok), detail })
  log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`)
}

async function freePort() {
  const server = createNetServer()
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address()
  await new Promise((r) => server.close(r))
  return port
}

/** Bundles the harness page (browser) and the Node helpers; returns where they are. */
async function bundle() {
  const out = join(ROOT, 'node_modules/.cache/mldoc-collab')
  mkdirSync(out, { recursive: true })
  await build({
    entryPoints: { harness: join(ROOT, 'test/collab/harness/page.ts') },
    outdir: out, bundle: true, format: 'esm', platform: 'browser', target: 'es2022', logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  writeFileSync(join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><link rel="stylesheet" href="harness.css"><style>body{font:16px/1.5 sans-serif;margin:40px}</style><div id="editor"></div><script type="module" src="harness.js"></script>')
  await build({
    entryPoints: { support: join(ROOT, 'test/collab/scenarios/support.ts') },
    outdir: out, outExtension: { '.js': '.mjs' }, bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'error',
  })
  return out
}

/** Serves the harness page on loopback. */
async function serve(dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }
  const server = createServer((request, response) => {
    const name = new URL(request.url, 'http://x').pathname.replace(/^\/$/, '/index.html').slice(1)
    if (!/^[a-z]+\.(html|js|css)$/.test(name)) return response.writeHead(404).end()
    try {
      const body = readFileSync(join(dir, name))
      response.writeHead(200, { 'content-type': types[name.slice(name.lastIndexOf('.'))] }).end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) }
}

/** A browser process of its own (its own profile folder), with one page on the harness. */
async function browser(name, url, profiles) {
  const context = await chromium.launchPersistentContext(join(profiles, name), { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true })
  const page = context.pages()[0] ?? (await context.newPage())
  const problems = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
  })
  await page.goto(url)
  await page.waitForFunction(() => 'harness' in window)
  return { name, context, page, problems }
}

const settingsFor = (name, signal) => ({ userName: name, userColor: { A: '#d1242f', B: '#1a7f37', C: '#8250df', D: '#bf8700' }[name] ?? '#2f6feb', signalingUrls: [signal], iceServers: [] })
const state = (peer, expression) => peer.page.evaluate(expression)
const markdownOf = (peer) => state(peer, () => window.harness.markdown())

/** Waits until a condition holds in Node, or throws after `ms`. */
async function until(what, condition, ms = 15000, every = 25) {
  const deadline = Date.now() + ms
  for (;;) {
    if (await condition()) return
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, every))
  }
}

/** Puts the caret of a peer's editor at the end of the first paragraph, or of a metric field. */
async function caretAt(peer, target) {
  await peer.page.evaluate((target) => {
    const editor = window.harness.editor
    let pos = -1
    editor.state.doc.descendants((node, p, parent) => {
      if (pos >= 0) return false
      if (target === 'paragraph' && node.type.name === 'paragraph' && parent.type.name === 'doc') pos = p + 1 + node.content.size
      if (target === 'definition' && node.type.name === 'blockField' && node.attrs.name === 'definition') pos = p + 1 + node.content.size
      return pos < 0
    })
    editor.commands.setTextSelection(pos)
    editor.commands.focus()
  }, target)
}

async function converge(peers, what, ms = 15000) {
  await until(what, async () => {
    const bodies = await Promise.all(peers.map((p) => state(p, () => window.harness.bodyJSON())))
    return bodies.every((b) => b === bodies[0])
  }, ms)
}

/** A promise's value, or `fallback` once `ms` have passed. */
function withTimeout(promise, ms, fallback) {
  return Promise.race([promise, new Promise((r) => setTimeout(() => r(fallback), ms).unref())])
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]
const round = (n) => Math.round(n * 10) / 10

async function run() {
  const out = await bundle()
  const support = await import(join(out, 'support.mjs'))
  const site = await serve(out)
  const signal = await support.startSignalServer({ port: 0 })
  const profiles = mkdtempSync(join(tmpdir(), 'mldoc-webrtc-'))
  const cleanup = []
  cleanup.push(() => rmSync(profiles, { recursive: true, force: true }), () => site.close(), () => signal.close())
  try {
    // --- Share and join through the signaling server ---------------------------------------
    const [a, b] = await Promise.all([browser('A', site.url, profiles), browser('B', site.url, profiles)])
    cleanup.unshift(() => a.context.close(), () => b.context.close())
    const invite = await a.page.evaluate((s) => window.harness.createAndShare(s), settingsFor('A', signal.url))
    check('the invite is an mldoc://join link naming the room, the secret and the signaling server', /^mldoc:\/\/join\?room=[\w-]{22}&secret=[\w-]{43}&signal=ws%3A%2F%2F127\.0\.0\.1/.test(invite), invite.replace(/secret=[^&]+/, 'secret=…'))
    let t0 = Date.now()
    await b.page.evaluate(([s, i]) => window.harness.join(s, i), [settingsFor('B', signal.url), invite])
    await b.page.waitForFunction(() => window.harness.hasContent(), null, { timeout: 20000 })
    figures.joinMs = Date.now() - t0
    check('B joins from the invite and receives the document', true, `${figures.joinMs} ms from join to content`)
    await until('WebRTC connections', async () => (await state(a, () => window.harness.webrtcConns())) > 0 && (await state(b, () => window.harness.webrtcConns())) > 0)
    const bc = await Promise.all([a, b].map((p) => state(p, () => window.harness.bcConns())))
    check('the peers are connected over WebRTC, not BroadcastChannel', bc.every((n) => n === 0), `webrtcConns > 0 on both, bcConns ${bc.join('/')}`)
    const seeded = await markdownOf(b)
    check('the template content arrives once, not duplicated', (seeded.match(/Problem framing/g) ?? []).length === 1 && (seeded.match(/We predict churn\./g) ?? []).length === 1)

    // --- Sync latency: keystroke in A to DOM change in B --------------------------------------
    await caretAt(a, 'paragraph')
    await b.page.evaluate(() => {
      window.seen = []
      const paragraph = () => [...document.querySelectorAll('#editor .ProseMirror > p')][0]
      let last = paragraph().textContent.length
      new MutationObserver(() => {
        const length = paragraph().textContent.length
        if (length > last) {
          for (let i = last; i < length; i++) window.seen.push(Date.now())
          last = length
        }
      }).observe(document.querySelector('#editor'), { subtree: true, childList: true, characterData: true })
    })
    await a.page.evaluate(() => {
      window.typed = []
      document.addEventListener('keydown', (event) => window.typed.push(Date.now()), { capture: true })
    })
    const samples = 25
    for (let i = 0; i < samples; i++) {
      await a.page.keyboard.type(String(i % 10))
      await new Promise((r) => setTimeout(r, 40))
    }
    await b.page.waitForFunction((n) => window.seen.length >= n, samples, { timeout: 10000 })
    const typed = await a.page.evaluate(() => window.typed)
    const seen = await b.page.evaluate(() => window.seen)
    const latencies = typed.slice(0, samples).map((t, i) => seen[i] - t)
    figures.syncLatencyMs = { median: round(median(latencies)), p95: round(percentile(latencies, 95)), max: round(Math.max(...latencies)), samples }
    check('keystrokes in A show in B’s editor quickly', figures.syncLatencyMs.median < 200, `median ${figures.syncLatencyMs.median} ms, p95 ${figures.syncLatencyMs.p95} ms over ${samples} keystrokes`)

    // --- Both type at the same time into one paragraph and one field of a block ----------------
    for (const target of ['paragraph', 'definition']) {
      await Promise.all([caretAt(a, target), caretAt(b, target)])
      const wordA = target === 'paragraph' ? ' alpha-from-A' : ' weekly-A'
      const wordB = target === 'paragraph' ? ' beta-from-B' : ' top-decile-B'
      await Promise.all([a.page.keyboard.type(wordA, { delay: 15 }), b.page.keyboard.type(wordB, { delay: 15 })])
      await converge([a, b], `convergence after typing into the ${target}`)
      const md = await markdownOf(a)
      check(`typing at the same time into the ${target === 'paragraph' ? 'same paragraph' : 'metric’s Definition field'} converges with both people’s text`, md.includes(wordA.trim()) && md.includes(wordB.trim()) && md === (await markdownOf(b)))
    }
    const definitionRow = (await markdownOf(a)).split('\n').find((line) => line.startsWith('| Definition |'))
    check('the field text merged inside the block (Markdown row)', /weekly-A/.test(definitionRow ?? '') && /top-decile-B/.test(definitionRow ?? ''), definitionRow)

    // --- Remote carets: labelled, and they do not move the text --------------------------------
    const lastCharX = () => {
      const p = document.querySelector('#editor .ProseMirror > p')
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT)
      let node = null
      let text = null
      while ((node = walker.nextNode())) if (!node.parentElement.closest('.mldoc-caret')) text = node
      const range = document.createRange()
      range.setStart(text, text.length - 1)
      range.setEnd(text, text.length)
      const rect = range.getBoundingClientRect()
      return [rect.left, rect.top]
    }
    await b.page.evaluate(() => window.harness.editor.commands.blur())
    await a.page.evaluate(() => window.harness.editor.commands.setTextSelection(1))
    const beforeCaret = await b.page.evaluate(lastCharX)
    await caretAt(a, 'paragraph')
    await a.page.evaluate(() => {
      const editor = window.harness.editor
      const { from } = editor.state.selection
      editor.commands.setTextSelection(from - 6)
    })
    await b.page.waitForFunction(() => [...document.querySelectorAll('#editor p .mldoc-caret__label')].some((l) => l.textContent === 'A'), null, { timeout: 10000 })
    const afterCaret = await b.page.evaluate(lastCharX)
    check('B shows A’s caret labelled "A" inside the paragraph, and the text does not move', Math.abs(beforeCaret[0] - afterCaret[0]) < 0.5 && Math.abs(beforeCaret[1] - afterCaret[1]) < 0.5, `last character at ${beforeCaret.map((n) => n.toFixed(2))} before, ${afterCaret.map((n) => n.toFixed(2))} after`)

    // --- A third peer joins late and catches up -------------------------------------------------
    const c = await browser('C', site.url, profiles)
    cleanup.unshift(() => c.context.close())
    t0 = Date.now()
    await c.page.evaluate(([s, i]) => window.harness.join(s, i), [settingsFor('C', signal.url), invite])
    await c.page.waitForFunction(() => window.harness.hasContent(), null, { timeout: 20000 })
    await converge([a, b, c], 'the late joiner catching up')
    figures.lateJoinMs = Date.now() - t0
    check('a third peer joining late catches up with everything typed before', (await markdownOf(c)) === (await markdownOf(a)), `${figures.lateJoinMs} ms`)
    await until('C’s WebRTC connections to A and B', async () => (await state(c, () => window.harness.webrtcConns())) >= 2)
    check('the late joiner connects to both others over WebRTC', true)

    // --- One goes offline, everyone edits, it reconnects, all export identical Markdown ----------
    await c.page.evaluate(() => window.harness.collab.leave())
    await until('A and B to notice C left', async () => (await state(a, () => window.harness.webrtcConns())) === 1 && (await state(b, () => window.harness.webrtcConns())) === 1)
    await until('C’s caret to go from A', async () => !(await a.page.evaluate(() => [...document.querySelectorAll('.mldoc-caret__label')].some((l) => l.textContent === 'C'))), 5000)
    check('when a peer leaves, its caret is removed from the others at once', true)
    await Promise.all([caretAt(a, 'paragraph'), caretAt(c, 'paragraph'), caretAt(b, 'definition')])
    await Promise.all([
      a.page.keyboard.type(' online-A', { delay: 10 }),
      b.page.keyboard.type(' online-B', { delay: 10 }),
      c.page.keyboard.type(' offline-C', { delay: 10 }),
    ])
    await converge([a, b], 'A and B while C is offline')
    check('while C is offline its edit stays with C', !(await markdownOf(a)).includes('offline-C') && (await markdownOf(c)).includes('offline-C') && !(await markdownOf(c)).includes('online-A'))
    t0 = Date.now()
    await c.page.evaluate((i) => window.harness.reconnect(i), invite)
    await converge([a, b, c], 'C reconnecting')
    figures.reconnectMergeMs = Date.now() - t0
    const exports = await Promise.all([a, b, c].map(markdownOf))
    check('after C reconnects all three export identical Markdown holding every edit', exports.every((m) => m === exports[0]) && ['online-A', 'online-B', 'offline-C'].every((w) => exports[0].includes(w)), `${figures.reconnectMergeMs} ms to merge`)

    // --- A Node peer joins from the invite; its edit appears in the browsers --------------------
    const nodeLog = []
    const nodePeer = support.joinRoom(invite, { user: { name: 'Node', color: '#0a7ea4' }, log: (line) => nodeLog.push(line) })
    cleanup.unshift(() => nodePeer.close())
    t0 = Date.now()
    await nodePeer.synced(20000)
    await until('the Node peer’s WebRTC connections', async () => nodePeer.connections() >= 3)
    check('a Node peer (y-webrtc + node-datachannel) joins from the invite over WebRTC', support.peerMarkdown(nodePeer) === exports[0], `${Date.now() - t0} ms, ${nodePeer.connections()} WebRTC connections`)
    support.typeIntoFirstParagraph(nodePeer, ' node-edit')
    await a.page.waitForFunction(() => document.querySelector('#editor').textContent.includes('node-edit'), null, { timeout: 10000 })
    await converge([a, b, c], 'the Node peer’s edit')
    check('the Node peer’s edit appears in every browser', (await markdownOf(b)).includes('node-edit'))

    // --- Hostile updates never half-apply --------------------------------------------------------
    const beforeHostile = await Promise.all([a, b, c].map((p) => state(p, () => window.harness.bodyJSON())))
    const hostile = support.hostileMessages(nodePeer)
    for (const { message } of hostile) support.sendToAllPeers(nodePeer, message)
    await until('the browsers to drop the hostile updates', async () => (await state(a, () => window.harness.collab.getState().droppedUpdates)) >= 2, 10000)
    await new Promise((r) => setTimeout(r, 300))
    const afterHostile = await Promise.all([a, b, c].map((p) => state(p, () => window.harness.bodyJSON())))
    const dropped = await Promise.all([a, b, c].map((p) => state(p, () => window.harness.collab.getState().droppedUpdates)))
    check(`hostile messages (${hostile.map((h) => h.name).join('; ')}) are dropped and leave every document untouched`, afterHostile.every((body, i) => body === beforeHostile[i]) && !afterHostile[0].includes('HOSTILE') && !afterHostile[0].includes('script'), `dropped updates per browser: ${dropped.join('/')}`)
    support.typeIntoFirstParagraph(nodePeer, ' after-hostile')
    await converge([a, b, c], 'editing after the hostile messages')
    check('the room keeps working after the hostile messages', (await markdownOf(a)).includes('after-hostile') && (await markdownOf(c)) === support.peerMarkdown(nodePeer))

    // --- A wrong secret gets no document and no crash --------------------------------------------
    t0 = Date.now()
    await c.page.close({ runBeforeUnload: true })
    await until('A to notice C’s window closed', async () => (await state(a, () => window.harness.webrtcConns())) === 2, 10000)
    figures.windowClosedNoticedMs = Date.now() - t0
    check('when a peer closes its window, the others notice at once', figures.windowClosedNoticedMs < 3000, `${figures.windowClosedNoticedMs} ms`)
    const intruderPage = await c.context.newPage()
    const intruder = { name: 'C2', context: c.context, page: intruderPage, problems: [] }
    intruderPage.on('pageerror', (error) => intruder.problems.push(`page error: ${error.message}`))
    await intruderPage.goto(site.url)
    await intruderPage.waitForFunction(() => 'harness' in window)
    const wrong = invite.replace(/secret=[^&]+/, 'secret=not-the-right-secret-at-all-0123456789')
    await intruderPage.evaluate(([s, i]) => window.harness.join(s, i), [settingsFor('C', signal.url), wrong])
    t0 = Date.now()
    await until('the intruder to be told', async () => intruderPage.evaluate(() => { const s = window.harness.collab.getState(); return s.wrongSecret || s.unansweredOthers > 0 }), 15000)
    figures.wrongSecretToldMs = Date.now() - t0
    await until('the others to notice the wrong secret', async () => state(a, () => window.harness.collab.getState().wrongSecret), 10000)
    const intruderState = await intruderPage.evaluate(() => ({ content: window.harness.hasContent(), body: window.harness.ydoc.getXmlFragment('default').length, conns: window.harness.webrtcConns(), errors: window.harness.errors, unanswered: window.harness.collab.getState().unansweredOthers }))
    check('a peer with a wrong secret gets no document, is told why, and nothing throws', !intruderState.content && intruderState.body === 0 && intruderState.conns === 0 && intruderState.errors.length === 0 && intruder.problems.length === 0 && intruderState.unanswered === 3, `${JSON.stringify(intruderState)}, told after ${figures.wrongSecretToldMs} ms`)
    check('the legitimate peers are told someone used a different secret', await state(a, () => window.harness.collab.getState().wrongSecret))
    await intruderPage.close()

    // --- A peer closing its window: its caret goes from the others at once -----------------------
    await caretAt(b, 'paragraph')
    await a.page.waitForFunction(() => [...document.querySelectorAll('.mldoc-caret__label')].some((l) => l.textContent === 'B'), null, { timeout: 10000 })
    t0 = Date.now()
    // The renderer process crashes: nothing is said to the others, no page events run.
    const cdp = await b.context.newCDPSession(b.page)
    await withTimeout(cdp.send('Page.crash').catch(() => {}), 2000)
    await until('B’s caret to go from A', async () => !(await a.page.evaluate(() => [...document.querySelectorAll('.mldoc-caret__label')].some((l) => l.textContent === 'B'))), 20000)
    figures.caretRemovedMs = Date.now() - t0
    check('when a peer’s browser dies, its caret is removed within seconds (not after the 30 s awareness timeout)', figures.caretRemovedMs < 15000, `${figures.caretRemovedMs} ms`)

    for (const p of [a, b, c]) {
      const live = p.context.pages().find((page) => page === p.page)
      const harnessErrors = live && p !== b ? await withTimeout(live.evaluate(() => window.harness.errors), 5000, ['could not read the page']) : []
      check(`browser ${p.name} logged no page errors or unhandled rejections`, p.problems.length === 0 && harnessErrors.length === 0, [...p.problems, ...harnessErrors].join(' | '))
    }
    check('the Node peer reported the wrong secret and nothing else went wrong', nodePeer.wrongSecretSeen() && nodeLog.every((l) => /different secret/.test(l)), nodeLog.join(' | '))
    nodePeer.close()
    cleanup.shift()

    // --- The relay path: the same share flow through a y-websocket server ----------------------
    const relayPort = await freePort()
    const relay = spawn(process.execPath, [join(ROOT, 'node_modules/@y/websocket-server/src/server.js')], { env: { ...process.env, HOST: '127.0.0.1', PORT: String(relayPort) }, stdio: ['ignore', 'pipe', 'inherit'] })
    cleanup.unshift(() => relay.kill())
    await new Promise((r, j) => {
      relay.stdout.on('data', (d) => /running/.test(String(d)) && r())
      relay.once('exit', (code) => j(new Error(`relay server exited ${code}`)))
    })
    const relayPage = await a.context.newPage()
    await relayPage.goto(site.url)
    await relayPage.waitForFunction(() => 'harness' in window)
    const r = { name: 'A-relay', page: relayPage }
    const relayInvite = await relayPage.evaluate(([s, url]) => window.harness.createAndShare(s, url), [settingsFor('A', signal.url), `ws://127.0.0.1:${relayPort}`])
    check('the relay invite names the relay server and no signaling server', /&relay=ws%3A%2F%2F127\.0\.0\.1%3A\d+/.test(relayInvite) && !relayInvite.includes('signal='), relayInvite.replace(/secret=[^&]+/, 'secret=…'))
    const relayPeer = support.joinRoom(relayInvite, { user: { name: 'Node', color: '#0a7ea4' } })
    cleanup.unshift(() => relayPeer.close())
    await relayPeer.synced(10000)
    await until('the relay peer to get the document', async () => relayPeer.ydoc.getXmlFragment('default').length > 0, 10000)
    support.typeIntoFirstParagraph(relayPeer, ' via-relay-node')
    await relayPage.waitForFunction(() => document.querySelector('#editor').textContent.includes('via-relay-node'), null, { timeout: 10000 })
    await relayPage.evaluate(() => window.harness.editor.commands.insertContentAt(1, 'relay-browser '))
    await until('the browser edit at the relay peer', async () => support.peerMarkdown(relayPeer).includes('relay-browser'), 10000)
    const relayState = await relayPage.evaluate(() => ({ transport: window.harness.collab.getState().transport, conns: window.harness.webrtcConns(), md: window.harness.markdown() }))
    check('through the relay server, edits go both ways and both export identical Markdown', relayState.transport === 'relay' && relayState.conns === 0 && relayState.md === support.peerMarkdown(relayPeer))
    void r
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
