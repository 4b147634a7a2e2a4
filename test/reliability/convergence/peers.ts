import { Editor, type JSONContent } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import { vi } from 'vitest'
import * as Y from 'yjs'
import { emptyBlockJSON } from '../../../core/blocks/define.js'
import { BLOCKS } from '../../../core/blocks/registry.js'
import { mldocUpdateCheck } from '../../../core/collab/check.js'
import { createReceivePath, type ReceivePath } from '../../../core/collab/receive.js'
import { emptyMeta } from '../../../core/document/meta.js'
import { exportMarkdown } from '../../../core/markdown/index.js'
import { mldocExtensions, mldocSchema } from '../../../core/schema/index.js'
import { BODY_FRAGMENT, readMeta, readYDoc, seedYDoc } from '../../../core/yjs/doc.js'
import { encodeMLDocFile, readMLDocFile } from '../../../core/yjs/file.js'
import { seededRandom } from '../../collab/fixtures.js'
import { randomEdit } from './edits.js'
import { Network } from './network.js'

/** Origin of updates that arrived from the network, so they are not sent on again. */
const REMOTE = Symbol('from the network')

/** How one seeded run went. */
export interface RunReport {
  readonly seed: number
  /** Why the peers did not end up with the same document, or null when they did. */
  readonly failure: string | null
  /** The edits made, peer by peer, for replaying a failure by eye. */
  readonly trace: readonly string[]
  readonly edits: number
  readonly delivered: number
  readonly duplicated: number
  readonly partitions: number
}

/** Shape of a run: how many peers, and how many rounds of edits and deliveries. */
export interface RunShape {
  readonly peers: number
  readonly rounds: number
}

export const DEFAULT_SHAPE: RunShape = { peers: 4, rounds: 20 }

/** An editor bound to its own Y.Doc, as each person's MLDoc window is. */
function editorFor(ydoc: Y.Doc): Editor {
  return new Editor({
    element: document.createElement('div'),
    extensions: [...mldocExtensions({ starterKit: { undoRedo: false } }), Collaboration.configure({ document: ydoc, field: BODY_FRAGMENT })],
  })
}

/**
 * The document everyone starts from: ordinary content and one or two structured blocks picked by
 * the seed (small, because the editor binding rebuilds the whole document on every remote change).
 */
function startingDocument(random: () => number): JSONContent {
  const count = random() < 0.5 ? 1 : 2
  const blocks = Array.from({ length: count }, () => emptyBlockJSON(BLOCKS[Math.floor(random() * BLOCKS.length)]!.spec, 'en'))
  return {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Problem framing' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'We predict ' }, { type: 'text', text: 'churn', marks: [{ type: 'bold' }] }, { type: 'text', text: ' weekly.' }] },
      { type: 'bulletList', content: ['Data', 'Model'].map((text) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })) },
      {
        type: 'table',
        content: [['Metric', 'Target'], ['Recall', '0.8']].map((row, r) => ({
          type: 'tableRow',
          content: row.map((text) => ({ type: r === 0 ? 'tableHeader' : 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })),
        })),
      },
      ...blocks,
    ],
  }
}

/** Lets timers the editor binding set (its first render) run. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

function stable(json: unknown): string {
  return JSON.stringify(json)
}

/** Where two JSON values first differ, as a path and the two values there (for failure messages). */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (stable(a) === stable(b)) return null
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
    for (const key of keys) {
      const inner = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}/${key}`)
      if (inner) return inner
    }
  }
  return `at ${path || '/'}: ${stable(a)?.slice(0, 300)} <> ${stable(b)?.slice(0, 300)}`
}

/**
 * One seeded run: `shape.peers` people edit one document through their own editors while the
 * network misbehaves; then it heals and every copy is compared. Each peer receives updates
 * through the app's receive path (all-or-nothing, checked against the schema), as MLDoc does.
 */
export async function convergenceRun(seed: number, shape: RunShape = DEFAULT_SHAPE): Promise<RunReport> {
  const random = seededRandom(seed)
  const origin = new Y.Doc()
  origin.clientID = 1
  seedYDoc(origin, { meta: { ...emptyMeta(), title: 'Churn model' }, body: mldocSchema().nodeFromJSON(startingDocument(random)) })
  const start = Y.encodeStateAsUpdate(origin)

  const docs: Y.Doc[] = []
  const editors: Editor[] = []
  const receivers: ReceivePath[] = []
  const problems: string[] = []
  const trace: string[] = []
  const network = new Network(shape.peers, random, (to, update) => {
    try {
      receivers[to]!.receive(update, REMOTE)
    } catch (error) {
      problems.push(`peer ${to} threw while taking in an update: ${(error as Error).stack}`)
    }
  })
  // Undo groups edits less than 500 ms apart: the clock advances by seeded steps, so a seed replays exactly.
  vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 10, 26) })
  try {
    for (let i = 0; i < shape.peers; i++) {
      const ydoc = new Y.Doc()
      // Fixed client ids: which concurrent insert goes first depends on them, so a seed replays exactly.
      ydoc.clientID = 100 + i
      Y.applyUpdate(ydoc, start)
      ydoc.on('update', (update: Uint8Array, from: unknown) => {
        if (from !== REMOTE) network.send(i, update)
      })
      docs.push(ydoc)
      receivers.push(createReceivePath(ydoc, { check: mldocUpdateCheck(), onDrop: ({ reason }) => problems.push(`peer ${i} dropped an update: ${reason}`) }))
      editors.push(editorFor(ydoc))
    }
    await settle()

    let edits = 0
    for (let round = 0; round < shape.rounds; round++) {
      const peer = Math.floor(random() * shape.peers)
      const count = 1 + Math.floor(random() * 3)
      for (let k = 0; k < count; k++) {
        vi.setSystemTime(Date.now() + Math.floor(random() * 1200))
        try {
          const done = randomEdit({ editor: editors[peer]!, ydoc: docs[peer]!, random })
          if (done) {
            edits++
            trace.push(`${peer}: ${done}`)
          }
        } catch (error) {
          trace.push(`${peer}: (threw)`)
          problems.push(`peer ${peer}'s editor threw while editing: ${(error as Error).stack}`)
        }
      }
      network.step(1 + Math.floor(random() * 8))
    }
    network.heal()
    await settle()
    network.heal()

    const report = (failure: string | null): RunReport => ({
      seed, failure, trace, edits, delivered: network.delivered, duplicated: network.duplicated, partitions: network.partitions,
    })
    if (problems.length > 0) return report(problems[0]!)
    return report(await compare(docs, editors))
  } finally {
    vi.useRealTimers()
    for (const editor of editors) editor.destroy()
    for (const receiver of receivers) receiver.destroy()
  }
}

/**
 * Why the healed peers differ, or null when they agree: every Y.Doc holds the same state, every
 * editor shows the same document, every Y.Doc reads as the document the editors show (a merge
 * that breaks a content rule is repaired alike by both), everyone exports the same Markdown, and
 * a peer that saves, closes and opens its file again sees and exports the same.
 */
async function compare(docs: Y.Doc[], editors: Editor[]): Promise<string | null> {
  const vectors = docs.map((doc) => stable([...Y.encodeStateVector(doc)]))
  if (vectors.some((v) => v !== vectors[0])) return 'the peers have seen different updates after healing'
  const bodies = docs.map((doc) => doc.getXmlFragment(BODY_FRAGMENT).toJSON())
  if (bodies.some((body) => body !== bodies[0])) return 'the peers\' Y.Docs hold different bodies after healing'
  const firstJSON = editors[0]!.state.doc.toJSON()
  const first = stable(firstJSON)
  for (const [i, editor] of editors.entries()) {
    const json = editor.state.doc.toJSON()
    if (stable(json) !== first) return `peer ${i}'s editor shows a different document from peer 0's, ${firstDifference(json, firstJSON)}`
  }
  for (const [i, ydoc] of docs.entries()) {
    let body
    try {
      body = readYDoc(ydoc, `peer ${i}`).body.toJSON()
    } catch (error) {
      return `peer ${i}'s Y.Doc does not read as a document: ${(error as Error).message}`
    }
    // What is saved and exported from the Y.Doc is what the editor shows (merged states repaired alike).
    if (stable(body) !== first) return `peer ${i}'s Y.Doc reads as a different document from the one its editor shows, ${firstDifference(body, firstJSON)}`
  }
  const markdown = exportMarkdown({ meta: readMeta(docs[0]!), body: editors[0]!.state.doc })
  for (const [i, ydoc] of docs.entries()) {
    if (exportMarkdown({ meta: readMeta(ydoc), body: editors[i]!.state.doc }) !== markdown) return `peer ${i} exports different Markdown from peer 0`
  }

  // A peer that saved, closed and opened its file again.
  let reloaded
  try {
    reloaded = readMLDocFile(encodeMLDocFile(docs[0]!), 'saved.mldoc')
  } catch (error) {
    return `the saved file does not open: ${(error as Error).message}`
  }
  const reopened = editorFor(reloaded.ydoc)
  try {
    await settle()
    const json = reopened.state.doc.toJSON()
    if (stable(json) !== first) return `an editor opened on the saved file shows a different document, ${firstDifference(json, firstJSON)}`
  } finally {
    reopened.destroy()
  }
  if (exportMarkdown(reloaded.doc) !== markdown) {
    return `the saved file exports different Markdown from the editors, ${firstDifference(reloaded.doc.body.toJSON(), firstJSON)}`
  }
  return null
}
