import { createYDoc } from '../../core/yjs/doc.js'
import { readMarkdownFile, writeMLDocFile } from '../../node/documents.js'
import { expectExtension, expectFiles, parseCommandArgs, requireOption, EXIT, type Command } from '../command.js'
import { refuseOverwrite } from '../output.js'
import { printImportWarnings } from '../warnings.js'

/** `mldoc import`: a Markdown document (from a repository, or written by hand) as a new `.mldoc` file. */
export const command: Command = {
  usage: `Usage: mldoc import FILE.md -o FILE.mldoc [--strict] [--force]

Reads a Markdown document and saves it as a new .mldoc file. Structured blocks are
read from their visible tables, so edits made by hand on GitHub are kept; what does
not parse is kept as plain content, with a warning naming its line.

Options:
  -o, --output FILE.mldoc   the .mldoc file to create
  --strict                  fail, instead of warning, on anything kept as plain content
  -f, --force               replace FILE.mldoc if it exists (its edit history is lost)
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('import', {
      args,
      options: {
        output: { type: 'string', short: 'o' },
        strict: { type: 'boolean', default: false },
        force: { type: 'boolean', short: 'f', default: false },
      },
      strict: true,
      allowPositionals: true,
    })
    const [file] = expectFiles('import', positionals, ['FILE.md']) as [string]
    const output = expectExtension('import', requireOption('import', values.output, '-o FILE.mldoc'), ['.mldoc'], 'an .mldoc file')
    const { doc, warnings } = await readMarkdownFile(file, { strict: values.strict })
    printImportWarnings(io, file, warnings)
    await refuseOverwrite('import', output, values.force)
    await writeMLDocFile(output, createYDoc(doc))
    return EXIT.ok
  },
}
