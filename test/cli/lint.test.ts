import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mldoc, ensureFreshBundle, tempFolder } from './mldoc.js'

let dir: string
let remove = (): void => undefined
beforeAll(() => {
  ensureFreshBundle()
  ;({ dir, remove } = tempFolder())
  expect(mldoc(['new', '--template', 'ml-engineering-document', '-o', 'fresh.mldoc'], dir).status).toBe(0)
  expect(mldoc(['new', '--template', 'example-churn-prediction', '-o', 'churn.mldoc'], dir).status).toBe(0)
})
afterAll(() => remove())

interface Report {
  findings: { rule: string; severity: string; message: string; target: string; pos: number }[]
}

describe('mldoc lint', () => {
  it('reports a fresh template\'s gaps as JSON of the agreed shape and exits with 1', () => {
    const run = mldoc(['lint', 'fresh.mldoc', '--format', 'json'], dir)
    expect(run.status).toBe(1)
    const report = JSON.parse(run.stdout) as Report
    expect(Object.keys(report)).toEqual(['findings'])
    expect(report.findings.length).toBeGreaterThan(0)
    expect(report.findings.some((f) => f.severity === 'error')).toBe(true)
    for (const finding of report.findings) {
      expect(Object.keys(finding)).toEqual(['rule', 'severity', 'message', 'target', 'pos'])
      expect(finding).toEqual({
        rule: expect.stringMatching(/^[a-z]+(-[a-z]+)*$/),
        severity: expect.stringMatching(/^(error|warning)$/),
        message: expect.stringMatching(/\S/),
        target: expect.stringMatching(/\S/),
        pos: expect.any(Number),
      })
    }
  })

  it('prints one line per finding and a summary in text form', () => {
    const json = JSON.parse(mldoc(['lint', 'fresh.mldoc', '--format', 'json'], dir).stdout) as Report
    const run = mldoc(['lint', 'fresh.mldoc'], dir)
    expect(run.status).toBe(1)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(json.findings.length + 1)
    const [first] = json.findings
    expect(lines[0]).toBe(`fresh.mldoc:${first!.target}: ${first!.severity} ${first!.rule}: ${first!.message}`)
    const errors = json.findings.filter((f) => f.severity === 'error').length
    const warnings = json.findings.length - errors
    expect(lines.at(-1)).toBe(`fresh.mldoc: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`)
  })

  it('finds no error in the worked example and exits with 0, from .mldoc and from Markdown', () => {
    const run = mldoc(['lint', 'churn.mldoc', '--format', 'json'], dir)
    expect(run.status, run.stdout).toBe(0)
    const report = JSON.parse(run.stdout) as Report
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([])
    writeFileSync(join(dir, 'churn.md'), mldoc(['export', 'churn.mldoc'], dir).stdout)
    const text = mldoc(['lint', 'churn.md'], dir)
    expect(text.status).toBe(0)
    expect(text.stdout.trimEnd().split('\n').at(-1)).toMatch(/^churn\.md: (no findings|0 errors, \d+ warnings?)$/)
  })

  it('refuses an unknown format', () => {
    const run = mldoc(['lint', 'fresh.mldoc', '--format', 'xml'], dir)
    expect(run.status).toBe(2)
    expect(run.stderr).toBe('mldoc: lint: --format must be text or json, not "xml" (see mldoc lint --help)\n')
  })
})
