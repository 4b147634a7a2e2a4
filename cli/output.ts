import { stat } from 'node:fs/promises'
import { argumentError } from './command.js'

/**
 * Refuses to replace an existing file unless `--force` was given, so a command never destroys a
 * document by accident (an `.mldoc` file holds history that its Markdown export does not).
 */
export async function refuseOverwrite(command: string, path: string, force: boolean): Promise<void> {
  if (force) return
  const existing = await stat(path).catch(() => undefined)
  if (existing) throw argumentError(command, `${path} already exists; add --force to replace it`)
}
