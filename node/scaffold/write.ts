import { randomBytes } from 'node:crypto'
import { link, open, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { TEMP_SUFFIX } from '../files.js'

function errorCode(error: unknown): string | undefined {
  return (error as { code?: unknown } | null)?.code as string | undefined
}

/** Writes `data` to a new file at `path`, failing with EEXIST if anything is there (never following a link). */
async function writeNew(path: string, data: string): Promise<void> {
  const handle = await open(path, 'wx')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * Creates the file at `path` with `data` unless something already exists there, and resolves to
 * whether it did. Never replaces anything: the data is written to a temporary file in the same
 * folder and hard-linked into place, which fails when the name is taken, so the file appears
 * whole or not at all. Where hard links are not supported it is created directly with `O_EXCL`.
 */
export async function createFile(path: string, data: string): Promise<boolean> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`)
  await writeNew(temp, data)
  try {
    await link(temp, path)
    return true
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(errorCode(error) ?? '')) throw error
  } finally {
    await unlink(temp).catch(() => undefined)
  }
  try {
    await writeNew(path, data)
    return true
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false
    throw error
  }
}
