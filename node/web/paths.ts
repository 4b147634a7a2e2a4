import { lstat, mkdir, realpath } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'

/** A request for a path outside what the browser-mode host may touch; answered with HTTP 400/403. */
export class PathRefused extends Error {
  override readonly name = 'PathRefused'
}

/**
 * Checks a file name sent by the browser against the documents folder and returns its absolute
 * path. Only plain relative names are accepted: no absolute paths, drive letters, backslashes,
 * NUL bytes, `..` or hidden (`.`) segments, and only the given extensions. Every part that exists
 * on disk must be a real folder or file inside `dir`, never a symbolic link, so a link planted in
 * the folder cannot lead a read or a write elsewhere.
 */
export async function confinePath(dir: string, name: string, extensions: readonly string[]): Promise<string> {
  if (name.includes('\0') || name.includes('\\') || isAbsolute(name) || /^[a-zA-Z]:/.test(name)) {
    throw new PathRefused(`"${name}" is not a file name inside the documents folder`)
  }
  const segments = name.split('/')
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.'))) {
    throw new PathRefused(`"${name}" is not a file name inside the documents folder (no "..", hidden or empty parts)`)
  }
  if (!extensions.some((extension) => name.toLowerCase().endsWith(extension))) {
    throw new PathRefused(`"${name}" must end in ${extensions.join(' or ')}`)
  }
  const root = await realpath(dir)
  const target = resolve(root, ...segments)
  const rel = relative(root, target)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new PathRefused(`"${name}" is outside the documents folder`)
  let current = root
  for (const segment of segments) {
    current = join(current, segment)
    const info = await lstat(current).catch(() => null)
    if (!info) break
    if (info.isSymbolicLink()) throw new PathRefused(`"${name}" goes through a symbolic link, which the browser host does not follow`)
  }
  return target
}

/** Creates the folders above a confined path (inside `dir`), so a save into `notes/design.mldoc` works. */
export async function ensureParent(dir: string, target: string): Promise<void> {
  const root = await realpath(dir)
  const parent = resolve(target, '..')
  if (parent !== root && !parent.startsWith(root + sep)) throw new PathRefused('the folder is outside the documents folder')
  await mkdir(parent, { recursive: true })
}

/** The name of an absolute path inside `dir`, with `/` separators, as the browser sees it. */
export async function nameInDir(dir: string, target: string): Promise<string> {
  return relative(await realpath(dir), target).split(sep).join('/')
}

/** A folder inside the documents folder, as {@link confineFolder} found it. */
export interface ConfinedFolder {
  /** The folder's absolute path (the documents folder's real path joined with the name). */
  readonly absolute: string
  /** How messages name it: `the documents folder`, or its name in quotes. */
  readonly shown: string
}

/**
 * Checks a folder name sent by the browser (a repository to export into, a project skeleton's
 * folder) and returns the folder: `.` is the documents folder itself, anything else a plain
 * relative name inside it (`repo`, `work/churn`), with no absolute paths, backslashes, `..` or
 * hidden parts. Every part that exists must be a real folder, never a symbolic link or a file.
 * With `mustExist`, a missing folder is refused too; otherwise the caller may create it.
 */
export async function confineFolder(dir: string, name: string, options: { mustExist: boolean }): Promise<ConfinedFolder> {
  const rule = 'in browser mode a folder must be the documents folder itself (.) or a folder inside it, named relative to it'
  if (name.includes('\0') || name.includes('\\') || isAbsolute(name) || /^[a-zA-Z]:/.test(name)) {
    throw new PathRefused(`"${name}" is not a folder inside the documents folder: ${rule}`)
  }
  const root = await realpath(dir)
  if (name === '.' || name === './') return { absolute: root, shown: 'the documents folder' }
  const segments = name.replace(/\/$/, '').split('/')
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.'))) {
    throw new PathRefused(`"${name}" is not a folder inside the documents folder (no "..", hidden or empty parts): ${rule}`)
  }
  const shown = `"${segments.join('/')}"`
  let current = root
  for (const segment of segments) {
    current = join(current, segment)
    const info = await lstat(current).catch(() => null)
    if (!info) {
      if (options.mustExist) throw new PathRefused(`${shown} does not exist in the documents folder`)
      break
    }
    if (info.isSymbolicLink()) throw new PathRefused(`${shown} goes through a symbolic link, which the browser host does not follow`)
    if (!info.isDirectory()) throw new PathRefused(`${shown} is a file, not a folder`)
  }
  return { absolute: resolve(root, ...segments), shown }
}
