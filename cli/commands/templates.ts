import { loadTemplates } from '../../node/templates.js'
import { expectFiles, parseCommandArgs, EXIT, type Command } from '../command.js'

/** `mldoc templates`: one line per template: its id, its languages, and what it is for. */
export const command: Command = {
  usage: `Usage: mldoc templates

Lists the templates a new document can start from (mldoc new --template ID):
each template's id, the languages it is written in, and what it is for.
`,
  async run(args, io) {
    const { positionals } = parseCommandArgs('templates', { args, options: {}, strict: true, allowPositionals: true })
    expectFiles('templates', positionals, [])
    const byId = new Map<string, { langs: string[]; description: string }>()
    for (const template of loadTemplates()) {
      const entry = byId.get(template.id) ?? { langs: [], description: '' }
      entry.langs.push(template.lang)
      if (template.lang === 'en' || !entry.description) entry.description = template.description
      byId.set(template.id, entry)
    }
    const ids = [...byId.keys()].sort()
    const idWidth = Math.max(0, ...ids.map((id) => id.length)) + 2
    const rows = ids.map((id) => {
      const { langs, description } = byId.get(id)!
      return `${id.padEnd(idWidth)}${langs.sort().join(',').padEnd(7)}${description.replace(/\s+/g, ' ').trim()}`
    })
    io.stdout(rows.map((row) => `${row}\n`).join(''))
    return EXIT.ok
  },
}
