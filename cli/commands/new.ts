import { documentFromTemplate } from '../../core/templates/index.js'
import { createYDoc } from '../../core/yjs/doc.js'
import { writeMLDocFile } from '../../node/documents.js'
import { findTemplate } from '../../node/templates.js'
import { expectExtension, expectFiles, langOption, parseCommandArgs, requireOption, EXIT, type Command } from '../command.js'
import { refuseOverwrite } from '../output.js'

/** `mldoc new`: a new `.mldoc` document, seeded once from a template. */
export const command: Command = {
  usage: `Usage: mldoc new --template ID [--lang en|uz] -o FILE.mldoc [--force]

Starts a document from a template and saves it as an .mldoc file, ready to open in
MLDoc and share with the team. mldoc templates lists the templates.

Options:
  -t, --template ID   the template to start from
  -l, --lang LANG     the language to write in: en (default) or uz
  -o, --output FILE   the .mldoc file to create
  -f, --force         replace FILE if it exists
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('new', {
      args,
      options: {
        template: { type: 'string', short: 't' },
        lang: { type: 'string', short: 'l', default: 'en' },
        output: { type: 'string', short: 'o' },
        force: { type: 'boolean', short: 'f', default: false },
      },
      strict: true,
      allowPositionals: true,
    })
    expectFiles('new', positionals, [])
    const id = requireOption('new', values.template, '--template ID')
    const lang = langOption('new', values.lang)
    const output = expectExtension('new', requireOption('new', values.output, '-o FILE.mldoc'), ['.mldoc'], 'an .mldoc file')
    const template = findTemplate(id, lang)
    await refuseOverwrite('new', output, values.force)
    await writeMLDocFile(output, createYDoc(documentFromTemplate(template)))
    io.stderr(`Created ${output} from the template "${id}" (${lang})\n`)
    return EXIT.ok
  },
}
