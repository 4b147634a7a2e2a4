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

/** A document of about 100 kB, so a save takes long enough to be interrupted in every phase. */
const body = mldocSchema().nodeFromJSON({
  type: 'doc',
  content: Array.from({ length: 1000 }, (_, i) => ({ type: 'paragraph', content: [{ type: 'text', text: `Paragraph ${i}: the churn model is retrained weekly on the last 90 days.` }] })),
})
const ydoc = createYDoc({ meta: emptyMeta(), body })

for (let version = Number(first); ; version++) {
  writeMeta(ydoc, { ...readMeta(ydoc), version: String(version) })
  await writeFileAtomic(path, encodeMLDocFile(ydoc))
  process.stdout.write(`saved ${version}\n`)
}
