import { extname, resolve } from 'node:path'

/**
 * The `.mldoc` documents named on a command line (the app's own, or a second instance's passed
 * on by the single-instance lock), as absolute paths resolved against `cwd`. Options (`-x`,
 * `--flag`) and anything that is not an `.mldoc` file name are skipped.
 */
export function documentPathsFromArgv(argv: readonly string[], cwd: string): string[] {
  return argv.filter((arg) => !arg.startsWith('-') && extname(arg).toLowerCase() === '.mldoc').map((arg) => resolve(cwd, arg))
}
