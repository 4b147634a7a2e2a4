import { readdir, stat } from 'node:fs/promises'
import { basename, join, sep } from 'node:path'
import { MLDocError } from '../../core/errors.js'
import type { HostApi, RecentDocument, TemplateSummary } from '../../core/host/api.js'
import { LANGS } from '../../core/i18n.js'
import { documentFromTemplate, type Template } from '../../core/templates/index.js'
import { createYDoc } from '../../core/yjs/doc.js'
import { decodeMLDocFile, encodeMLDocFile, readMLDocFile } from '../../core/yjs/file.js'
import { readDocumentForEditor } from '../documents.js'
import { writeFileAtomic } from '../files.js'
import { exportToRepository } from '../repo/index.js'
import { scaffoldProject } from '../scaffold/index.js'
import { findTemplate, loadTemplates } from '../templates.js'
import { confineFolder, confinePath, ensureParent, nameInDir, PathRefused, type ConfinedFolder } from './paths.js'
import { readSettings, updateSettings } from './settings.js'

/** Where the browser-mode host keeps things. */
export interface FolderHostOptions {
  /** The documents folder: every open, save and export stays inside it. */
  readonly dir: string
  /** The settings file (see `defaultSettingsFile`). */
  readonly settingsFile: string
  /** The templates folder; the package's own by default. */
  readonly templatesDir?: string
}

const DOCUMENT_EXTENSIONS = ['.mldoc', '.md', '.markdown'] as const
/** How many documents the start screen lists. */
const RECENT_LIMIT = 20

/** A file name from a title: letters and digits of any script, words joined by `-`. */
export function fileNameFrom(title: string, fallback = 'untitled'): string {
  const slug = title.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '')
  return slug || fallback
}

/** A name `<stem><ext>` that no file in `dir` has yet: `design.mldoc`, then `design-2.mldoc`, ... */
async function freeName(dir: string, stem: string, extension: string): Promise<string> {
  for (let n = 1; ; n++) {
    const name = `${stem}${n === 1 ? '' : `-${n}`}${extension}`
    if (!(await stat(join(dir, name)).catch(() => null))) return name
  }
}

/** The `.mldoc` bytes of a Y.Doc, typed as the host API carries them. */
function stateOf(ydoc: Parameters<typeof encodeMLDocFile>[0]): Uint8Array<ArrayBuffer> {
  return new Uint8Array(encodeMLDocFile(ydoc))
}

function stem(name: string): string {
  return basename(name).replace(/\.(mldoc|md|markdown)$/i, '')
}

/**
 * Runs `work` on a folder inside the documents folder, with its errors naming the folder as the
 * browser does (its name, or "the documents folder") rather than by its path on this machine.
 */
async function inFolder<T>(folder: ConfinedFolder, work: (absolute: string) => Promise<T>): Promise<T> {
  try {
    return await work(folder.absolute)
  } catch (error) {
    if (!(error instanceof MLDocError)) throw error
    const message = error.message.split(`${folder.absolute}${sep}`).join('').split(folder.absolute).join(folder.shown)
    throw new MLDocError(error.kind, message)
  }
}

/**
 * The host API over a documents folder, as the browser-mode host serves it: documents are
 * opened, saved and exported by their names inside the folder (never outside it), new documents
 * come from the templates, settings live in one JSON file. A repository to export into and a
 * project skeleton's folder are the documents folder itself or folders inside it, also by name.
 * Requests are already validated.
 */
export function folderHost(options: FolderHostOptions): HostApi {
  const { dir, settingsFile } = options
  const templatesDir = options.templatesDir
  // Templates ship with MLDoc and do not change while it runs: read and check them once.
  let templates: Template[] | undefined
  const allTemplates = () => (templates ??= templatesDir ? loadTemplates(templatesDir) : loadTemplates())

  return {
    async listTemplates({ lang }) {
      const byId = new Map<string, TemplateSummary>()
      for (const template of allTemplates()) {
        const known = byId.get(template.id)
        const langs = [...(known?.langs ?? []), template.lang]
        const preferred = !known || template.lang === lang
        byId.set(template.id, {
          id: template.id,
          langs: LANGS.filter((l) => langs.includes(l)),
          title: preferred ? template.title : known.title,
          description: preferred ? template.description : known.description,
        })
      }
      return [...byId.values()]
    },

    async newDocument({ templateId, lang }) {
      const template = allTemplates().find((t) => t.id === templateId && t.lang === lang)
        // findTemplate says which templates and languages there are.
        ?? (templatesDir ? findTemplate(templateId, lang, templatesDir) : findTemplate(templateId, lang))
      const ydoc = createYDoc(documentFromTemplate(template))
      return { path: null, name: template.title, state: stateOf(ydoc) }
    },

    async openDocument({ path }) {
      if (!path) throw new PathRefused('in browser mode a document is opened by its name in the documents folder')
      const target = await confinePath(dir, path, DOCUMENT_EXTENSIONS)
      const name = await nameInDir(dir, target)
      const file = await readDocumentForEditor(target)
      // A Markdown file is imported: saving it writes a new .mldoc beside it, never over the Markdown.
      return { path: file.format === 'mldoc' ? name : null, name: stem(name), state: file.bytes }
    },

    async saveDocument({ path, state, suggestedName }) {
      decodeMLDocFile(state, path ?? suggestedName)
      const name = path ?? (await freeName(dir, fileNameFrom(suggestedName), '.mldoc'))
      const target = await confinePath(dir, name, ['.mldoc'])
      await ensureParent(dir, target)
      await writeFileAtomic(target, state)
      return { path: await nameInDir(dir, target) }
    },

    async exportMarkdown({ path, markdown, suggestedName }) {
      const name = path ?? (await freeName(dir, fileNameFrom(suggestedName), '.md'))
      const target = await confinePath(dir, name, ['.md', '.markdown'])
      await ensureParent(dir, target)
      await writeFileAtomic(target, markdown)
      return { path: await nameInDir(dir, target) }
    },

    async recentDocuments() {
      const entries = await readdir(dir, { withFileTypes: true })
      const documents: (RecentDocument & { time: number })[] = []
      for (const entry of entries) {
        if (!entry.isFile() || entry.name.startsWith('.')) continue
        if (!DOCUMENT_EXTENSIONS.some((extension) => entry.name.toLowerCase().endsWith(extension))) continue
        const info = await stat(join(dir, entry.name))
        documents.push({ path: entry.name, name: entry.name, openedAt: info.mtime.toISOString(), time: info.mtimeMs })
      }
      documents.sort((a, b) => b.time - a.time || a.path.localeCompare(b.path))
      return documents.slice(0, RECENT_LIMIT).map(({ path, name, openedAt }) => ({ path, name, openedAt }))
    },

    async getSettings() {
      return readSettings(settingsFile)
    },

    async setSettings(change) {
      return updateSettings(settingsFile, change)
    },

    async chooseFolder() {
      throw new PathRefused('in browser mode there is no folder dialog: type the folder\'s name inside the documents folder')
    },

    async exportToRepository({ repo, path, state, commitMessage, dryRun }) {
      const { doc } = readMLDocFile(state, 'the document to export')
      const folder = await confineFolder(dir, repo, { mustExist: true })
      const result = await inFolder(folder, (absolute) => exportToRepository({ doc, repo: absolute, path, commitMessage, dryRun }))
      return { path: result.path, changed: result.changed, created: result.created, diff: result.diff, commit: result.commit ?? null }
    },

    async scaffoldProject({ dir: name, state }) {
      const { doc } = readMLDocFile(state, 'the document')
      const folder = await confineFolder(dir, name, { mustExist: false })
      return inFolder(folder, (absolute) => scaffoldProject({ doc, dir: absolute }))
    },
  }
}
