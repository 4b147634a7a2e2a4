import { mkdtemp, readdir, readFile, rm, stat, chmod, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MLDocError } from '../../../core/errors.js'
import { cleanTempFiles, describeFileError, writeFileAtomic } from '../../../node/files.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mldoc-files-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('writeFileAtomic', () => {
  it('creates a file and replaces its content, leaving no temporary file', async () => {
    const path = join(dir, 'doc.md')
    await writeFileAtomic(path, '# First\n')
    expect(await readFile(path, 'utf8')).toBe('# First\n')
    await writeFileAtomic(path, Uint8Array.from([1, 2, 3]))
    expect([...(await readFile(path))]).toEqual([1, 2, 3])
    expect(await readdir(dir)).toEqual(['doc.md'])
  })

  it('keeps the permissions of the file it replaces', async () => {
    const path = join(dir, 'script.md')
    await writeFile(path, 'old')
    await chmod(path, 0o640)
    await writeFileAtomic(path, 'new')
    expect((await stat(path)).mode & 0o777).toBe(0o640)
  })

  it('fails naming the path when the folder is missing, and writes nothing', async () => {
    const path = join(dir, 'missing', 'doc.md')
    const error = await writeFileAtomic(path, 'x').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MLDocError)
    expect((error as Error).message).toBe(`${path}: cannot save: the folder ${join(dir, 'missing')} does not exist`)
    expect(await readdir(dir)).toEqual([])
  })

  it('fails when part of the folder path is a file', async () => {
    await writeFile(join(dir, 'plain'), 'not a folder')
    const path = join(dir, 'plain', 'doc.md')
    await expect(writeFileAtomic(path, 'x')).rejects.toThrow(`${path}: cannot save: part of the folder path ${join(dir, 'plain')} is a file, not a folder`)
    expect(await readdir(dir)).toEqual(['plain'])
  })

  it('refuses to replace a folder, leaving it and no temporary file', async () => {
    const path = join(dir, 'notes')
    await mkdir(path)
    await writeFile(join(path, 'inside.md'), 'kept')
    await expect(writeFileAtomic(path, 'x')).rejects.toThrow(`${path}: cannot save: it is a folder, not a file`)
    expect(await readdir(dir)).toEqual(['notes'])
    expect(await readFile(join(path, 'inside.md'), 'utf8')).toBe('kept')
  })
})

describe('describeFileError', () => {
  const folderError = (code: string) => Object.assign(new Error(code), { code })
  it('says what went wrong in plain words', () => {
    expect(describeFileError(folderError('EACCES'), '/x/doc.md', 'write')).toBe('no permission to write there')
    expect(describeFileError(folderError('EACCES'), '/x/doc.md', 'read')).toBe('no permission to read it')
    expect(describeFileError(folderError('ENOSPC'), '/x/doc.md', 'write')).toBe('the disk is full')
    expect(describeFileError(folderError('ENOENT'), '/x/doc.md', 'read')).toBe('the file does not exist')
    expect(describeFileError(folderError('ENOENT'), '/x/doc.md', 'write')).toBe('the folder /x does not exist')
  })
})

describe('cleanTempFiles', () => {
  it('removes leftover temporary files only, and names them', async () => {
    await writeFile(join(dir, '.doc.mldoc.0a1b2c3d4e5f.mldoc-tmp'), 'half')
    await writeFile(join(dir, '.doc.md.ffeeddccbbaa.mldoc-tmp'), 'half')
    await writeFile(join(dir, 'doc.mldoc'), 'kept')
    await mkdir(join(dir, 'folder.mldoc-tmp'))
    expect(await cleanTempFiles(dir)).toEqual(['.doc.md.ffeeddccbbaa.mldoc-tmp', '.doc.mldoc.0a1b2c3d4e5f.mldoc-tmp'])
    expect((await readdir(dir)).sort()).toEqual(['doc.mldoc', 'folder.mldoc-tmp'])
    expect(await cleanTempFiles(dir)).toEqual([])
  })
})
