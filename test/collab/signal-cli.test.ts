// `mldoc signal` as users run it: a real process, a real WebSocket client, Ctrl+C to stop.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { mldoc, ensureFreshBundle, ROOT, STACK_TRACE } from '../cli/mldoc.js'

beforeAll(() => ensureFreshBundle())

describe('mldoc signal', () => {
  it('serves y-webrtc’s protocol on 127.0.0.1 until Ctrl+C', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/mldoc.js'), 'signal', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        stdout += d
        const match = /running at (ws:\/\/127\.0\.0\.1:\d+)/.exec(stdout)
        if (match) resolve(match[1]!)
      })
      child.once('exit', () => reject(new Error(`mldoc signal exited: ${stderr}`)))
    })
    const a = new WebSocket(url)
    const b = new WebSocket(url)
    await Promise.all([a, b].map((s) => new Promise((r) => s.once('open', r))))
    const received = new Promise<unknown>((resolve) => b.on('message', (m) => {
      const frame = JSON.parse(String(m))
      if (frame.type === 'publish') resolve(frame)
    }))
    a.send(JSON.stringify({ type: 'subscribe', topics: ['room'] }))
    b.send(JSON.stringify({ type: 'subscribe', topics: ['room'] }))
    await new Promise((r) => setTimeout(r, 100))
    a.send(JSON.stringify({ type: 'publish', topic: 'room', data: 'offer' }))
    expect(await received).toEqual({ type: 'publish', topic: 'room', data: 'offer', clients: 2 })
    expect(stderr).toMatch(/Only this machine can reach it/)
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    a.terminate()
    b.terminate()
  })

  it('says what is wrong with its options, without a stack trace', () => {
    for (const [args, message] of [
      [['--port', 'http'], /--port must be a number from 0 to 65535, not "http"/],
      [['--port', '70000'], /--port must be a number from 0 to 65535/],
      [['--host', '203.0.113.9'], /--host 203\.0\.113\.9 is not an address of this machine/],
      [['--colour', 'red'], /unknown option --colour/],
      [['extra'], /unexpected argument extra/],
    ] as const) {
      const run = mldoc(['signal', ...args], ROOT)
      expect(run.status, args.join(' ')).toBe(2)
      expect(run.stderr).toMatch(message)
      expect(run.stderr).not.toMatch(STACK_TRACE)
    }
    expect(mldoc(['signal', '--help'], ROOT).stdout).toMatch(/Usage: mldoc signal \[--port N\] \[--host H\]/)
  })
})
