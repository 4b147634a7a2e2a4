import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyBlockJSON } from '../../core/blocks/define.js'
import { BLOCKS } from '../../core/blocks/registry.js'
import { emptyMeta } from '../../core/document/meta.js'
import { MLDocError } from '../../core/errors.js'
import { mldocSchema } from '../../core/schema/index.js'
import { crc32 } from '../../core/yjs/crc32.js'
import { BODY_FRAGMENT, createYDoc } from '../../core/yjs/doc.js'
import { deflateState } from '../../core/yjs/deflate.js'
import { encodeMLDocFile } from '../../core/yjs/file.js'
import { MAX_STATE_BYTES } from '../../core/yjs/file-format.js'
import { readDocumentFile } from '../../node/documents.js'
import { ROOT, STACK_TRACE, ensureFreshBundle } from '../cli/mldoc.js'
import { seededRandom } from '../collab/fixtures.js'
import { SOAK, trials } from './counts.js'

/**
 * Item 4 of the reliability issue: damaged input. Truncated, bit-flipped and foreign .mldoc
 * files, a 50 MB Markdown file, lists and quotes nested 10,000 deep, invalid UTF-8 and broken
 * templates go to the real `mldoc` process: each must end within a time bound and a memory
 * bound (a capped heap) with exit status 2 and one line naming the file and what is wrong (or,
 * where the input is readable, exit 0 and a correct export), never a crash or a stack trace, and
 * must leave the output file it was given as it was. The bulk of the bit-flip fuzz runs in
 * process through `readDocumentFile`, which the CLI, Electron and the browser host share.
 */

let dir: string
let good: Uint8Array
/** The Yjs state inside `good`, uncompressed. */
let goodState: Uint8Array
/** Size of the header of a format-2 .mldoc file, which MLDoc writes. */
const HEADER = 20
const SENTINEL = 'the export from before, which a failed run must not touch\n'
/** Heap cap of every run: a reader that needs more for these inputs is a bug. */
const HEAP_MB = 1536

beforeAll(async () => {
  ensureFreshBundle()
  dir = await mkdtemp(join(tmpdir(), 'mldoc-damaged-'))
  const body = mldocSchema().nodeFromJSON({
    type: 'doc',
    content: [{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Churn model' }] }, ...BLOCKS.map(({ spec }) => emptyBlockJSON(spec, 'en'))],
  })
  const ydoc = createYDoc({ meta: { ...emptyMeta(), title: 'Churn model' }, body })
  good = encodeMLDocFile(ydoc)
  goodState = Y.encodeStateAsUpdateV2(ydoc)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

interface Run {
  status: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  ms: number
}

/** Runs `mldoc` in the test folder with a capped heap and a time limit. */
function mldoc(args: readonly string[], options: { timeoutMs?: number; env?: Record<string, string> } = {}): Run {
  const started = performance.now()
  const result = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, join(ROOT, 'bin/mldoc.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, MLDOC_DEBUG: '', ...options.env },
  })
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - started }
}

/**
 * Exports `name` to an existing out.md and checks the outcome: exit 2 with one clear line naming
 * the file (or 0, where `readable`), no stack trace, out.md untouched on failure, no stray files.
 */
async function expectHandled(name: string, options: { readable?: boolean; timeoutMs?: number; message?: RegExp } = {}): Promise<Run> {
  await writeFile(join(dir, 'out.md'), SENTINEL)
  const before = (await readdir(dir)).sort()
  const run = mldoc(['export', name, '-o', 'out.md'], options)
  const what = `${name}: exit ${run.status ?? run.signal} after ${Math.round(run.ms)} ms: ${run.stderr.slice(0, 300)}`
  expect(run.signal, `${what} (killed: over the time limit)`).toBeNull()
  expect(run.stderr, what).not.toMatch(STACK_TRACE)
  expect(run.stderr, what).not.toMatch(/Maximum call stack|heap out of memory|unexpected failure/)
  if (run.status === 0 && options.readable) {
    expect(await readFile(join(dir, 'out.md'), 'utf8'), what).not.toBe(SENTINEL)
  } else {
    expect(run.status, what).toBe(2)
    expect(run.stderr.trimEnd().split('\n'), what).toHaveLength(1)
    expect(run.stderr, what).toContain(`mldoc: ${name}`)
    if (options.message) expect(run.stderr, what).toMatch(options.message)
    expect(await readFile(join(dir, 'out.md'), 'utf8'), what).toBe(SENTINEL)
  }
  expect((await readdir(dir)).sort(), `${what}: files left behind`).toEqual(before)
  return run
}

/**
 * A well-formed format-2 .mldoc file around `stored`: right magic, version, compression method,
 * stored length and checksum; the state length is `stateLength`.
 */
function formatTwo(stored: Uint8Array, stateLength: number): Uint8Array {
  const out = new Uint8Array(HEADER + stored.length)
  out.set(good.subarray(0, 8))
  const view = new DataView(out.buffer)
  view.setUint32(8, stored.length)
  view.setUint32(12, crc32(stored))
  view.setUint32(16, stateLength)
  out.set(stored, HEADER)
  return out
}

/** A well-formed .mldoc file whose Yjs state is `state`: compressed, with the right lengths and checksum. */
function wrap(state: Uint8Array): Uint8Array {
  return formatTwo(deflateState(state), state.length)
}

describe('damaged .mldoc files', () => {
  it('truncated, bit-flipped and foreign files each end in one clear line, exit 2, with the output left alone', async () => {
    const random = seededRandom(4)
    const files: [string, Uint8Array, RegExp][] = [
      ['empty.mldoc', new Uint8Array(0), /not an MLDoc file/],
      ['header-only.mldoc', good.subarray(0, 10), /truncated/],
      ['half.mldoc', good.subarray(0, Math.floor(good.length / 2)), /truncated/],
      ['one-short.mldoc', good.subarray(0, good.length - 1), /truncated/],
      ['extra.mldoc', Uint8Array.from([...good, 0, 1, 2]), /unexpected bytes/],
      ['png.mldoc', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), /not an MLDoc file/],
      ['pdf.mldoc', new TextEncoder().encode('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n'), /not an MLDoc file/],
      ['zip.mldoc', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0]), /not an MLDoc file/],
      ['elf.mldoc', Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), /not an MLDoc file/],
      ['json.mldoc', new TextEncoder().encode('{"title": "not a document"}'), /not an MLDoc file/],
      ['newer.mldoc', Uint8Array.from([...good.subarray(0, 6), 9, ...good.subarray(7)]), /newer MLDoc/],
      ['huge-length.mldoc', Uint8Array.from([...good.subarray(0, 8), 0xff, 0xff, 0xff, 0xff, ...good.subarray(12)]), /truncated/],
    ]
    for (let i = 0; i < 4; i++) {
      const flipped = good.slice()
      const at = HEADER + Math.floor(random() * (good.length - HEADER))
      flipped[at] = flipped[at]! ^ (1 << Math.floor(random() * 8))
      files.push([`flipped-${i}.mldoc`, flipped, /damaged: its checksum/])
    }
    // Checksums fixed up after the damage: the payload itself must be refused or read correctly.
    const garbage = wrap(Uint8Array.from({ length: 400 }, () => Math.floor(random() * 256)))
    files.push(['garbage-payload.mldoc', garbage, /cannot be decoded|does not fit|header/])
    const stored = good.subarray(HEADER)
    files.push(['garbage-deflate.mldoc', formatTwo(Uint8Array.from({ length: 400 }, () => Math.floor(random() * 256)), 4000), /cannot be decompressed|decompresses to/])
    files.push(['cut-deflate.mldoc', formatTwo(stored.subarray(0, stored.length >> 1), goodState.length), /cannot be decompressed \(unexpected EOF\)/])
    files.push(['length-mismatch.mldoc', formatTwo(stored, goodState.length + 5), /decompresses to \d+ bytes, but its header gives \d+/])
    files.push(['over-limit.mldoc', formatTwo(stored, MAX_STATE_BYTES + 1), /once decompressed, more than the 64 MiB MLDoc opens/])
    files.push(['bomb.mldoc', formatTwo(deflateState(new Uint8Array(8 * 1024 * 1024)), 1024), /more than the 1024 bytes its header gives \(damaged, or a decompression bomb\)/])
    files.push(['unknown-method.mldoc', Uint8Array.from([...good.subarray(0, 7), 9, ...good.subarray(8)]), /compression method 9/])
    const hostile = createYDoc({ meta: emptyMeta(), body: mldocSchema().nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph' }] }) })
    hostile.getXmlFragment(BODY_FRAGMENT).insert(0, [new Y.XmlElement('script')])
    files.push(['unknown-node.mldoc', encodeMLDocFile(hostile), /does not fit MLDoc's schema/])
    for (const [name, bytes] of files) await writeFile(join(dir, name), bytes)
    for (const [name, , message] of files) await expectHandled(name, { message })
  }, 120_000)

  it(`${trials(300, 5000)} state bit flips with the checksum fixed up: a clear error or a correct document, in process`, async () => {
    const random = seededRandom(44)
    const payload = goodState
    const outcomes = { refused: 0, read: 0 }
    const path = join(dir, 'fuzzed.mldoc')
    for (let i = 0; i < trials(300, 5000); i++) {
      const damaged = payload.slice()
      for (let flips = 1 + Math.floor(random() * 3); flips > 0; flips--) {
        const at = Math.floor(random() * damaged.length)
        damaged[at] = damaged[at]! ^ (1 << Math.floor(random() * 8))
      }
      await writeFile(path, wrap(damaged))
      try {
        const { doc } = await readDocumentFile(path)
        doc.body.check()
        outcomes.read++
      } catch (error) {
        if (!(error instanceof MLDocError)) throw new Error(`flip ${i}: not a clear error: ${(error as Error).stack}`)
        expect((error as MLDocError).message).not.toBe('')
        outcomes.refused++
      }
    }
    console.log(`damaged .mldoc payloads${SOAK ? ' (soak)' : ''}: ${outcomes.refused} refused with an MLDocError, ${outcomes.read} still a whole, valid document`)
  }, 120_000)

  it(`${trials(200, 2000)} compressed-state bit flips with the checksum fixed up: a clear error or a correct document, in process`, async () => {
    const random = seededRandom(45)
    const stored = good.subarray(HEADER)
    const outcomes = { refused: 0, read: 0 }
    const path = join(dir, 'fuzzed-deflate.mldoc')
    for (let i = 0; i < trials(200, 2000); i++) {
      const damaged = stored.slice()
      for (let flips = 1 + Math.floor(random() * 3); flips > 0; flips--) {
        const at = Math.floor(random() * damaged.length)
        damaged[at] = damaged[at]! ^ (1 << Math.floor(random() * 8))
      }
      await writeFile(path, formatTwo(damaged, goodState.length))
      try {
        const { doc } = await readDocumentFile(path)
        doc.body.check()
        outcomes.read++
      } catch (error) {
        if (!(error instanceof MLDocError)) throw new Error(`flip ${i}: not a clear error: ${(error as Error).stack}`)
        expect((error as MLDocError).message).toMatch(/^\/.*fuzzed-deflate\.mldoc: ./)
        outcomes.refused++
      }
    }
    console.log(`damaged compressed .mldoc states${SOAK ? ' (soak)' : ''}: ${outcomes.refused} refused with an MLDocError, ${outcomes.read} still a whole, valid document`)
  }, 120_000)

  it('a format-1 file, as MLDoc wrote before compression, still exports', async () => {
    await writeFile(join(dir, 'format-1.mldoc'), await readFile(join(ROOT, 'test/unit/fixtures/format-1.mldoc')))
    await expectHandled('format-1.mldoc', { readable: true })
    expect(await readFile(join(dir, 'out.md'), 'utf8')).toContain('Mijozlar ketishini oldindan aytish')
  }, 60_000)
})

describe('damaged and hostile Markdown', () => {
  it('invalid UTF-8 in any of its forms is refused naming the file', async () => {
    const text = (bytes: number[]) => Uint8Array.from([...new TextEncoder().encode('# Title\n\nSome text '), ...bytes, 0x0a])
    const cases: [string, number[]][] = [
      ['latin1.md', [0x63, 0x61, 0x66, 0xe9]],
      ['overlong.md', [0xc0, 0xaf]],
      ['surrogate.md', [0xed, 0xa0, 0x80]],
      ['cut-multibyte.md', [0xe2, 0x82]],
      ['ff.md', [0xff, 0xfe]],
      ['beyond-unicode.md', [0xf4, 0x90, 0x80, 0x80]],
    ]
    for (const [name, bytes] of cases) await writeFile(join(dir, name), text(bytes))
    for (const [name] of cases) await expectHandled(name, { message: /not UTF-8/ })
  }, 60_000)

  // Nesting past MAX_NESTING (core/markdown/nesting.ts) is refused before parsing, naming the line.
  it('lists and quotes nested 10,000 deep end quickly in a clear error naming the line', async () => {
    await writeFile(join(dir, 'quotes.md'), `# Deep\n\n${'>'.repeat(10_000)} the bottom\n`)
    await writeFile(join(dir, 'lists.md'), `# Deep\n\n${'- '.repeat(10_000)}the bottom\n`)
    await writeFile(join(dir, 'ordered.md'), `# Deep\n\n${'1. '.repeat(10_000)}the bottom\n`)
    await writeFile(join(dir, 'mixed.md'), `# Deep\n\n${'> - '.repeat(5_000)}the bottom\n`)
    for (const name of ['quotes.md', 'lists.md', 'ordered.md', 'mixed.md']) {
      const run = await expectHandled(name, { timeoutMs: 20_000, message: /:3: nesting deeper than 100 levels/ })
      expect(run.ms, name).toBeLessThan(20_000)
    }
  }, 120_000)

  it('a 50 MB Markdown file ends in a bounded time and heap, in a clear error or a correct export', async () => {
    const chunk = (n: number) => `## Section ${n}\n\nThe churn model is retrained **weekly** on the last _90 days_ of [events](https://example.com/${n}).\n\n- item one ${n}\n- item two\n\n| a | b |\n|---|---|\n| ${n} | x |\n\n`
    const parts: string[] = ['---\ntitle: Big\n---\n\n']
    let size = 0
    for (let n = 0; size < 50 * 1024 * 1024; n++) {
      const piece = chunk(n)
      parts.push(piece)
      size += piece.length
    }
    await writeFile(join(dir, 'big.md'), parts.join(''))
    const run = await expectHandled('big.md', { readable: true, timeoutMs: 120_000 })
    console.log(`50 MB Markdown: exit ${run.status} in ${Math.round(run.ms / 1000)} s with a ${HEAP_MB} MB heap: ${run.stderr.trim() || 'exported'}`)
  }, 180_000)
})

describe('broken templates', () => {
  it('each broken template is named with what is wrong, and nothing is written', async () => {
    const templates = join(dir, 'templates')
    const good = await readFile(join(ROOT, 'templates/ml-engineering-document/en.md'), 'utf8')
    const broken: [string, string | Uint8Array][] = [
      ['unclosed-front-matter', good.replace(/\n---\n/, '\n')],
      ['bad-yaml', good.replace(/^title: .*$/m, 'title: [unclosed')],
      ['unknown-block', `${good}\n<!-- mldoc:nonsense v1 -->\n\nx\n`],
      ['newer-block', good.replace(/<!-- mldoc:([a-z-]+) v1 -->/, '<!-- mldoc:$1 v99 -->')],
      ['empty', ''],
      ['binary', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0, 0])],
      ['wrong-template-id', good.replace(/^template: .*$/m, 'template: something-else')],
    ]
    for (const [id, text] of broken) {
      await mkdir(join(templates, id), { recursive: true })
      await writeFile(join(templates, id, 'en.md'), text)
    }
    const env = { MLDOC_TEMPLATES_DIR: templates }
    for (const [id] of broken) {
      const before = (await readdir(dir)).sort()
      const run = mldoc(['new', '--template', id, '-o', `${id}.mldoc`], { env })
      const what = `${id}: exit ${run.status} ${run.stderr}`
      expect(run.status, what).toBe(2)
      expect(run.stderr, what).toMatch(/^mldoc: /)
      expect(run.stderr, what).toContain('en.md')
      expect(run.stderr, what).not.toMatch(STACK_TRACE)
      expect((await readdir(dir)).sort(), what).toEqual(before)
    }
    const list = mldoc(['templates'], { env })
    expect(list.status, list.stderr).toBe(2)
    expect(list.stderr).toMatch(/^mldoc: .*en\.md/)
    expect(list.stderr).not.toMatch(STACK_TRACE)
  }, 120_000)
})
