import { lintDocument, type Finding } from '../../core/lint/index.js'
import { readDocumentFile } from '../../node/documents.js'
import { argumentError, expectFiles, langOption, parseCommandArgs, EXIT, type Command } from '../command.js'
import { printImportWarnings } from '../warnings.js'

const FORMATS = ['text', 'json'] as const

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** One line per finding, `FILE:TARGET: severity rule: message`, then a summary line. */
function textReport(file: string, findings: readonly Finding[]): string {
  const lines = findings.map((f) => `${file}:${f.target}: ${f.severity} ${f.rule}: ${f.message}`)
  const errors = findings.filter((f) => f.severity === 'error').length
  const summary = findings.length === 0
    ? `${file}: no findings`
    : `${file}: ${count(errors, 'error')}, ${count(findings.length - errors, 'warning')}`
  return [...lines, summary].map((line) => `${line}\n`).join('')
}

/** `{"findings":[{"rule","severity","message","target","pos"}...]}`, keys in that order. */
function jsonReport(findings: readonly Finding[]): string {
  const list = findings.map(({ rule, severity, message, target, pos }) => ({ rule, severity, message, target, pos }))
  return `${JSON.stringify({ findings: list }, null, 2)}\n`
}

/** `mldoc lint`: the linter's findings on a document; exit status 1 when any is an error. */
export const command: Command = {
  usage: `Usage: mldoc lint FILE [--format text|json] [--lang en|uz]

Checks a document (.mldoc or .md) against MLDoc's ML engineering rules, e.g. a metric
without a baseline or an unfinished section. Exits with 1 when any finding is an
error (warnings alone exit with 0), so CI can gate on it.

Options:
  --format FORMAT   text (default): one line per finding and a summary;
                    json: {"findings":[{"rule","severity","message","target","pos"}]}
  -l, --lang LANG   the language of the messages: en or uz (default: the document's)
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('lint', {
      args,
      options: {
        format: { type: 'string', default: 'text' },
        lang: { type: 'string', short: 'l' },
      },
      strict: true,
      allowPositionals: true,
    })
    const [file] = expectFiles('lint', positionals, ['FILE']) as [string]
    const format = values.format
    if (!(FORMATS as readonly string[]).includes(format)) throw argumentError('lint', `--format must be text or json, not "${format}"`)
    const lang = values.lang === undefined ? undefined : langOption('lint', values.lang)
    const { doc, warnings } = await readDocumentFile(file)
    printImportWarnings(io, file, warnings)
    const findings = lintDocument(doc, { lang: lang ?? doc.meta.lang })
    io.stdout(format === 'json' ? jsonReport(findings) : textReport(file, findings))
    return findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok
  },
}
