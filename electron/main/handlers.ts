import { basename, dirname, extname, isAbsolute, resolve } from 'node:path'
import type * as Y from 'yjs'
import type { FolderPurpose, HostMethod, HostRequest, HostResponse, Settings, TemplateSummary } from '../../core/host/api.js'
import type { Lang } from '../../core/i18n.js'
import { documentFromTemplate, type Template } from '../../core/templates/index.js'
import { createYDoc } from '../../core/yjs/doc.js'
import { decodeMLDocFile, encodeMLDocFile, readMLDocFile } from '../../core/yjs/file.js'
import { readDocumentForEditor } from '../../node/documents.js'
import { cleanTempFiles, writeFileAtomic } from '../../node/files.js'
import { exportToRepository } from '../../node/repo/index.js'
import { scaffoldProject } from '../../node/scaffold/index.js'
import { findTemplate, loadTemplates } from '../../node/templates.js'
import type { DocumentAccess, GrantKind } from './access.js'
import type { UserData } from './user-data.js'

/**
 * The host API on Node: what each call of the renderer does on this machine. Nothing here touches
 * Electron; the dialogs come in as functions, so tests run the real file operations without it.
 */

/** The window a call came from, as the IPC layer identified it. */
export interface Caller {
  readonly windowId: number
}

/** What a save dialog is for: the `.mldoc` document or a Markdown export. */
export type SaveKind = 'document' | 'markdown'

/** What the handlers need from the app around them. */
export interface HostDeps {
  readonly userData: UserData
  readonly access: DocumentAccess
  readonly templatesDir: string
  /** Asks the user which document to open (attached to the caller's window); null when cancelled. */
  chooseDocumentToOpen(windowId: number): Promise<string | null>
  /** Asks the user where to save; null when cancelled. */
  chooseSavePath(windowId: number, kind: SaveKind, suggestedName: string): Promise<string | null>
  /** Asks the user for a folder: a repository to export into, or where a project skeleton goes; null when cancelled. */
  chooseFolder(windowId: number, purpose: FolderPurpose): Promise<string | null>
  /** Told after the settings changed (the menu follows the UI language). */
  settingsChanged?(settings: Settings): void
  /** Told after a document was opened or first saved somewhere (the system's recent documents). */
  documentUsed?(path: string): void
}

/** One implementation per host method, told which window called. */
export type HostHandlers = { [M in HostMethod]: (request: HostRequest<M>, caller: Caller) => Promise<HostResponse<M>> }

const EXTENSIONS: Readonly<Record<SaveKind, string>> = { document: '.mldoc', markdown: '.md' }
const GRANTS: Readonly<Record<SaveKind, GrantKind>> = { document: 'document', markdown: 'export' }

/** A file's name without its folder and extension, as shown in the title bar and recent documents. */
export function displayName(path: string): string {
  const name = basename(path)
  const extension = extname(name)
  return extension && extension !== name ? name.slice(0, -extension.length) : name
}

/** `path` with the kind's extension added when it has none (a name typed into a save dialog). */
function withExtension(path: string, kind: SaveKind): string {
  return extname(path) === '' ? `${path}${EXTENSIONS[kind]}` : path
}

/** An absolute path from the renderer, or an error naming it. */
function absolute(path: string): string {
  if (!isAbsolute(path)) throw new Error(`"${path}" is not an absolute path`)
  return resolve(path)
}

/** The `.mldoc` bytes of a Y.Doc. `encodeMLDocFile` allocates a plain ArrayBuffer, which the response schema's type spells out. */
function mldocBytes(ydoc: Y.Doc): Uint8Array<ArrayBuffer> {
  return encodeMLDocFile(ydoc) as Uint8Array<ArrayBuffer>
}

/** One summary per template id, in the requested language where the template has it. */
export function templateSummaries(templates: readonly Template[], lang: Lang): TemplateSummary[] {
  const byId = new Map<string, Template[]>()
  for (const template of templates) byId.set(template.id, [...(byId.get(template.id) ?? []), template])
  return [...byId.entries()].map(([id, versions]) => {
    const shown = versions.find((t) => t.lang === lang) ?? versions[0]!
    return { id, langs: versions.map((t) => t.lang), title: shown.title, description: shown.description }
  })
}

/** The host API implemented with the node/ layer's file operations. */
export function createHostHandlers(deps: HostDeps): HostHandlers {
  const { access, userData } = deps
  /** The templates ship with the app and do not change while it runs: read them once. */
  let templates: Template[] | null = null

  /** The path a save writes to: the granted one, or one the user picks now; null when cancelled. */
  async function saveTarget(path: string | null, kind: SaveKind, suggestedName: string, windowId: number): Promise<string | null> {
    if (path === null) {
      const chosen = await deps.chooseSavePath(windowId, kind, suggestedName)
      return chosen === null ? null : withExtension(absolute(chosen), kind)
    }
    const target = absolute(path)
    if (!access.isGranted(windowId, target, GRANTS[kind])) {
      throw new Error(`${target}: this window did not open or save that file; choose where to save with Save As`)
    }
    return target
  }

  /** A folder the user chose for this window with {@link HostHandlers.chooseFolder}, or an error saying how to choose it. */
  function chosenFolder(folder: string, windowId: number): string {
    const target = absolute(folder)
    if (!access.isGranted(windowId, target, 'folder')) {
      throw new Error(`${target}: this window was not given that folder; pick it with Choose…`)
    }
    return target
  }

  return {
    async listTemplates({ lang }) {
      templates ??= loadTemplates(deps.templatesDir)
      return templateSummaries(templates, lang)
    },

    async newDocument({ templateId, lang }) {
      const template = findTemplate(templateId, lang, deps.templatesDir)
      const doc = documentFromTemplate(template)
      return { path: null, name: doc.meta.title || template.title, state: mldocBytes(createYDoc(doc)) }
    },

    async openDocument({ path }, { windowId }) {
      let target: string
      if (path === undefined) {
        const chosen = await deps.chooseDocumentToOpen(windowId)
        if (chosen === null) return null
        target = absolute(chosen)
      } else {
        target = absolute(path)
        const recent = await userData.recentDocuments()
        if (!access.isGranted(windowId, target, 'document') && !recent.some((entry) => resolve(entry.path) === target)) {
          throw new Error(`${target}: this window was not given that file; open it with File > Open`)
        }
      }
      // Leftovers of an interrupted save; a folder we cannot tidy still opens.
      await cleanTempFiles(dirname(target)).catch(() => undefined)
      const file = await readDocumentForEditor(target)
      const name = displayName(target)
      if (file.format === 'mldoc') access.showDocument(windowId, target)
      await userData.addRecent(target, name)
      deps.documentUsed?.(target)
      // An imported Markdown file has no .mldoc yet: its first save asks where (never over the Markdown).
      return { path: file.format === 'mldoc' ? target : null, name, state: file.bytes }
    },

    async saveDocument({ path, state, suggestedName }, { windowId }) {
      decodeMLDocFile(state, 'the document to save')
      const target = await saveTarget(path, 'document', suggestedName, windowId)
      if (target === null) return { path: null }
      await writeFileAtomic(target, state)
      access.showDocument(windowId, target)
      if (path === null) {
        await userData.addRecent(target, displayName(target))
        deps.documentUsed?.(target)
      }
      return { path: target }
    },

    async exportMarkdown({ path, markdown, suggestedName }, { windowId }) {
      const target = await saveTarget(path, 'markdown', suggestedName, windowId)
      if (target === null) return { path: null }
      await writeFileAtomic(target, markdown)
      access.grant(windowId, target, 'export')
      return { path: target }
    },

    async recentDocuments() {
      return userData.recentDocuments()
    },

    async chooseFolder({ purpose }, { windowId }) {
      const chosen = await deps.chooseFolder(windowId, purpose)
      if (chosen === null) return { path: null }
      const folder = absolute(chosen)
      access.grant(windowId, folder, 'folder')
      return { path: folder }
    },

    async exportToRepository({ repo, path, state, commitMessage, dryRun }, { windowId }) {
      const folder = chosenFolder(repo, windowId)
      const { doc } = readMLDocFile(state, 'the document to export')
      const result = await exportToRepository({ doc, repo: folder, path, commitMessage, dryRun })
      return { path: result.path, changed: result.changed, created: result.created, diff: result.diff, commit: result.commit ?? null }
    },

    async scaffoldProject({ dir, state }, { windowId }) {
      const folder = chosenFolder(dir, windowId)
      const { doc } = readMLDocFile(state, 'the document')
      return scaffoldProject({ doc, dir: folder })
    },

    async getSettings() {
      return userData.settings()
    },

    async setSettings(update) {
      const settings = await userData.updateSettings(update)
      deps.settingsChanged?.(settings)
      return settings
    },
  }
}
