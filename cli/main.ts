import { MLDocError } from '../core/errors.js'
import { EXIT, type Command, type CommandIO } from './command.js'

/** The version of MLDoc, put in by the build (`scripts/build-cli.mjs`) from package.json. */
declare const MLDOC_VERSION: string

/**
 * One line of the command table. `flag` makes the line a variant of a command chosen by an option
 * (`mldoc export --repo` is `{ name: 'export', flag: '--repo' }`), implemented in its own module.
 */
export interface CommandEntry {
  readonly name: string
  readonly flag?: string
  /** How the command is called, for the overview in `mldoc --help`. */
  readonly synopsis: string
  /** What the command does, in a few words. */
  readonly summary: string
  readonly load: () => Promise<{ command: Command }>
}

/**
 * Every `mldoc` command. To add one, write `cli/commands/<name>.ts` exporting `command: Command`
 * and add one line here, e.g.
 * `{ name: 'web', synopsis: 'web [--port N]', summary: 'open the editor in a browser', load: () => import('./commands/web.js') },`
 * or, for a variant chosen by an option,
 * `{ name: 'export', flag: '--repo', synopsis: 'export FILE --repo DIR', summary: '...', load: () => import('./commands/export-repo.js') },`.
 */
const COMMANDS: readonly CommandEntry[] = [
  { name: 'templates', synopsis: 'templates', summary: 'list the templates a document can start from', load: () => import('./commands/templates.js') },
  { name: 'new', synopsis: 'new --template ID [--lang en|uz] -o FILE.mldoc', summary: 'start a document from a template', load: () => import('./commands/new.js') },
  { name: 'import', synopsis: 'import FILE.md -o FILE.mldoc', summary: 'turn a Markdown document into an .mldoc file', load: () => import('./commands/import.js') },
  { name: 'export', synopsis: 'export FILE [-o OUT.md]', summary: 'write a document (.mldoc or .md) as Markdown', load: () => import('./commands/export.js') },
  { name: 'export', flag: '--repo', synopsis: 'export FILE --repo DIR [--commit -m MSG]', summary: 'write the Markdown into a git working tree, show the diff, commit', load: () => import('./commands/export-repo.js') },
  { name: 'scaffold', synopsis: 'scaffold FILE DIR', summary: 'create the ML project skeleton the document describes', load: () => import('./commands/scaffold.js') },
  { name: 'lint', synopsis: 'lint FILE [--format text|json]', summary: 'check a document against the ML engineering rules', load: () => import('./commands/lint.js') },
  { name: 'merge', synopsis: 'merge A.mldoc B.mldoc -o OUT.mldoc', summary: 'merge two offline copies of one document', load: () => import('./commands/merge.js') },
  { name: 'web', synopsis: 'web [--port N] [--dir DIR]', summary: 'open the editor in a browser, keeping documents in DIR', load: () => import('./commands/web.js') },
  { name: 'signal', synopsis: 'signal [--port N] [--host H]', summary: 'run a signaling server so peers can find each other', load: () => import('./commands/signal.js') },
]

function overview(): string {
  const width = Math.max(...COMMANDS.map((entry) => entry.synopsis.length)) + 3
  const lines = COMMANDS.map((entry) => `  mldoc ${entry.synopsis.padEnd(width)}${entry.summary}`)
  return [
    'mldoc: write ML Engineering Documents, check them and commit them as Markdown.',
    '',
    'Usage:',
    ...lines,
    '',
    'Options:',
    '  -h, --help     show this help; mldoc COMMAND --help shows one command\'s options',
    '  --version      print the version of MLDoc',
    '',
    'Exit status: 0 done, 1 lint found errors, 2 bad arguments or bad input, 3 MLDoc failed.',
    '',
  ].join('\n')
}

/** The arguments before a `--` terminator: only these can be options. */
function optionArgs(args: readonly string[]): readonly string[] {
  const end = args.indexOf('--')
  return end === -1 ? args : args.slice(0, end)
}

/** The line of `table` that runs `mldoc <name> <args>`: the variant whose flag is given, else the command itself. */
export function findCommand(table: readonly CommandEntry[], name: string, args: readonly string[]): CommandEntry | undefined {
  const options = optionArgs(args)
  const entries = table.filter((entry) => entry.name === name)
  return entries.find((entry) => entry.flag !== undefined && options.some((arg) => arg === entry.flag || arg.startsWith(`${entry.flag}=`)))
    ?? entries.find((entry) => entry.flag === undefined)
}

function wantsHelp(args: readonly string[]): boolean {
  return optionArgs(args).some((arg) => arg === '--help' || arg === '-h')
}

/** Says why the command failed: a user error in one line, anything else as a failure of MLDoc. */
function report(error: unknown, io: CommandIO): number {
  if (error instanceof MLDocError) {
    io.stderr(`mldoc: ${error.message}\n`)
    return EXIT.badInput
  }
  const detail = process.env.MLDOC_DEBUG ? `\n${(error as Error).stack ?? ''}` : ' (set MLDOC_DEBUG=1 to see where)'
  io.stderr(`mldoc: unexpected failure: ${(error as Error).message ?? String(error)}${detail}\n`)
  return EXIT.failure
}

/** Runs `mldoc` with the given arguments (without `node` and the script); resolves to the exit status. */
export async function main(argv: readonly string[], io: CommandIO): Promise<number> {
  const [first, ...rest] = argv
  if (first === undefined) {
    io.stderr(overview())
    return EXIT.badInput
  }
  if (first === '--help' || first === '-h') {
    io.stdout(overview())
    return EXIT.ok
  }
  if (first === '--version') {
    io.stdout(`${MLDOC_VERSION}\n`)
    return EXIT.ok
  }
  const helpTopic = first === 'help' ? rest[0] : undefined
  if (first === 'help' && helpTopic === undefined) {
    io.stdout(overview())
    return EXIT.ok
  }
  const name = helpTopic ?? first
  const entry = findCommand(COMMANDS, name, helpTopic === undefined ? rest : rest.slice(1))
  if (!entry) {
    io.stderr(`mldoc: unknown ${name.startsWith('-') ? `option ${name}` : `command "${name}"`} (see mldoc --help)\n`)
    return EXIT.badInput
  }
  try {
    const { command } = await entry.load()
    if (helpTopic !== undefined || wantsHelp(rest)) {
      io.stdout(command.usage)
      return EXIT.ok
    }
    return await command.run(rest, io)
  } catch (error) {
    return report(error, io)
  }
}
