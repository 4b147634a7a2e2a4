import { constants } from 'node:fs'
import { lstat, mkdir, open, realpath } from 'node:fs/promises'
import { isAbsolute, join, relative, sep } from 'node:path'
import { MLDocError } from '../../core/errors.js'

/** A file path inside a folder, checked so that writing it cannot land outside the folder. */
export interface InsidePath {
  /** The folder, as a real path (links in the folder's own location resolved). */
  readonly root: string
  /** The path inside the folder, folders separated by `/`, without `.` or empty parts. */
  readonly relative: string
  /** The path's parts, e.g. `['docs', 'design', 'churn.md']`. */
  readonly parts: readonly string[]
  /** `root` and `relative` joined. */
  readonly absolute: string
  /** Whether the file exists now (a regular file; anything else is refused). */
  readonly exists: boolean
}

/** A part naming git's own folder, also as Windows would read it (`.GIT`, `.git.`, `.git `). */
const GIT_FOLDER = /^\.git[. ]*$/i

function errorCode(error: unknown): string | undefined {
  return (error as { code?: unknown } | null)?.code as string | undefined
}

/**
 * Splits a path meant to stay inside a folder into its parts, refusing what could leave the
 * folder or reach into git's own data: an empty path, an absolute path (also `C:...` and `\\...`),
 * `..`, and any part named `.git`. `\` separates folders like `/`. `what` names the path in
 * messages (e.g. `path`).
 */
export function pathParts(path: string, what: string): string[] {
  const shown = `${what} "${path}"`
  if (path.includes('\0')) throw new MLDocError('argument', `${shown} contains a NUL character`)
  if (isAbsolute(path) || /^[a-zA-Z]:/.test(path) || /^[\\/]/.test(path)) {
    throw new MLDocError('argument', `${shown} is an absolute path; give a path inside the folder, such as docs/design/name.md`)
  }
  const parts = path.split(/[\\/]+/).filter((part) => part !== '' && part !== '.')
  if (parts.length === 0) throw new MLDocError('argument', `${shown} names no file`)
  if (parts.includes('..')) throw new MLDocError('argument', `${shown} goes up with ".."; MLDoc only writes inside the folder`)
  if (parts.some((part) => GIT_FOLDER.test(part))) {
    throw new MLDocError('argument', `${shown} is inside .git, git's own folder; MLDoc never writes there`)
  }
  return parts
}

/** Whether `path` is `root` or inside it, both real paths. */
function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

/** Throws unless the real location of `folder` is inside `root`. */
async function assertRealPathWithin(root: string, folder: string, shown: string): Promise<void> {
  const real = await realpath(folder)
  if (!isWithin(root, real)) throw new MLDocError('file', `${shown} resolves to ${real}, outside ${root}; MLDoc does not write there`)
}

/** What is on disk along a path: whether the file exists, or why MLDoc must not write there. */
export type PathState = { readonly ok: true; readonly exists: boolean } | { readonly ok: false; readonly reason: string }

/**
 * Looks at every part of `parts` under `root` (a real path) that exists, with `lstat`: a symbolic
 * link anywhere on the way (a folder or the file itself) is refused, as is a file where a folder
 * should be or a folder where the file should be. Missing parts are fine: {@link makeFolders}
 * creates the folders.
 */
export async function inspectPath(root: string, parts: readonly string[]): Promise<PathState> {
  let current = root
  for (const [index, part] of parts.entries()) {
    const next = join(current, part)
    const shown = parts.slice(0, index + 1).join('/')
    const info = await lstat(next).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') return undefined
      throw new MLDocError('file', `cannot look at ${shown}: ${(error as Error).message}`, root)
    })
    if (!info) return { ok: true, exists: false }
    const last = index === parts.length - 1
    if (info.isSymbolicLink()) return { ok: false, reason: `${shown} is a symbolic link; MLDoc does not follow links, so nothing it writes can end up outside the folder` }
    if (last && !info.isFile()) return { ok: false, reason: `${shown} is ${info.isDirectory() ? 'a folder' : 'not a regular file'}, not a file MLDoc can write` }
    if (!last && !info.isDirectory()) return { ok: false, reason: `${shown} is a file, not a folder` }
    if (!last && !isWithin(root, await realpath(next))) return { ok: false, reason: `${shown} resolves to a place outside the folder` }
    current = next
  }
  return { ok: true, exists: true }
}

/** The real path of a folder, or an {@link MLDocError} saying it does not exist. */
export async function realFolder(folder: string): Promise<string> {
  try {
    return await realpath(folder)
  } catch (error) {
    throw new MLDocError('file', errorCode(error) === 'ENOENT' ? 'the folder does not exist' : `cannot open the folder (${(error as Error).message})`, folder)
  }
}

/**
 * Checks `path` (relative to `folder`) for writing, refusing with an {@link MLDocError} what
 * {@link pathParts} and {@link inspectPath} refuse. `what` names the path in messages.
 */
export async function insidePath(folder: string, path: string, what: string): Promise<InsidePath> {
  const parts = pathParts(path, what)
  const root = await realFolder(folder)
  const state = await inspectPath(root, parts)
  if (!state.ok) throw new MLDocError('file', state.reason, root)
  return { root, relative: parts.join('/'), parts, absolute: join(root, ...parts), exists: state.exists }
}

/**
 * Creates the folders of `target` that do not exist yet, one at a time, checking after each that
 * it is a real folder inside the root and not a link put there meanwhile.
 */
export async function makeFolders(target: InsidePath): Promise<void> {
  let current = target.root
  for (const [index, part] of target.parts.slice(0, -1).entries()) {
    current = join(current, part)
    const shown = target.parts.slice(0, index + 1).join('/')
    await mkdir(current).catch((error: unknown) => {
      if (errorCode(error) !== 'EEXIST') throw new MLDocError('file', `cannot create the folder ${shown}: ${(error as Error).message}`, target.root)
    })
    const info = await lstat(current)
    if (info.isSymbolicLink() || !info.isDirectory()) throw new MLDocError('file', `${shown} is ${info.isSymbolicLink() ? 'a symbolic link' : 'a file'}, not a folder`, target.root)
    await assertRealPathWithin(target.root, current, shown)
  }
}

/**
 * The bytes of the file at `target` as it is now, or null when it does not exist. The file is
 * opened without following a link (`O_NOFOLLOW` where the system has it).
 */
export async function readInside(target: InsidePath): Promise<Uint8Array | null> {
  if (!target.exists) return null
  const handle = await open(target.absolute, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)).catch((error: unknown) => {
    if (errorCode(error) === 'ENOENT') return null
    if (errorCode(error) === 'ELOOP') throw new MLDocError('file', `${target.relative} is a symbolic link; MLDoc does not follow links`, target.root)
    throw new MLDocError('file', `cannot read ${target.relative}: ${(error as Error).message}`, target.root)
  })
  if (!handle) return null
  try {
    return await handle.readFile()
  } finally {
    await handle.close()
  }
}
