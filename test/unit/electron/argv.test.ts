import { describe, expect, it } from 'vitest'
import { documentPathsFromArgv } from '../../../electron/main/argv.js'

describe('documents on the command line', () => {
  it('takes .mldoc files, resolved against the working folder, and skips options and other arguments', () => {
    const argv = ['.', '--inspect=9229', 'plan.mldoc', '/abs/Other.MLDOC', '-x.mldoc', 'notes.md', '../up/a.mldoc']
    expect(documentPathsFromArgv(argv, '/work/dir')).toEqual(['/work/dir/plan.mldoc', '/abs/Other.MLDOC', '/work/up/a.mldoc'])
  })

  it('finds nothing in an ordinary start', () => {
    expect(documentPathsFromArgv(['.'], '/work')).toEqual([])
    expect(documentPathsFromArgv([], '/work')).toEqual([])
  })
})
