import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DEFAULT_SETTINGS, RecentDocumentSchema, SettingsSchema, type RecentDocument, type Settings } from '../../core/host/api.js'
import { writeFileAtomic } from '../../node/files.js'

/**
 * Settings and recent documents, kept as JSON files in the app's user-data folder. What is read
 * back is checked with the host API's schemas: a value that does not fit is replaced by its
 * default (settings) or dropped (recent documents), never trusted.
 */

/** How many recent documents are remembered. */
export const RECENT_LIMIT = 10

const SETTINGS_FILE = 'settings.json'
const RECENT_FILE = 'recent-documents.json'

/** The parsed JSON of a file, or undefined when it is missing or not JSON. */
async function readJson(path: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    return undefined
  }
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** Each stored setting that fits its schema, the default for each that does not. */
export function settingsFromJson(json: unknown): Settings {
  const stored = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {}
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS }
  for (const key of Object.keys(SettingsSchema.shape) as (keyof Settings)[]) {
    const parsed = SettingsSchema.shape[key].safeParse(stored[key])
    if (parsed.success) settings[key] = parsed.data
  }
  return SettingsSchema.parse(settings)
}

/** The stored entries that fit the schema, most recent first, one per path, at most {@link RECENT_LIMIT}. */
export function recentFromJson(json: unknown): RecentDocument[] {
  if (!Array.isArray(json)) return []
  const seen = new Set<string>()
  const recent: RecentDocument[] = []
  for (const entry of json) {
    const parsed = RecentDocumentSchema.safeParse(entry)
    if (!parsed.success || seen.has(parsed.data.path)) continue
    seen.add(parsed.data.path)
    recent.push(parsed.data)
  }
  return recent.slice(0, RECENT_LIMIT)
}

/** Reads and writes the user's settings and recent documents in one folder. Writes are atomic and run one at a time. */
export class UserData {
  #queue: Promise<unknown> = Promise.resolve()

  constructor(
    readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The stored settings, defaults where nothing valid is stored. */
  async settings(): Promise<Settings> {
    return settingsFromJson(await readJson(join(this.dir, SETTINGS_FILE)))
  }

  /** Applies a checked partial update and returns the settings now in force. */
  updateSettings(update: Partial<Settings>): Promise<Settings> {
    return this.#serial(async () => {
      const next = SettingsSchema.parse({ ...(await this.settings()), ...update })
      await this.#write(SETTINGS_FILE, next)
      return next
    })
  }

  /** Recent documents, most recent first. */
  async recentDocuments(): Promise<RecentDocument[]> {
    return recentFromJson(await readJson(join(this.dir, RECENT_FILE)))
  }

  /** Puts a document first in the recent list. */
  addRecent(path: string, name: string): Promise<RecentDocument[]> {
    return this.#serial(async () => {
      const entry: RecentDocument = { path, name, openedAt: this.now().toISOString() }
      const recent = recentFromJson([entry, ...(await this.recentDocuments())])
      await this.#write(RECENT_FILE, recent)
      return recent
    })
  }

  async #write(file: string, value: unknown): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    await writeFileAtomic(join(this.dir, file), `${JSON.stringify(value, null, 2)}\n`)
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task)
    this.#queue = run.catch(() => undefined)
    return run
  }
}
