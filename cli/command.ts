import { parseArgs, type ParseArgsConfig } from 'node:util'
import { MLDocError } from '../core/errors.js'
import { isLang, LANGS, type Lang } from '../core/i18n.js'

/** Exit statuses of `mldoc`, the same for every command. */
export const EXIT = {
  /** The command did what was asked. */
  ok: 0,
  /** `mldoc lint` found at least one error-level finding. */
  findings: 1,
  /** Bad arguments or bad input: a missing, damaged, foreign or truncated file, an unknown template. */
  badInput: 2,
  /** MLDoc itself failed (a bug, or a broken installation); the input is not to blame. */
  failure: 3,
} as const

/** Where a command writes: `stdout` for its result (Markdown, JSON, lists), `stderr` for notes. */
export interface CommandIO {
  stdout(text: string): void
  stderr(text: string): void
}

/** One `mldoc` command, as a module under `cli/commands/` exports it. */
export interface Command {
  /** The full `--help` text, ending with a newline. */
  readonly usage: string
  /** Runs the command with the arguments after its name; resolves to the exit status. */
  run(args: string[], io: CommandIO): Promise<number>
}

/** An {@link MLDocError} about the command line itself: names the command and what is wrong. */
export function argumentError(command: string, message: string): MLDocError {
  return new MLDocError('argument', `${command}: ${message} (see mldoc ${command} --help)`)
}

/** The option named in one of `parseArgs`'s messages, e.g. "Unknown option '--foo'" gives `--foo`. */
function optionIn(message: string): string {
  return /'([^']+)'/.exec(message)?.[1] ?? ''
}

/**
 * `parseArgs` from `node:util`, with its errors turned into {@link argumentError}s that say in a
 * few words what is wrong with the command line.
 */
export function parseCommandArgs<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config)
  } catch (error) {
    const code = (error as { code?: string }).code
    const message = (error as Error).message
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw argumentError(command, `unknown option ${optionIn(message)}`)
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = optionIn(message).replace(/ <value>$/, '')
      throw argumentError(command, /missing/.test(message) ? `option ${option} needs a value` : `option ${option} does not take a value`)
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw argumentError(command, `unexpected argument ${optionIn(message)}`)
    throw error
  }
}

/**
 * Checks the plain arguments (file names) against the names the command expects, e.g.
 * `['FILE']` or `['A.mldoc', 'B.mldoc']`, and returns them in that order.
 */
export function expectFiles(command: string, positionals: string[], names: readonly string[]): string[] {
  if (positionals.length < names.length) throw argumentError(command, `missing ${names.slice(positionals.length).join(' and ')}`)
  if (positionals.length > names.length) throw argumentError(command, `unexpected argument ${positionals[names.length]}`)
  return positionals
}

/** Checks a required option's value, such as `-o FILE`. */
export function requireOption(command: string, value: string | undefined, option: string): string {
  if (value === undefined || value === '') throw argumentError(command, `missing ${option}`)
  return value
}

/** Checks a `--lang` value. */
export function langOption(command: string, value: string): Lang {
  if (!isLang(value)) throw argumentError(command, `--lang must be ${LANGS.join(' or ')}, not "${value}"`)
  return value
}

/** Checks that an output file name ends the way the command writes it (`.mldoc`, `.md`). */
export function expectExtension(command: string, path: string, extensions: readonly string[], what: string): string {
  if (!extensions.some((extension) => path.toLowerCase().endsWith(extension))) {
    throw argumentError(command, `${path} must be ${what} (ending in ${extensions.join(' or ')})`)
  }
  return path
}
