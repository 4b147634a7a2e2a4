import * as Y from 'yjs'
import { MLDocError } from '../../core/errors.js'
import { encodeMLDocFile, readMLDocFile } from '../../core/yjs/file.js'
import { readDocumentFile } from '../../node/documents.js'
import { writeFileAtomic } from '../../node/files.js'
import { expectExtension, expectFiles, parseCommandArgs, requireOption, EXIT, type Command } from '../command.js'

/** Reads one side of a merge, which must be an `.mldoc` file: Markdown carries no edit history. */
async function readCopy(path: string): Promise<Y.Doc> {
  const { ydoc, format } = await readDocumentFile(path)
  if (format !== 'mldoc') throw new MLDocError('file', 'merge needs .mldoc files (Markdown has no edit history to merge); mldoc import makes one', path)
  return ydoc
}

/** Whether two Y.Docs share any history, i.e. are copies of one document rather than two documents. */
function shareHistory(a: Y.Doc, b: Y.Doc): boolean {
  const clientsOfB = Y.decodeStateVector(Y.encodeStateVector(b))
  return [...Y.decodeStateVector(Y.encodeStateVector(a)).keys()].some((client) => clientsOfB.has(client))
}

/** `mldoc merge`: two offline copies of one document as one, keeping both sides' edits. */
export const command: Command = {
  usage: `Usage: mldoc merge A.mldoc B.mldoc -o OUT.mldoc [--force]

Merges two copies of one document that were edited apart (offline, or on two
machines) into OUT.mldoc. Edits from both sides are kept, as if the two had been
editing together; OUT.mldoc may be A.mldoc or B.mldoc.

Options:
  -o, --output OUT.mldoc   the merged .mldoc file (replaced if it exists)
  -f, --force              merge even when A and B share no history (two separate
                           documents): their contents then appear one after the other
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('merge', {
      args,
      options: {
        output: { type: 'string', short: 'o' },
        force: { type: 'boolean', short: 'f', default: false },
      },
      strict: true,
      allowPositionals: true,
    })
    const [a, b] = expectFiles('merge', positionals, ['A.mldoc', 'B.mldoc']) as [string, string]
    const output = expectExtension('merge', requireOption('merge', values.output, '-o OUT.mldoc'), ['.mldoc'], 'an .mldoc file')
    const [copyA, copyB] = [await readCopy(a), await readCopy(b)]
    if (!values.force && !shareHistory(copyA, copyB)) {
      throw new MLDocError('file', `${a} and ${b} are two separate documents, not copies of one (they share no history); merging them would put both contents one after the other (add --force to do it anyway)`)
    }
    const merged = new Y.Doc()
    Y.applyUpdateV2(merged, Y.encodeStateAsUpdateV2(copyA))
    Y.applyUpdateV2(merged, Y.encodeStateAsUpdateV2(copyB))
    const bytes = encodeMLDocFile(merged)
    try {
      readMLDocFile(bytes, output)
    } catch (error) {
      throw new MLDocError('document', `merging ${a} and ${b} gives a document MLDoc cannot read, so nothing was written: ${(error as Error).message}`)
    }
    await writeFileAtomic(output, bytes)
    io.stderr(`Merged ${a} and ${b} into ${output}\n`)
    return EXIT.ok
  },
}
