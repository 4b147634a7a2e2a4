import { mkdir, readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../core/host/api.js'
import { writeFileAtomic } from '../files.js'

/** Where browser mode keeps the user's settings: `$XDG_CONFIG_HOME/mldoc/web-settings.json` (or `~/.config/...`). */
export function defaultSettingsFile(): string {
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), '.config')
  return join(base, 'mldoc', 'web-settings.json')
}

/**
 * The settings kept in a JSON file. A missing file means the defaults; a damaged or outdated one
 * keeps every value that is still valid and falls back to the default for the rest.
 */
export async function readSettings(file: string): Promise<Settings> {
  let raw: unknown
  try {
    raw = JSON.parse(await readFile(file, 'utf8'))
  } catch {
    return { ...DEFAULT_SETTINGS }
  }
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS }
  if (raw && typeof raw === 'object') {
    for (const [key, schema] of Object.entries(SettingsSchema.shape)) {
      const value = schema.safeParse((raw as Record<string, unknown>)[key])
      if (value.success) settings[key] = value.data
    }
  }
  return settings as Settings
}

/** The last update of each settings file, which the next one waits for. */
const updates = new Map<string, Promise<unknown>>()

/**
 * Merges a change into the stored settings and writes them atomically; returns the result.
 * Updates of one file run one at a time, in the order they were asked for: two fields left in
 * quick succession would otherwise both read the old file, and the second write would undo the first.
 */
export function updateSettings(file: string, change: Partial<Settings>): Promise<Settings> {
  const update = async () => {
    const next = SettingsSchema.parse({ ...(await readSettings(file)), ...change })
    await mkdir(dirname(file), { recursive: true })
    await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`)
    return next
  }
  const run = (updates.get(file) ?? Promise.resolve()).then(update, update)
  const settled = run.catch(() => undefined)
  updates.set(file, settled)
  void settled.then(() => {
    if (updates.get(file) === settled) updates.delete(file)
  })
  return run
}
