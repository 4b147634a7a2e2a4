import { describe, expect, it } from 'vitest'
import { unifiedDiff } from '../../../node/repo/diff.js'
import { parseUnifiedDiff } from '../../../renderer/repo/diff.js'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('the diff the export dialog shows', () => {
  it('reads a real git diff: file header lines are not counted as changes, hunks and the no-newline note are told apart', async () => {
    const diff = await unifiedDiff(bytes('# Plan\n\n--- keep\nold line\nsame\n'), bytes('# Plan\n\n--- keep\nnew line\nsame'), 'docs/design/plan.md')
    const parsed = parseUnifiedDiff(diff)
    expect(parsed.lines.filter((l) => l.kind === 'header').map((l) => l.text)).toEqual([
      'diff --git a/docs/design/plan.md b/docs/design/plan.md',
      expect.stringMatching(/^index /),
      '--- a/docs/design/plan.md',
      '+++ b/docs/design/plan.md',
    ])
    expect(parsed.lines.filter((l) => l.kind === 'removed').map((l) => l.text)).toEqual(['-old line', '-same'])
    expect(parsed.lines.filter((l) => l.kind === 'added').map((l) => l.text)).toEqual(['+new line', '+same'])
    expect(parsed.lines.filter((l) => l.kind === 'context').map((l) => l.text)).toEqual([' # Plan', ' ', ' --- keep'])
    expect(parsed.lines.filter((l) => l.kind === 'note')).toHaveLength(1)
    expect([parsed.added, parsed.removed]).toEqual([2, 2])
  })

  it('shows nothing for an unchanged file', () => {
    expect(parseUnifiedDiff('')).toEqual({ lines: [], added: 0, removed: 0 })
  })
})
