import { en } from 'zod/locales'
import * as z from 'zod/mini'
import { LANGS } from '../i18n.js'

/**
 * The host API: everything the renderer asks of the machine it runs on. One typed contract, two
 * transports: Electron's preload implements it over IPC, browser mode over HTTP to the local
 * host process. Channel names and payload schemas live here; each receiving side validates every
 * payload with these schemas before acting.
 */

// Zod Mini: the renderer builds the contract as it starts, and Zod's chained API takes twice as
// long to load and build it (11 against 20 ms in Node) in three times the code; the messages are
// Zod's own English ones, as before.
z.config(en())

/** A template as offered on the start screen. */
export const TemplateSummarySchema = z.object({
  id: z.string(),
  langs: z.array(z.enum(LANGS)),
  title: z.string(),
  description: z.string(),
})
export type TemplateSummary = z.infer<typeof TemplateSummarySchema>

/** A document the host opened or created: where it lives and its `.mldoc` bytes. */
export const OpenedDocumentSchema = z.object({
  /** Host-side identifier of the file (an absolute path in Electron, a name inside DIR in browser mode); null when never saved. */
  path: z.nullable(z.string()),
  /** Name to show in the title bar. */
  name: z.string(),
  /** The `.mldoc` file bytes. */
  state: z.instanceof(Uint8Array),
})
export type OpenedDocument = z.infer<typeof OpenedDocumentSchema>

/** Where a path must stay: file names are bounded, never empty. */
const PathSchema = z.string().check(z.minLength(1), z.maxLength(4096))

/** What a folder is chosen for: the git repository to export into, or the folder of a project skeleton. */
export const FOLDER_PURPOSES = ['repository', 'project'] as const
/** What a folder is chosen for. */
export type FolderPurpose = (typeof FOLDER_PURPOSES)[number]

/** Longest commit message accepted from the app. */
export const MAX_COMMIT_MESSAGE = 10_000

/** Requests, by method. */
export const HostRequests = {
  listTemplates: z.object({ lang: z.enum(LANGS) }),
  newDocument: z.object({ templateId: z.string().check(z.minLength(1), z.maxLength(200)), lang: z.enum(LANGS) }),
  /** `path` absent: ask the user (Electron) or refuse (browser mode). */
  openDocument: z.object({ path: z.optional(PathSchema) }),
  /** `path` null: ask the user where to save (Save As). */
  saveDocument: z.object({ path: z.nullable(PathSchema), state: z.instanceof(Uint8Array), suggestedName: z.string().check(z.maxLength(255)) }),
  exportMarkdown: z.object({ path: z.nullable(PathSchema), markdown: z.string(), suggestedName: z.string().check(z.maxLength(255)) }),
  recentDocuments: z.object({}),
  getSettings: z.object({}),
  setSettings: z.lazy(() => z.partial(SettingsSchema)),
  /** Asks the user for a folder (Electron only; browser mode takes folder names typed in the app). */
  chooseFolder: z.object({ purpose: z.enum(FOLDER_PURPOSES) }),
  /**
   * Writes the document's Markdown into a git working tree. `repo`: a folder the user chose
   * (Electron) or a folder name inside the documents folder, `.` for the folder itself (browser
   * mode); `path` inside it, `docs/design/<slug>.md` when absent; `state` the `.mldoc` bytes;
   * `commitMessage` set: commit the file alone. `dryRun`: only the diff, nothing written.
   */
  exportToRepository: z.object({
    repo: PathSchema,
    path: z.optional(PathSchema),
    state: z.instanceof(Uint8Array),
    commitMessage: z.optional(z.string().check(z.minLength(1), z.maxLength(MAX_COMMIT_MESSAGE))),
    dryRun: z.boolean(),
  }),
  /** Creates the ML project skeleton the document describes in `dir` (named as `repo` above); never overwrites a file. */
  scaffoldProject: z.object({ dir: PathSchema, state: z.instanceof(Uint8Array) }),
} as const

/** User settings, kept by the host. */
export const SettingsSchema = z.object({
  uiLang: z.enum(LANGS),
  theme: z.enum(['system', 'light', 'dark']),
  userName: z.string().check(z.maxLength(100)),
  userColor: z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/)),
  signalingUrls: z.array(z.url()).check(z.maxLength(10)),
  iceServers: z.array(z.object({ urls: z.union([z.string(), z.array(z.string())]), username: z.optional(z.string()), credential: z.optional(z.string()) })).check(z.maxLength(10)),
  /** Whether the desktop app runs a signaling server on this computer, for a team on one network (a host that cannot ignores it). */
  hostSignaling: z.boolean(),
  /** The port of that server: 1024-65535 (lower ports need administrator rights). */
  hostSignalingPort: z.int().check(z.minimum(1024), z.maximum(65535)),
})
export type Settings = z.infer<typeof SettingsSchema>

/** Settings of a first start. */
export const DEFAULT_SETTINGS: Settings = {
  uiLang: 'en',
  theme: 'system',
  userName: '',
  userColor: '#2f6feb',
  signalingUrls: ['ws://127.0.0.1:4444'],
  iceServers: [],
  hostSignaling: false,
  hostSignalingPort: 4444,
}

/** Why the signaling server the desktop app hosts could not start: its port is taken, the system refused the port, or something else (see `message`). */
export const HOSTED_SIGNALING_PROBLEMS = ['port-in-use', 'not-allowed', 'other'] as const
/** Why the hosted signaling server could not start. */
export type HostedSignalingProblem = (typeof HOSTED_SIGNALING_PROBLEMS)[number]

/**
 * The signaling server the desktop app hosts, as it is now: off; running on `port`, reached by
 * teammates at `url` (`ws://ADDRESS:PORT`; null when this computer has no network address); or
 * failed to start on `port`, with the problem and the system's message.
 */
export const HostedSignalingStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('off') }),
  z.object({ state: z.literal('running'), port: z.int(), url: z.nullable(z.string()) }),
  z.object({ state: z.literal('failed'), port: z.int(), problem: z.enum(HOSTED_SIGNALING_PROBLEMS), message: z.string() }),
])
export type HostedSignalingState = z.infer<typeof HostedSignalingStateSchema>

/**
 * The settings as the host shows them: the stored ones, plus, where the host can run a signaling
 * server (the desktop app), `hostedSignaling`, what that server is doing. Absent in browser mode.
 */
export const ShownSettingsSchema = z.extend(SettingsSchema, { hostedSignaling: z.optional(HostedSignalingStateSchema) })
export type ShownSettings = z.infer<typeof ShownSettingsSchema>

/** A document recently opened or saved. */
export const RecentDocumentSchema = z.object({ path: z.string(), name: z.string(), openedAt: z.string() })
export type RecentDocument = z.infer<typeof RecentDocumentSchema>

/** What a save or export did; `path` null when the user cancelled the dialog. */
export const SaveResultSchema = z.object({ path: z.nullable(z.string()) })
export type SaveResult = z.infer<typeof SaveResultSchema>

/** The folder the user chose; null when they cancelled. */
export const ChosenFolderSchema = z.object({ path: z.nullable(z.string()) })
export type ChosenFolder = z.infer<typeof ChosenFolderSchema>

/** What an export to a repository did, or in a dry run would do. */
export const RepositoryExportResultSchema = z.object({
  /** The file inside the repository, folders separated by `/`. */
  path: z.string(),
  /** Whether the file's bytes differ from the export (or it does not exist yet). */
  changed: z.boolean(),
  /** Whether the file did not exist before. */
  created: z.boolean(),
  /** Unified diff (git format) from the file as it is to the export; '' when unchanged. */
  diff: z.string(),
  /** The commit made; null when none was asked for or the file already matched the last commit. */
  commit: z.nullable(z.string()),
})
export type RepositoryExportResult = z.infer<typeof RepositoryExportResultSchema>

/** What a project skeleton did: files created, and files left alone with the reason, by path inside the folder. */
export const ScaffoldResultSchema = z.object({
  created: z.array(z.string()),
  skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
})
export type ScaffoldResult = z.infer<typeof ScaffoldResultSchema>

/** Responses, by method. */
export const HostResponses = {
  listTemplates: z.array(TemplateSummarySchema),
  newDocument: OpenedDocumentSchema,
  openDocument: z.nullable(OpenedDocumentSchema),
  saveDocument: SaveResultSchema,
  exportMarkdown: SaveResultSchema,
  recentDocuments: z.array(RecentDocumentSchema),
  getSettings: ShownSettingsSchema,
  setSettings: ShownSettingsSchema,
  chooseFolder: ChosenFolderSchema,
  exportToRepository: RepositoryExportResultSchema,
  scaffoldProject: ScaffoldResultSchema,
} as const

/** A host API method name. */
export type HostMethod = keyof typeof HostRequests
/** The request payload of a method. */
export type HostRequest<M extends HostMethod> = z.infer<(typeof HostRequests)[M]>
/** The response of a method. */
export type HostResponse<M extends HostMethod> = z.infer<(typeof HostResponses)[M]>

/** The API as the renderer calls it. */
export type HostApi = { [M in HostMethod]: (request: HostRequest<M>) => Promise<HostResponse<M>> }

/** Every method, for transports that route by name. */
export const HOST_METHODS = Object.keys(HostRequests) as HostMethod[]

/** IPC channel of a method: `mldoc:<method>`. */
export function hostChannel(method: HostMethod): string {
  return `mldoc:${method}`
}

/** The method of an IPC channel name, or null when the name is not one of ours. */
export function methodOfChannel(channel: string): HostMethod | null {
  const name = channel.startsWith('mldoc:') ? channel.slice('mldoc:'.length) : ''
  return (HOST_METHODS as string[]).includes(name) ? (name as HostMethod) : null
}

/**
 * Checks a request payload against its method's schema. Throws an error naming the method and
 * the first field that is wrong; the receiving side calls this before it touches the payload.
 */
export function parseHostRequest<M extends HostMethod>(method: M, payload: unknown): HostRequest<M> {
  const result = HostRequests[method].safeParse(payload)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new Error(`invalid ${method} request: ${issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'malformed'}`)
  }
  return result.data as HostRequest<M>
}

/** Host errors travel as `{ error: message }`; the renderer shows the message as it is. */
export const HostErrorSchema = z.object({ error: z.string() })
