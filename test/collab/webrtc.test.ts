// Runs the WebRTC co-editing scenarios (test/collab/webrtc-scenarios.mjs: the real app in browser
// mode, built into dist/renderer by `npm test`) inside a network namespace of their own, made by
// scripts/netns-run.sh, and checks every result they report.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Why the scenarios cannot run here, or null when they can. */
function cannotRun(): string | null {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`
  if (process.env.MLDOC_NETNS === '1') return null
  const probe = spawnSync('unshare', ['-n', 'true'], { encoding: 'utf8' })
  if (probe.error) return 'unshare is not installed (util-linux): the WebRTC tests need a network namespace of their own'
  if (probe.status !== 0) return `cannot create a network namespace here (needs root or CAP_SYS_ADMIN): ${probe.stderr.trim()}`
  if (spawnSync('ip', ['-V']).error) return 'ip is not installed (iproute2): the WebRTC tests need it to set up their network namespace'
  return null
}

interface Report {
  checks: { name: string; ok: boolean; detail: string }[]
  figures: Record<string, unknown>
}

function runScenarios(): Promise<{ report: Report | null; stderr: string; status: number | null }> {
  return new Promise((done) => {
    const child = spawn(resolve(ROOT, 'scripts/netns-run.sh'), [process.execPath, resolve(ROOT, 'test/collab/webrtc-scenarios.mjs')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (status) => {
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '))
      done({ report: line ? (JSON.parse(line.slice('RESULT '.length)) as Report) : null, stderr, status })
    })
  })
}

const reason = cannotRun()

describe('co-editing in the app over WebRTC (separate Chromium processes, a Node peer, relay servers)', () => {
  it.skipIf(reason !== null)(`every scenario passes${reason ? ` — skipped: ${reason}` : ''}`, async () => {
    const { report, stderr, status } = await runScenarios()
    expect(report, `the scenarios reported nothing (exit ${status}):\n${stderr}`).not.toBeNull()
    console.log(`WebRTC scenarios: ${report!.checks.filter((c) => c.ok).length}/${report!.checks.length} checks passed; figures ${JSON.stringify(report!.figures)}`)
    const failed = report!.checks.filter((c) => !c.ok).map((c) => `${c.name}${c.detail ? `: ${c.detail}` : ''}`)
    expect(failed, stderr).toEqual([])
    // The run covers what it claims: a report missing a scenario is a failure too.
    for (const scenario of [/connected over WebRTC .*not BroadcastChannel/, /into one paragraph converges/, /one field of a structured block .* converges/, /Ctrl\+Z in A undoes A’s typing and keeps B’s/, /third person joining late/, /after C rejoins, all three export identical Markdown/, /wrong secret gets no document/, /Node peer .* joins from the invite/, /hostile messages/, /through the relay server/, /through a Hocuspocus server, a second Chromium process joins/, /peers panels show the Hocuspocus server reachable/, /more than 1 MiB reaches the app in Chromium whole/, /more than 1 MiB reaches a Node peer whole/]) {
      expect(report!.checks.some((c) => scenario.test(c.name) && c.ok), String(scenario)).toBe(true)
    }
  }, 200_000)
})
