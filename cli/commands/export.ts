import { exportMarkdown } from '../../core/markdown/index.js'
import { readDocumentFile } from '../../node/documents.js'
import { writeFileAtomic } from '../../node/files.js'
import { expectExtension, expectFiles, parseCommandArgs, EXIT, type Command } from '../command.js'
import { printImportWarnings } from '../warnings.js'

/** `mldoc export`: a document as the Markdown that goes into the repository. */
export const command: Command = {
  usage: `Usage: mldoc export FILE [-o OUT.md]

Writes a document as Markdown, the form committed to the repository: FILE is an
.mldoc file, or a Markdown file (which comes out in MLDoc's canonical form).
Without -o the Markdown goes to standard output.

Options:
  -o, --output OUT.md   write the Markdown to this file instead (replaced if it exists)
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('export', {
      args,
      options: { output: { type: 'string', short: 'o' } },
      strict: true,
      allowPositionals: true,
    })
    const [file] = expectFiles('export', positionals, ['FILE']) as [string]
    const output = values.output === undefined ? undefined : expectExtension('export', values.output, ['.md', '.markdown'], 'a Markdown file')
    const { doc, warnings } = await readDocumentFile(file)
    printImportWarnings(io, file, warnings)
    const markdown = exportMarkdown(doc)
    if (output === undefined) io.stdout(markdown)
    else await writeFileAtomic(output, markdown)
    return EXIT.ok
  },
}
