import { describe, expect, it } from 'vitest'
import { BENCHMARK_IDS, runBench } from '../../bench/main.js'
import { formatTable, TABLE_HEADER } from '../../bench/harness/table.js'

// A smoke run of `npm run bench`: every benchmark at a tiny size (2 sections, 1 run, 5
// keystrokes), checking only that the harness produces a well-formed table. No timing is asserted.
describe('npm run bench (smoke run at a tiny size)', () => {
  it('runs every benchmark and prints a well-formed table', { timeout: 600_000 }, async () => {
    const log: string[] = []
    const { rows, markdown } = await runBench(
      { quick: true, runs: 1, scales: [1, 2], sections: 2, keystrokes: 5, settleMs: 100, only: null, out: '' },
      (message) => log.push(message),
    )
    const lines = markdown.trimEnd().split('\n')
    const start = lines.indexOf(TABLE_HEADER)
    expect(start).toBeGreaterThan(0)
    expect(lines[start + 1]).toBe('| --- | --- | --- | --- | --- | --- | --- |')
    const body = lines.slice(start + 2)
    expect(body).toHaveLength(rows.length)
    expect(lines.slice(start).join('\n')).toBe(formatTable(rows))
    for (const line of body) {
      // Seven cells: split on pipes not escaped by a backslash.
      expect(line.split(/(?<!\\)\|/).slice(1, -1), line).toHaveLength(7)
    }
    for (const row of rows) {
      // A benchmark that crashed is a defect; one whose piece is missing here says why.
      expect(row.ours, `${row.benchmark}: ${log.join('\n')}`).not.toMatch(/^not run: failed/)
      if (!row.ours.startsWith('not run: ')) expect(row.ours, row.benchmark).toMatch(/\d/)
      expect(['yes', 'NO', '—']).toContain(row.met)
    }
    // Each benchmark contributes rows, at each size where it runs per size.
    for (const name of ['Markdown export (CPU time)', 'Markdown import (CPU time)']) {
      expect(rows.filter((r) => r.benchmark === name).map((r) => r.size)).toEqual(expect.arrayContaining(['1x', '2x']))
    }
    for (const pattern of [/^Typing latency, key to DOM/, /^Cold open/, /^Remote latency/, /^Yjs update per keystroke/, /^Peak renderer JS heap/, /^mldoc export/, /^mldoc lint/]) {
      expect(rows.some((r) => pattern.test(r.benchmark)), String(pattern)).toBe(true)
    }
    expect(BENCHMARK_IDS).toHaveLength(8)
  })
})
