import { Editor } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import * as Y from 'yjs'
import { emptyBlockJSON } from '../../../core/blocks/define.js'
import { BLOCKS } from '../../../core/blocks/registry.js'
import { emptyMeta } from '../../../core/document/meta.js'
import { mldocExtensions, mldocSchema } from '../../../core/schema/index.js'
import { BODY_FRAGMENT, META_MAP, seedYDoc } from '../../../core/yjs/doc.js'
import { seededRandom } from '../../collab/fixtures.js'
import { randomEdit } from '../convergence/edits.js'

type Random = () => number

/** A document with every structured block, and the state a peer joining it receives. */
export function startingState(): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = 1
  const body = mldocSchema().nodeFromJSON({
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Churn model' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'We predict churn.' }] },
      ...BLOCKS.map(({ spec }) => emptyBlockJSON(spec, 'en')),
    ],
  })
  seedYDoc(doc, { meta: { ...emptyMeta(), title: 'Churn model' }, body })
  return Y.encodeStateAsUpdate(doc)
}

/**
 * Updates an honest peer sends while editing in the real editor (typing, blocks, tables, lists...):
 * each edit's incremental update, plus its whole state now and then (what sync step 2 sends).
 */
export function honestUpdates(start: Uint8Array, seed: number, edits: number): Uint8Array[] {
  const random = seededRandom(seed)
  const ydoc = new Y.Doc()
  ydoc.clientID = 500
  Y.applyUpdate(ydoc, start)
  const out: Uint8Array[] = []
  ydoc.on('update', (update: Uint8Array) => out.push(update))
  const editor = new Editor({
    element: document.createElement('div'),
    extensions: [...mldocExtensions({ starterKit: { undoRedo: false } }), Collaboration.configure({ document: ydoc, field: BODY_FRAGMENT })],
  })
  try {
    for (let i = 0; i < edits; i++) {
      randomEdit({ editor, ydoc, random })
      if (i % 10 === 9) out.push(Y.encodeStateAsUpdate(ydoc))
    }
  } finally {
    editor.destroy()
  }
  return out
}

/** Updates that are well formed but put what MLDoc cannot hold into the document, made with Yjs directly. */
export function illFormedUpdates(start: Uint8Array): Uint8Array[] {
  const edits: ((doc: Y.Doc) => void)[] = [
    (doc) => doc.getXmlFragment(BODY_FRAGMENT).insert(0, [new Y.XmlElement('script')]),
    (doc) => doc.getXmlFragment(BODY_FRAGMENT).insert(1, [new Y.XmlText('<img src=x onerror=alert(1)>')]),
    (doc) => (doc.getXmlFragment(BODY_FRAGMENT).get(1) as Y.XmlElement).insert(0, [new Y.XmlElement('iframe')]),
    (doc) => ((doc.getXmlFragment(BODY_FRAGMENT).get(1) as Y.XmlElement).get(0) as Y.XmlText).format(0, 3, { onclick: { code: 'alert(1)' } }),
    (doc) => doc.getMap(META_MAP).set('title', { toString: 'alert(1)' }),
    (doc) => doc.getMap(META_MAP).set('lang', 'fr'),
    (doc) => doc.getXmlFragment(BODY_FRAGMENT).delete(0, doc.getXmlFragment(BODY_FRAGMENT).length),
    (doc) => (doc.getXmlFragment(BODY_FRAGMENT).get(2) as Y.XmlElement).delete(0, 1),
    (doc) => (doc.getXmlFragment(BODY_FRAGMENT).get(2) as Y.XmlElement).insert(0, [new Y.XmlElement('paragraph')]),
    (doc) => doc.getArray('other').insert(0, [1, 2, 3]),
  ]
  return edits.map((edit) => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, start)
    const before = Y.encodeStateVector(doc)
    edit(doc)
    return Y.encodeStateAsUpdate(doc, before)
  })
}

function int(random: Random, below: number): number {
  return Math.floor(random() * below)
}

function randomBytes(random: Random, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => int(random, 256))
}

/** A variable-length unsigned integer as lib0 writes it. */
function varUint(value: number): number[] {
  const out: number[] = []
  while (value > 0x7f) {
    out.push(0x80 | (value & 0x7f))
    value = Math.floor(value / 128)
  }
  out.push(value)
  return out
}

/** How a hostile update was made from honest ones. */
export type Damage = 'random' | 'truncated' | 'bit-flipped' | 'byte-set' | 'inserted' | 'spliced' | 'v2-as-v1' | 'huge-count' | 'ill-formed' | 'repeated'

/** One hostile update: random bytes, or an honest (or ill-formed) update damaged in one of several ways. */
export function hostileUpdate(random: Random, honest: readonly Uint8Array[], illFormed: readonly Uint8Array[]): { damage: Damage; bytes: Uint8Array } {
  const base = honest[int(random, honest.length)]!
  const roll = random()
  if (roll < 0.08) return { damage: 'random', bytes: randomBytes(random, int(random, 300)) }
  if (roll < 0.25) return { damage: 'truncated', bytes: base.slice(0, int(random, base.length)) }
  if (roll < 0.55) {
    const bytes = base.slice()
    const flips = 1 + int(random, 4)
    for (let i = 0; i < flips; i++) {
      const at = int(random, bytes.length)
      bytes[at] = bytes[at]! ^ (1 << int(random, 8))
    }
    return { damage: 'bit-flipped', bytes }
  }
  if (roll < 0.65) {
    const bytes = base.slice()
    bytes[int(random, bytes.length)] = [0, 0x7f, 0x80, 0xff][int(random, 4)]!
    return { damage: 'byte-set', bytes }
  }
  if (roll < 0.72) {
    const at = int(random, base.length + 1)
    return { damage: 'inserted', bytes: Uint8Array.from([...base.subarray(0, at), ...randomBytes(random, 1 + int(random, 8)), ...base.subarray(at)]) }
  }
  if (roll < 0.8) {
    const other = honest[int(random, honest.length)]!
    return { damage: 'spliced', bytes: Uint8Array.from([...base.subarray(0, int(random, base.length)), ...other.subarray(int(random, other.length))]) }
  }
  if (roll < 0.84) return { damage: 'v2-as-v1', bytes: Y.convertUpdateFormatV1ToV2(base) }
  if (roll < 0.9) {
    // A count claiming billions of structs or clients, in front of a few bytes.
    const count = [2 ** 31, 2 ** 32 - 1, 2 ** 40, 2 ** 53 - 1][int(random, 4)]!
    return { damage: 'huge-count', bytes: Uint8Array.from([...varUint(count), ...base.subarray(1, 1 + int(random, 64))]) }
  }
  if (roll < 0.96) {
    const bytes = illFormed[int(random, illFormed.length)]!.slice()
    if (random() < 0.5) {
      const at = int(random, bytes.length)
      bytes[at] = bytes[at]! ^ (1 << int(random, 8))
    }
    return { damage: 'ill-formed', bytes }
  }
  const from = int(random, base.length)
  const piece = base.subarray(from, from + 1 + int(random, 32))
  const at = int(random, base.length)
  return { damage: 'repeated', bytes: Uint8Array.from([...base.subarray(0, at), ...piece, ...piece, ...base.subarray(at)]) }
}
