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
