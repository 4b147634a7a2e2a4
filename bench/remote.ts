import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { buildPeerPages } from './browser/bundle.js'
import { chromiumMissing } from './browser/chromium.js'
import { RENDERER_DIR } from './browser/bundle.js'
import { rendererMissing } from './browser/sites.js'
import { countNodes, generateDocument } from './documents/generate.js'
import type { Benchmark, BenchDocument } from './harness/context.js'
import { formatMs, formatRatio, median, p95 } from './harness/stats.js'
import { metCell, notRunRow, type ResultRow } from './harness/table.js'
import { CACHE_DIR, ROOT } from './paths.js'
import type { PairMeasurement, RemoteDocument, RemoteJob, RemoteResult } from './remote/protocol.js'
import { createYDoc } from '../core/yjs/doc.js'
import { encodeMLDocFile } from '../core/yjs/file.js'

const NAME = 'Remote latency, key in A to DOM in B'
const GOAL = 'median < 10 ms on 1x'
const NETNS_RUN = join(ROOT, 'scripts/netns-run.sh')
/** netns-run.sh's exit status when no namespace can be made here. */
const NO_NAMESPACE = 77

/** Top-level index of the paragraph nearest the middle of a body. */
function middleParagraph(body: BenchDocument['doc']['body']): number {
  let index = body.childCount >> 1
  while (body.child(index).type.name !== 'paragraph') index++
  return index
}

/** Bundles the runner (it starts servers and browsers inside the namespace) for Node. */
async function buildRunner(): Promise<string> {
  const outfile = join(CACHE_DIR, 'remote-runner.mjs')
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['bench/remote/runner.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  })
  return outfile
}

/** Runs the job in a fresh network namespace; resolves to the result, or why it could not run. */
function runInNamespace(runner: string, jobFile: string, log: (message: string) => void): Promise<{ exit: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', [NETNS_RUN, process.execPath, runner, jobFile], { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      for (const line of chunk.toString().split('\n')) if (line.trim()) log(line)
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ exit: code ?? 1, stderr }))
  })
}

const figure = (samples: number[]) => `${formatMs(median(samples))}, p95 ${formatMs(p95(samples))} (${samples.length} keys)`

function rowsFor(label: string, sides: RemoteResult[string]): ResultRow[] {
  const ours = sides.ours
  const bare = sides.bare
  const measured = (m: typeof ours): m is PairMeasurement => m !== undefined && !('notRun' in m)
  const goal = label === '1x' ? GOAL : '—'
  const rows: ResultRow[] = []
  const peerCell = (text: (m: PairMeasurement) => string) => (measured(bare) ? `${text(bare)} bare Tiptap + y-webrtc` : `not run: ${bare && 'notRun' in bare ? bare.notRun : 'missing'}`)
  if (!measured(ours)) {
    const reason = ours && 'notRun' in ours ? ours.notRun : 'missing'
    rows.push({ ...notRunRow(NAME, label, goal, reason), peer: peerCell((m) => figure(m.remoteMs)) })
    return rows
  }
  const ratio = (get: (m: PairMeasurement) => number) => (measured(bare) ? formatRatio(get(ours), get(bare)) : '—')
  const keys = ours.remoteMs.length
  rows.push({
    benchmark: NAME,
    size: label,
    ours: figure(ours.remoteMs),
    peer: peerCell((m) => figure(m.remoteMs)),
    ratio: ratio((m) => median(m.remoteMs)),
    goal,
    met: label === '1x' ? metCell(median(ours.remoteMs) < 10) : '—',
  })
  rows.push({
    benchmark: 'Typing latency while shared, key to DOM updated in A',
    size: label,
    ours: figure(ours.localMs),
    peer: peerCell((m) => figure(m.localMs)),
    ratio: ratio((m) => median(m.localMs)),
    goal: '—',
    met: '—',
  })
  rows.push({
    benchmark: 'Data channel bytes per keystroke (Yjs sync / awareness)',
    size: label,
    ours: `${(ours.syncBytes / keys).toFixed(1)} B / ${(ours.awarenessBytes / keys).toFixed(1)} B`,
    peer: peerCell((m) => `${(m.syncBytes / keys).toFixed(1)} B / ${(m.awarenessBytes / keys).toFixed(1)} B`),
    ratio: ratio((m) => m.syncBytes),
    goal: '≤ 30 B (sync)',
    met: metCell(ours.syncBytes / keys <= 30),
  })
  return rows
}

/**
 * Benchmark 5: keystroke in Chromium A to the character showing in Chromium B's DOM, over
 * WebRTC inside a network namespace (scripts/netns-run.sh), on a small document (one section)
 * and the 1x document: our app (shared from its Share dialog, joined from the invite) against a
 * bare Tiptap + Collaboration + y-webrtc pair. Also reports A's own keystroke latency while
 * shared, and the bytes A sends per keystroke on its data channel.
 */
export const remoteLatency: Benchmark = {
  id: 'remote',
  async run(context) {
    const one = context.document(1)
    const missing = chromiumMissing() ?? (existsSync(NETNS_RUN) ? null : 'scripts/netns-run.sh is missing')
    if (missing) return [notRunRow(NAME, 'small', '—', missing), notRunRow(NAME, one.label, GOAL, missing)]
    const small = generateDocument({ scale: 1, sections: 1 })
    const documents: { label: string; body: BenchDocument['doc']['body']; bytes: Uint8Array }[] = [
      { label: 'small', body: small.body, bytes: encodeMLDocFile(createYDoc(small)) },
      { label: one.label, body: one.doc.body, bytes: one.mldocFile() },
    ]
    const base = mkdtempSync(join(tmpdir(), 'mldoc-bench-remote-'))
    try {
      const docsDir = join(base, 'docs')
      mkdirSync(docsDir)
      const remoteDocuments: RemoteDocument[] = documents.map(({ label, body, bytes }) => {
        const file = `bench-${label}.mldoc`
        writeFileSync(join(docsDir, file), bytes)
        return { label, file, topLevelNodes: body.childCount, paragraph: middleParagraph(body) }
      })
      context.log(`remote: small document ${countNodes(small.body).nodes} nodes, 1x ${one.nodes} nodes`)
      const job: RemoteJob = {
        docsDir,
        documents: remoteDocuments,
        pagesDir: await buildPeerPages(),
        rendererDir: rendererMissing() ? null : RENDERER_DIR,
        keystrokes: context.options.keystrokes,
        settleMs: context.options.settleMs,
        resultFile: join(base, 'result.json'),
      }
      const jobFile = join(base, 'job.json')
      writeFileSync(jobFile, JSON.stringify(job))
      const { exit, stderr } = await runInNamespace(await buildRunner(), jobFile, context.log)
      if (exit === NO_NAMESPACE) {
        const reason = stderr.trim().split('\n').pop() ?? 'no network namespace'
        return [notRunRow(NAME, 'small', '—', reason), notRunRow(NAME, one.label, GOAL, reason)]
      }
      if (exit !== 0) throw new Error(`the remote runner exited with ${exit}: ${stderr.trim().split('\n').slice(-3).join(' ')}`)
      const result = JSON.parse(readFileSync(job.resultFile, 'utf8')) as RemoteResult
      return remoteDocuments.flatMap(({ label }) => rowsFor(label, result[label] ?? {}))
    } finally {
      rmSync(base, { recursive: true, force: true })
    }
  },
}
