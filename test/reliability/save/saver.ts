// A process that saves one document over and over, as MLDoc's autosave does, until it is killed:
// `node saver.mjs FILE FIRST_VERSION`. Each save writes the whole .mldoc file with
// writeFileAtomic, the document's header version set to the save's number, and prints
// `saved N` once the save has returned. Bundled by crash-save.test.ts.
import { emptyMeta } from '../../../core/document/meta.js'
import { mldocSchema } from '../../../core/schema/index.js'
import { createYDoc, readMeta, writeMeta } from '../../../core/yjs/doc.js'
import { encodeMLDocFile } from '../../../core/yjs/file.js'
import { writeFileAtomic } from '../../../node/files.js'

const [path, first] = process.argv.slice(2)
if (!path || !first) throw new Error('usage: saver FILE FIRST_VERSION')

/** Random-looking words (a fixed xorshift sequence), which DEFLATE cannot shrink much. */
let state = 0x9e3779b9
function next(): number {
  state ^= state << 13
  state ^= state >>> 17
  state ^= state << 5
  return state >>> 0
}
function word(): string {
  let out = ''
  for (let length = 2 + (next() % 7); length > 0; length--) out += String.fromCharCode(97 + (next() % 26))
  return out
}

/**
 * A document whose .mldoc file is about 33 kB (the file is compressed, so the text is random
 * words): a save is then mostly writing and syncing, and the kills land in every phase of it.
 */
const body = mldocSchema().nodeFromJSON({
  type: 'doc',
  content: Array.from({ length: 600 }, (_, i) => ({ type: 'paragraph', content: [{ type: 'text', text: `Paragraph ${i}: ${Array.from({ length: 12 }, word).join(' ')}.` }] })),
})
const ydoc = createYDoc({ meta: emptyMeta(), body })
// The first encodings compile the compressor (a few hundred milliseconds): do them before the
// first save, so the kills, timed from it, land in save cycles as they run from then on.
for (let i = 0; i < 5; i++) encodeMLDocFile(ydoc)

for (let version = Number(first); ; version++) {
  writeMeta(ydoc, { ...readMeta(ydoc), version: String(version) })
  await writeFileAtomic(path, encodeMLDocFile(ydoc))
  process.stdout.write(`saved ${version}\n`)
}
