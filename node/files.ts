import { randomBytes } from 'node:crypto'
import { open, readdir, rename, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { MLDocError } from '../core/errors.js'

/** Ending of the temporary files {@link writeFileAtomic} writes before renaming them into place. */
export const TEMP_SUFFIX = '.mldoc-tmp'

/** A Node file-system error, which carries a `code` such as `ENOENT`. */
function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined
}

/**
 * What went wrong when reading or writing the file at `path`, in plain words, from the error
 * Node reported (e.g. EACCES becomes "no permission to write there").
 */
export function describeFileError(error: unknown, path: string, action: 'read' | 'write'): string {
  const folder = dirname(path)
  switch (errorCode(error)) {
    case 'EACCES':
    case 'EPERM':
      return action === 'read' ? 'no permission to read it' : 'no permission to write there'
    case 'ENOSPC':
      return 'the disk is full'
    case 'EDQUOT':
      return 'the disk quota is used up'
    case 'EROFS':
      return 'the disk is read-only'
    case 'EISDIR':
      return 'it is a folder, not a file'
    case 'ENOENT':
      return action === 'read' ? 'the file does not exist' : `the folder ${folder} does not exist`
    case 'ENOTDIR':
      return `part of the folder path ${folder} is a file, not a folder`
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open'
    default:
      return error instanceof Error ? error.message : String(error)
  }
}

/** Flushes a folder's entry list to disk, so a rename into it survives a power cut. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r')
  try {
    await handle.sync()
  } catch (error) {
    // Some platforms and file systems (Windows, some network mounts) cannot sync a folder.
    if (!['EINVAL', 'EISDIR', 'EPERM', 'ENOTSUP'].includes(errorCode(error) ?? '')) throw error
  } finally {
    await handle.close()
  }
}

/**
 * Replaces the file at `path` with `data` so that readers, and the disk after a crash, see either
 * the old content or the new one, never a part: the data goes to a temporary file
 * `.<name>.<random>.mldoc-tmp` in the same folder, is flushed, renamed over the target, and the
 * folder is flushed. An existing file keeps its permissions. On failure the temporary file is
 * removed, the old file is untouched, and an {@link MLDocError} names the path and the cause.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const folder = dirname(path)
  const temp = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`)
  let created = false
  try {
    const existing = await stat(path).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') return undefined
      throw error
    })
    if (existing?.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' })
    const handle = await open(temp, 'wx')
    created = true
    try {
      if (existing) await handle.chmod(existing.mode & 0o7777)
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
    created = false
    await syncFolder(folder)
  } catch (error) {
    if (created) await unlink(temp).catch(() => undefined)
    throw new MLDocError('file', `cannot save: ${describeFileError(error, path, 'write')}`, path)
  }
}

/**
 * Removes the temporary files an interrupted {@link writeFileAtomic} left in `dir` and returns
 * their names, sorted. Call it when no save into that folder is under way (e.g. when opening it).
 */
export async function cleanTempFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const leftovers = entries.filter((entry) => entry.isFile() && entry.name.endsWith(TEMP_SUFFIX)).map((entry) => entry.name).sort()
  for (const name of leftovers) await unlink(join(dir, name)).catch((error: unknown) => {
    if (errorCode(error) !== 'ENOENT') throw error
  })
  return leftovers
}
