// Failures in the middle of a save (disk full while writing, rename refused), which a test
// running as root cannot cause with permissions: node:fs/promises fails on cue here.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import * as fs from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { writeFileAtomic } from '../../../node/files.js'

const fail = vi.hoisted(() => ({ step: null as null | 'write' | 'rename' }))

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>()
  const diskFull = () => Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
  return {
    ...real,
    open: async (...args: Parameters<typeof real.open>) => {
      const handle = await real.open(...args)
      if (fail.step !== 'write') return handle
      // Half the data reaches the disk, then the disk is full.
      const writeHalf = async (data: string | Uint8Array) => {
        const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data
        await handle.write(bytes.subarray(0, bytes.length / 2))
        throw diskFull()
      }
      return Object.assign(handle, { writeFile: writeHalf })
    },
    rename: async (...args: Parameters<typeof real.rename>) => {
      if (fail.step === 'rename') throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
      return real.rename(...args)
    },
  }
})

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mldoc-files-'))
  fail.step = null
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('writeFileAtomic when the save fails half-way', () => {
  it('the disk filling up while writing leaves the old file whole and no temporary file', async () => {
    const path = join(dir, 'doc.md')
    await writeFile(path, 'old content\n')
    fail.step = 'write'
    await expect(writeFileAtomic(path, 'new content that does not fit\n')).rejects.toThrow(`${path}: cannot save: the disk is full`)
    expect(await readFile(path, 'utf8')).toBe('old content\n')
    expect(await fs.readdir(dir)).toEqual(['doc.md'])
  })

  it('a refused rename leaves the old file whole and no temporary file', async () => {
    const path = join(dir, 'doc.mldoc')
    await writeFile(path, 'old')
    fail.step = 'rename'
    await expect(writeFileAtomic(path, 'new')).rejects.toThrow(`${path}: cannot save: no permission to write there`)
    expect(await readFile(path, 'utf8')).toBe('old')
    expect(await readdir(dir)).toEqual(['doc.mldoc'])
  })
})
