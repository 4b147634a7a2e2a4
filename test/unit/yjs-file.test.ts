import { readFileSync } from 'node:fs'
import { deflateSync, inflateSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyMeta } from '../../core/document/meta.js'
import { emptyBlockJSON } from '../../core/blocks/define.js'
import { blockSpec } from '../../core/blocks/registry.js'
import { mldocSchema } from '../../core/schema/index.js'
import { crc32 } from '../../core/yjs/crc32.js'
import { createYDoc, readYDoc } from '../../core/yjs/doc.js'
import { decodeMLDocFile, encodeMLDocFile, readMLDocFile } from '../../core/yjs/file.js'
import { MAX_STATE_BYTES, MLDOC_FORMAT_VERSION } from '../../core/yjs/file-format.js'
import { MLDocError } from '../../core/errors.js'
import { decodeMLDocFileNatively } from '../../renderer/document/decode.js'

function sampleDoc() {
  const body = mldocSchema().nodeFromJSON({
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Churn' }] },
      emptyBlockJSON(blockSpec('metric'), 'en'),
      emptyBlockJSON(blockSpec('maturityAssessment'), 'uz'),
    ],
  })
  return { meta: { ...emptyMeta('en'), title: 'Churn' }, body }
}

/** A format-2 file around `stored` with a right checksum, and the given header fields. */
function formatTwo(stored: Uint8Array, stateLength: number, method = 1): Uint8Array {
  const out = new Uint8Array(20 + stored.length)
  out.set(new TextEncoder().encode('MLDOC\n'))
  out[6] = 2
  out[7] = method
  const view = new DataView(out.buffer)
  view.setUint32(8, stored.length)
  view.setUint32(12, crc32(stored))
  view.setUint32(16, stateLength)
  out.set(stored, 20)
  return out
}

/**
 * A raw DEFLATE stream that expands to `1 + 258 * copies` zero bytes: one fixed-Huffman block
 * holding a literal 0 and then `copies` back-references of length 258 at distance 1 (13 bits
 * each, a ratio of about 159:1), written by hand so that a bomb of gigabytes costs little to make.
 */
function deflateBomb(copies: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((3 + 8 + 13 * copies + 7) / 8) + 4)
  let at = 0
  let bits = 0
  let used = 0
  const write = (value: number, count: number) => {
    bits |= value << used
    used += count
    while (used >= 8) {
      out[at++] = bits & 0xff
      bits >>>= 8
      used -= 8
    }
  }
  /** A Huffman code goes in most significant bit first. */
  const code = (value: number, count: number) => {
    let reversed = 0
    for (let i = 0; i < count; i++) reversed |= ((value >> i) & 1) << (count - 1 - i)
    return reversed
  }
  const copy = code(0b11000101, 8) | (code(0, 5) << 8) // length 258 (symbol 285), distance 1
  write(1, 1) // last block
  write(1, 2) // fixed Huffman codes
  write(code(0b00110000, 8), 8) // literal 0
  for (let i = 0; i < copies; i++) write(copy, 13)
  write(0, 7) // end of block (symbol 256)
  write(0, 7)
  return out.subarray(0, at)
}

/**
 * Expects both decoders, `decodeMLDocFile` (fflate) and the editor's `decodeMLDocFileNatively`
 * (the platform's DEFLATE decoder), to refuse `bytes` with an MLDocError naming the file and
 * matching `message` (`native` where the platform's decoder words a damaged stream its own way).
 */
async function expectRefused(bytes: Uint8Array, message: RegExp, native = message): Promise<void> {
  const refusal = async (decode: () => unknown) => {
    try {
      await decode()
    } catch (error) {
      return error
    }
    return null
  }
  for (const [error, expected] of [[await refusal(() => decodeMLDocFile(bytes, 'doc.mldoc')), message], [await refusal(() => decodeMLDocFileNatively(bytes, 'doc.mldoc')), native]] as const) {
    expect(error).toBeInstanceOf(MLDocError)
    expect((error as MLDocError).message).toMatch(/^doc\.mldoc: /)
    expect((error as MLDocError).message).toMatch(expected)
  }
}

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`fixtures/${name}`, import.meta.url)))

describe('.mldoc files', () => {
  it('round-trips a document through the file format', () => {
    const doc = sampleDoc()
    const bytes = encodeMLDocFile(createYDoc(doc))
    const back = readMLDocFile(bytes, 'a.mldoc').doc
    expect(back.body.eq(doc.body)).toBe(true)
    expect(back.meta).toEqual(doc.meta)
  })

  it('writes format 2: the DEFLATE-compressed state after a 20-byte header that gives its lengths and checksum', () => {
    const ydoc = createYDoc(sampleDoc())
    const bytes = encodeMLDocFile(ydoc)
    const state = Y.encodeStateAsUpdateV2(ydoc)
    const view = new DataView(bytes.buffer, bytes.byteOffset)
    expect(new TextDecoder().decode(bytes.subarray(0, 6))).toBe('MLDOC\n')
    expect([bytes[6], bytes[7]]).toEqual([MLDOC_FORMAT_VERSION, 1])
    expect(MLDOC_FORMAT_VERSION).toBe(2)
    expect(view.getUint32(8)).toBe(bytes.length - 20)
    expect(view.getUint32(12)).toBe(crc32(bytes.subarray(20)))
    expect(view.getUint32(16)).toBe(state.length)
    expect(bytes.length).toBeLessThan(state.length / 2)
  })

  it('opens a format-1 file as MLDoc 0.1 wrote it, and saves it again as format 2 with the same content', () => {
    const bytes = fixture('format-1.mldoc')
    const expected = JSON.parse(readFileSync(new URL('fixtures/format-1.json', import.meta.url), 'utf8'))
    expect(bytes[6]).toBe(1)
    const { ydoc, doc } = readMLDocFile(bytes, 'format-1.mldoc')
    expect(doc.body.eq(mldocSchema().nodeFromJSON(expected.body))).toBe(true)
    expect(doc.meta).toEqual(expected.meta)
    const saved = encodeMLDocFile(ydoc)
    expect(saved[6]).toBe(2)
    const again = readMLDocFile(saved, 'saved.mldoc')
    expect(again.doc.body.eq(doc.body)).toBe(true)
    expect(again.doc.meta).toEqual(doc.meta)
    expect(Y.encodeStateAsUpdateV2(again.ydoc)).toEqual(Y.encodeStateAsUpdateV2(ydoc))
  })

  it('decodes format 1 and 2 files natively (the editor\'s way) to the same state as fflate', async () => {
    // A body of many blocks: its state spans several chunks of the platform's decoder.
    const body = mldocSchema().nodeFromJSON({
      type: 'doc',
      content: Array.from({ length: 1600 }, (_, i) => i % 4 === 0 ? emptyBlockJSON(blockSpec('risk'), 'en') : { type: 'paragraph', content: [{ type: 'text', text: `Paragraph ${i}: ${'recall '.repeat(i % 40 + 1)}` }] }),
    })
    const big = encodeMLDocFile(createYDoc({ meta: { ...emptyMeta('en'), title: 'Big' }, body }))
    expect(new DataView(big.buffer, big.byteOffset).getUint32(16)).toBeGreaterThan(256 * 1024)
    for (const bytes of [big, encodeMLDocFile(createYDoc(sampleDoc())), fixture('format-1.mldoc')]) {
      const natively = await decodeMLDocFileNatively(bytes, 'doc.mldoc')
      expect(Y.encodeStateAsUpdateV2(natively)).toEqual(Y.encodeStateAsUpdateV2(decodeMLDocFile(bytes, 'doc.mldoc')))
    }
  })

  it('gives the same bytes for the same state: twice, from a copy of the Y.Doc, and after opening the file', () => {
    const ydoc = createYDoc(sampleDoc())
    const bytes = encodeMLDocFile(ydoc)
    expect(encodeMLDocFile(ydoc)).toEqual(bytes)
    const copy = new Y.Doc()
    Y.applyUpdateV2(copy, Y.encodeStateAsUpdateV2(ydoc))
    expect(encodeMLDocFile(copy)).toEqual(bytes)
    expect(encodeMLDocFile(decodeMLDocFile(bytes, 'a.mldoc'))).toEqual(bytes)
    ydoc.getMap('meta').set('title', 'Changed')
    expect(encodeMLDocFile(ydoc)).not.toEqual(bytes)
  })

  it('refuses foreign, truncated, damaged and newer files with a message naming the file', async () => {
    const bytes = encodeMLDocFile(createYDoc(sampleDoc()))
    const v1 = fixture('format-1.mldoc')
    const cases: [Uint8Array, RegExp][] = [
      [new TextEncoder().encode('# just markdown'), /not an MLDoc file/],
      [bytes.subarray(0, 6), /truncated: its header is incomplete/],
      [bytes.subarray(0, 10), /truncated: its header is incomplete/],
      [bytes.subarray(0, 19), /truncated: its header is incomplete/],
      [v1.subarray(0, 15), /truncated: its header is incomplete/],
      [bytes.subarray(0, bytes.length - 3), /truncated: \d+ of \d+ bytes/],
      [v1.subarray(0, v1.length - 3), /truncated: \d+ of \d+ bytes/],
      [Uint8Array.from([...bytes, 1, 2]), /2 unexpected bytes/],
      [(() => { const b = bytes.slice(); b[40] = b[40]! ^ 0xff; return b })(), /damaged: its checksum/],
      [(() => { const b = v1.slice(); b[40] = b[40]! ^ 0xff; return b })(), /damaged: its checksum/],
      [(() => { const b = bytes.slice(); b[6] = 9; return b })(), /format 9, made by a newer MLDoc; this one reads formats 1 to 2/],
      [(() => { const b = bytes.slice(); b[6] = 0; return b })(), /damaged \(format version 0\)/],
    ]
    for (const [input, message] of cases) await expectRefused(input, message)
  })

  it('refuses a format-2 state that cannot be decompressed, or is not the length its header gives', async () => {
    const state = Y.encodeStateAsUpdateV2(createYDoc(sampleDoc()))
    const stored = deflateSync(state)
    await expectRefused(formatTwo(stored, state.length, 2), /compression method 2, which this MLDoc does not know/)
    await expectRefused(formatTwo(stored, state.length, 0), /compression method 0/)
    await expectRefused(formatTwo(stored.subarray(0, stored.length >> 1), state.length), /cannot be decompressed \(unexpected EOF\)/, /cannot be decompressed/)
    await expectRefused(formatTwo(Uint8Array.from([0xff, 0xff, 0xff, 0xff]), state.length), /cannot be decompressed \(invalid/, /cannot be decompressed/)
    await expectRefused(formatTwo(stored, state.length + 1), new RegExp(`decompresses to ${state.length} bytes, but its header gives ${state.length + 1}`))
    await expectRefused(formatTwo(stored, state.length - 1), new RegExp(`more than the ${state.length - 1} bytes its header gives`))
    await expectRefused(formatTwo(stored, 0), /more than the 0 bytes/)
    await expectRefused(formatTwo(deflateSync(Uint8Array.from({ length: 300 }, (_, i) => (i * 7919) % 251)), 300), /cannot be decoded/)
  })

  it('stops a decompression bomb early and refuses a state over the size limit before decompressing', async () => {
    const small = inflateSync(deflateBomb(1000))
    expect([small.length, small.some((byte) => byte !== 0)]).toEqual([1 + 258 * 1000, false])
    // 1.6 MB that would expand to 256 MiB; the header says 1 KiB. Inflating it all takes seconds.
    const bomb = formatTwo(deflateBomb(Math.ceil(2 ** 28 / 258)), 1024)
    const started = performance.now()
    await expectRefused(bomb, /more than the 1024 bytes its header gives \(damaged, or a decompression bomb\)/)
    expect(performance.now() - started).toBeLessThan(1000)
    await expectRefused(formatTwo(deflateSync(new Uint8Array(16)), MAX_STATE_BYTES + 1), /would be 64\.0 MiB once decompressed, more than the 64 MiB MLDoc opens/)
    await expectRefused(formatTwo(deflateSync(new Uint8Array(16)), 0xffffffff), /would be 4096\.0 MiB once decompressed/)
  })

  it('refuses to write a state larger than it would open', () => {
    const ydoc = new Y.Doc()
    ydoc.getMap('attachment').set('blob', new Uint8Array(MAX_STATE_BYTES + 1))
    expect(() => encodeMLDocFile(ydoc)).toThrow(MLDocError)
    expect(() => encodeMLDocFile(ydoc)).toThrow(/too big to save: its state is 64\.0 MiB, more than the 64 MiB an \.mldoc file holds/)
  })

  it('reads the document back from the Y.Doc with the header in canonical order', () => {
    const ydoc = createYDoc(sampleDoc())
    expect(Object.keys(readYDoc(ydoc).meta)).toEqual(['title', 'template', 'lang', 'status', 'version', 'authors', 'reviewers', 'signoff', 'extra'])
  })
})
