import { readDocumentFile } from '../../node/documents.js'
import { exportToRepository, type RepositoryExport } from '../../node/repo/index.js'
import { argumentError, expectFiles, parseCommandArgs, requireOption, EXIT, type Command } from '../command.js'
import { printImportWarnings } from '../warnings.js'

/** The note on stderr saying what happened to the file. */
function outcome(result: RepositoryExport, dryRun: boolean): string {
  if (!result.changed) return `${result.path}: unchanged`
  if (dryRun) return `${result.path}: would be ${result.created ? 'created' : 'changed'} (dry run: nothing written)`
  return `${result.path}: ${result.created ? 'created' : 'updated'}`
}

/** `mldoc export FILE --repo DIR`: the document's Markdown written, and optionally committed, into a git working tree. */
export const command: Command = {
  usage: `Usage: mldoc export FILE --repo DIR [--path PATH] [--commit -m MESSAGE] [--dry-run] [--init]

Writes a document (.mldoc or .md) as Markdown into the git working tree DIR,
by default at docs/design/<slug>.md (the slug made from the title), and prints
the diff against the file already there to standard output. Re-exporting an
unchanged document changes nothing: same bytes, no commit.

MLDoc never writes outside DIR: a path with "..", an absolute path, anything
under .git and a symbolic link on the way (folder or file) are refused. It runs
your system git, so your git configuration and hooks apply.

Options:
  --repo DIR            the repository's working tree (or a folder inside it)
  --path PATH           where the Markdown goes inside DIR (default docs/design/<slug>.md)
  --commit              commit the file, and nothing else, with the message of -m
  -m, --message TEXT    the commit message (with --commit)
  --dry-run             print the diff; write, commit and initialise nothing
  --init                run git init in DIR when it is not a working tree (creating DIR)
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('export', {
      args,
      options: {
        repo: { type: 'string' },
        path: { type: 'string' },
        commit: { type: 'boolean', default: false },
        message: { type: 'string', short: 'm' },
        'dry-run': { type: 'boolean', default: false },
        init: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: true,
    })
    const [file] = expectFiles('export', positionals, ['FILE']) as [string]
    const repo = requireOption('export', values.repo, '--repo DIR')
    if (values.commit && values.message === undefined) throw argumentError('export', '--commit needs a message: add -m "what changed and why"')
    if (!values.commit && values.message !== undefined) throw argumentError('export', '-m is the commit message: add --commit to commit')
    const dryRun = values['dry-run']
    const { doc, warnings } = await readDocumentFile(file)
    printImportWarnings(io, file, warnings)
    const result = await exportToRepository({
      doc,
      repo,
      path: values.path,
      commitMessage: values.commit ? values.message : undefined,
      dryRun,
      init: values.init,
    })
    io.stdout(result.diff)
    if (result.initialized) io.stderr(dryRun ? `${repo}: would run git init (dry run)\n` : `${repo}: initialised a new git repository\n`)
    io.stderr(`${outcome(result, dryRun)}\n`)
    if (values.commit && !dryRun) {
      io.stderr(result.commit === undefined ? `${result.path}: nothing to commit, it matches the last commit\n` : `${result.path}: committed ${result.commit.slice(0, 12)}\n`)
    }
    return EXIT.ok
  },
}
