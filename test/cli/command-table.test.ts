import { describe, expect, it } from 'vitest'
import type { Command } from '../../cli/command.js'
import { findCommand, type CommandEntry } from '../../cli/main.js'

const noCommand = async (): Promise<{ command: Command }> => ({ command: { usage: '', run: async () => 0 } })
const TABLE: CommandEntry[] = [
  { name: 'export', synopsis: 'export FILE', summary: 'Markdown', load: noCommand },
  { name: 'export', flag: '--repo', synopsis: 'export FILE --repo DIR', summary: 'into a repository', load: noCommand },
  { name: 'lint', synopsis: 'lint FILE', summary: 'check', load: noCommand },
]

describe('the command table', () => {
  it('runs a variant when its flag is among the options, the command itself otherwise', () => {
    expect(findCommand(TABLE, 'export', ['a.mldoc'])).toBe(TABLE[0])
    expect(findCommand(TABLE, 'export', ['a.mldoc', '--repo', 'docs'])).toBe(TABLE[1])
    expect(findCommand(TABLE, 'export', ['--repo=docs', 'a.mldoc'])).toBe(TABLE[1])
    expect(findCommand(TABLE, 'export', ['--', '--repo'])).toBe(TABLE[0])
    expect(findCommand(TABLE, 'lint', ['--repo'])).toBe(TABLE[2])
    expect(findCommand(TABLE, 'merge', [])).toBeUndefined()
  })
})
