import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { MLDocument } from '../../core/document/model.js'
import { MLDocError } from '../../core/errors.js'
import { exportMarkdown } from '../../core/markdown/index.js'
import { writeFileAtomic } from '../files.js'
import { unifiedDiff } from './diff.js'
import { insidePath, makeFolders, pathParts, readInside } from './paths.js'
import { slugify } from './slug.js'
import { commitFile, ensureWorkTree } from './worktree.js'

/** What to export where: the document, the repository, and what to do there. */
export interface RepositoryExportOptions {
  readonly doc: MLDocument
  /** The repository's working tree (or a folder inside it); every path is relative to it. */
  readonly repo: string
  /** Where the Markdown goes inside `repo`; default {@link defaultDesignDocPath}. */
  readonly path?: string
  /** When set, commit the file (only it) with this message. */
  readonly commitMessage?: string
  /** Compute the diff and stop: write nothing, commit nothing, initialise nothing. */
  readonly dryRun?: boolean
  /** When `repo` is not a working tree, `git init` it (creating the folder) instead of refusing. */
  readonly init?: boolean
}

/** What an export did (or, in a dry run, would do). */
export interface RepositoryExport {
  /** The file's path inside the repository, folders separated by `/`. */
  readonly path: string
  /** The file's full path on disk. */
  readonly absolutePath: string
  /** Whether the file's bytes differ from (or the file did not exist before) the export. */
  readonly changed: boolean
  /** Whether the file did not exist before (so `changed` means it was, or would be, created). */
  readonly created: boolean
  /** Unified diff from the file as it was to the export; '' when unchanged. */
  readonly diff: string
  /** The id of the commit made, when one was asked for and the file differed from what is committed. */
  readonly commit?: string
  /** Whether `git init` ran (in a dry run: would run). */
  readonly initialized: boolean
}

/** Where a document goes by default: `docs/design/<slug>.md`, the slug made from its title. */
export function defaultDesignDocPath(doc: MLDocument): string {
  return `docs/design/${slugify(doc.meta.title)}.md`
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i])
}

/**
 * Writes a document's Markdown ({@link exportMarkdown}) into a git working tree, for
 * `mldoc export FILE --repo DIR` and the app's "Export to repository...".
 *
 * The path must stay inside `repo`: `..`, absolute paths, anything under `.git` and a symbolic
 * link anywhere on the way (folder or file) are refused with an {@link MLDocError} saying why.
 * The diff against the file already there is computed before anything is written; the file is
 * replaced atomically ({@link writeFileAtomic}) only when its bytes change, so re-exporting an
 * unchanged document changes nothing. With `commitMessage`, the file alone is committed when it
 * differs from what is committed. A folder that is not a working tree is refused, or initialised
 * with `init`. The app shows the diff of a `dryRun` call, then calls again without it.
 */
export async function exportToRepository(options: RepositoryExportOptions): Promise<RepositoryExport> {
  const repo = resolve(options.repo)
  const relativePath = options.path ?? defaultDesignDocPath(options.doc)
  if (!/\.(md|markdown)$/i.test(relativePath)) {
    throw new MLDocError('argument', `path "${relativePath}" must be a Markdown file (ending in .md)`)
  }
  const parts = pathParts(relativePath, 'path')
  if (options.commitMessage !== undefined && options.commitMessage.trim() === '') {
    throw new MLDocError('argument', 'the commit message is empty; say what changed and why')
  }
  const initialized = await ensureWorkTree(repo, { init: options.init, dryRun: options.dryRun })
  const after = new TextEncoder().encode(exportMarkdown(options.doc))

  if (options.dryRun && !existsSync(repo)) {
    const path = parts.join('/')
    return { path, absolutePath: resolve(repo, path), changed: true, created: true, diff: await unifiedDiff(null, after, path), initialized }
  }
  const target = await insidePath(repo, relativePath, 'path')
  const before = await readInside(target)
  const changed = before === null || !sameBytes(before, after)
  const diff = changed ? await unifiedDiff(before, after, target.relative) : ''
  const result = { path: target.relative, absolutePath: target.absolute, changed, created: before === null, diff, initialized }
  if (options.dryRun) return result

  if (changed) {
    await makeFolders(target)
    await writeFileAtomic(target.absolute, after)
  }
  if (options.commitMessage === undefined) return result
  const commit = await commitFile(target.root, target.relative, options.commitMessage)
  return commit === undefined ? result : { ...result, commit }
}
