import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ensureFreshBundle, mldoc } from '../cli/mldoc.js'
import { CHURN_EXAMPLE, scratch } from '../repo/git-fixture.js'
import { listFiles, snapshot } from './fixtures.js'

let dir: string
let remove: () => void
beforeAll(ensureFreshBundle)
beforeEach(() => ({ dir, remove } = scratch()))
afterEach(() => remove())

describe('mldoc scaffold FILE DIR', () => {
  it('prints what it created, then on a second run what it skipped, changing nothing', () => {
    const first = mldoc(['scaffold', CHURN_EXAMPLE, 'project'], dir)
    expect(first.status).toBe(0)
    const files = listFiles(join(dir, 'project'))
    expect(first.stdout).toBe(files.map((path) => `created ${path}\n`).join(''))
    expect(first.stderr).toBe(`project: ${files.length} created, 0 skipped\n`)
    const exported = mldoc(['export', CHURN_EXAMPLE], dir).stdout
    expect(readFileSync(join(dir, 'project/docs/design/churn-prediction-service.md'), 'utf8')).toBe(exported)

    const before = snapshot(join(dir, 'project'))
    const second = mldoc(['scaffold', CHURN_EXAMPLE, 'project'], dir)
    expect(second.status).toBe(0)
    expect(second.stdout).toBe(files.map((path) => `skipped ${path} (already exists)\n`).join(''))
    expect(second.stderr).toBe(`project: 0 created, ${files.length} skipped\n`)
    expect(snapshot(join(dir, 'project'))).toEqual(before)
  })

  it('needs both FILE and DIR', () => {
    expect(mldoc(['scaffold', CHURN_EXAMPLE], dir)).toMatchObject({ status: 2, stderr: 'mldoc: scaffold: missing DIR (see mldoc scaffold --help)\n' })
    expect(mldoc(['scaffold', '--help'], dir).stdout).toMatch(/^Usage: mldoc scaffold FILE DIR\n/)
  })
})
