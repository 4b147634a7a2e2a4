import type { CommandIO } from './command.js'
import type { ImportWarning } from '../node/documents.js'

/** Prints Markdown import warnings as `FILE:LINE: warning: message`, one a line, to stderr. */
export function printImportWarnings(io: CommandIO, file: string, warnings: readonly ImportWarning[]): void {
  for (const warning of warnings) io.stderr(`${file}:${warning.line}: warning: ${warning.message}\n`)
}
