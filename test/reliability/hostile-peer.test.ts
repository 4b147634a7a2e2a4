// @vitest-environment jsdom
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Editor } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { mldocUpdateCheck } from '../../core/collab/check.js'
import { createReceivePath } from '../../core/collab/receive.js'
import { mldocExtensions } from '../../core/schema/index.js'
import { BODY_FRAGMENT, META_MAP, readYDoc } from '../../core/yjs/doc.js'
import { seededRandom } from '../collab/fixtures.js'
import { budget, SOAK, trials } from './counts.js'
import { honestUpdates, hostileUpdate, illFormedUpdates, startingState, type Damage } from './hostile/updates.js'

/**
 * Item 2 of the reliability issue: a hostile peer. Random, truncated, bit-flipped, spliced and
 * ill-formed updates go through the receive path the app puts in front of every shared document
 * (`createReceivePath` with `mldocUpdateCheck`, as `renderer/collab/session.ts` and
 * `node/peer/peer.ts` set it up), into a live Y.Doc bound to a real editor. None may crash it,
 * take a second, or leave part of itself in the live document.
 */

const TOTAL = trials(2_000, 10_000)
/** Hostile updates sent into one live document before starting a fresh one. */
const PER_SESSION = 500
const SLOW_MS = 1000

/** Origin of updates from the network. */
const REMOTE = Symbol('hostile peer')

/** Everything that identifies what a document holds: what it has seen, its deletions, body and header. */
function fingerprint(doc: Y.Doc): string {
  return JSON.stringify({
    sv: [...Y.encodeStateVector(doc)],
    body: doc.getXmlFragment(BODY_FRAGMENT).toJSON(),
    meta: doc.getMap(META_MAP).toJSON(),
  })
}

/** Whether a document holds parts of updates back, waiting for what they build on: content nobody checked yet. */
function holdsBack(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null
}

interface Tally {
  readonly byDamage: Map<Damage, { sent: number; applied: number }>
  slowest: number
  halfAppliedDirectly: number
}

/**
 * One live document, as a peer has it open: Y.Doc, editor, receive path. A reference copy that
 * receives exactly what the receive path let through (and the editor's own repairs) tells what
 * the live document must look like after each update.
 */
function session(start: Uint8Array, random: () => number, honest: Uint8Array[], illFormed: Uint8Array[], count: number, tally: Tally): void {
  const live = new Y.Doc()
  live.clientID = 7
  Y.applyUpdate(live, start)
  const reference = new Y.Doc()
  Y.applyUpdate(reference, start)
  live.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(reference, update)
  })
  const dropped: string[] = []
  const path = createReceivePath(live, { check: mldocUpdateCheck(), onDrop: ({ reason }) => dropped.push(reason) })
  const editor = new Editor({
    element: document.createElement('div'),
    extensions: [...mldocExtensions({ starterKit: { undoRedo: false } }), Collaboration.configure({ document: live, field: BODY_FRAGMENT })],
  })
  // An honest peer that keeps typing between the hostile updates.
  const friend = new Y.Doc()
  friend.clientID = 8
  Y.applyUpdate(friend, start)

  try {
    for (let i = 0; i < count; i++) {
      const { damage, bytes } = hostileUpdate(random, honest, illFormed)
      const before = fingerprint(live)
      const dropsBefore = dropped.length

      // What a plain Y.applyUpdate would do to a copy: the failure the receive path exists for.
      const control = new Y.Doc()
      Y.applyUpdate(control, Y.encodeStateAsUpdate(live))
      const controlBefore = fingerprint(control)
      try {
        Y.applyUpdate(control, bytes)
      } catch {
        if (fingerprint(control) !== controlBefore) tally.halfAppliedDirectly++
      }

      const started = performance.now()
      const liveState = Y.encodeStateAsUpdate(live)
      let applied: boolean
      try {
        applied = path.receive(bytes, REMOTE)
      } catch (error) {
        const saved = join(tmpdir(), `mldoc-hostile-${Date.now()}.json`)
        writeFileSync(saved, JSON.stringify({ live: Buffer.from(liveState).toString('base64'), update: Buffer.from(bytes).toString('base64') }))
        throw new Error(`the receive path threw on a ${damage} update (${(error as Error).stack}); the live state and the update are in ${saved}`)
      }
      const took = performance.now() - started
      tally.slowest = Math.max(tally.slowest, took)
      expect(took, `a ${damage} update took ${Math.round(took)} ms: ${Buffer.from(bytes).toString('base64')}`).toBeLessThan(SLOW_MS)

      const counts = tally.byDamage.get(damage) ?? { sent: 0, applied: 0 }
      counts.sent++
      tally.byDamage.set(damage, counts)
      expect(holdsBack(live), `a ${damage} update left unchecked parts waiting in the live document`).toBe(false)
      if (!applied) {
        expect(dropped.length, 'a dropped update is reported').toBe(dropsBefore + 1)
        expect(fingerprint(live), `a dropped ${damage} update left a trace in the live document`).toBe(before)
        continue
      }
      counts.applied++
      // Let through: then all of what a plain apply on an intact copy takes in (parts that wait for
      // content not yet received wait outside the live document).
      Y.applyUpdate(reference, bytes)
      expect(fingerprint(live), `a ${damage} update was applied in part`).toBe(fingerprint(reference))
      expect(() => readYDoc(live), `a ${damage} update let through leaves a document MLDoc cannot read`).not.toThrow()

      if (i % 25 === 24) {
        // The honest peer's typing still gets through.
        Y.applyUpdate(friend, Y.encodeStateAsUpdate(live, Y.encodeStateVector(friend)))
        const sv = Y.encodeStateVector(friend)
        const paragraph = new Y.XmlElement('paragraph')
        paragraph.insert(0, [new Y.XmlText(`honest ${i}`)])
        friend.getXmlFragment(BODY_FRAGMENT).insert(0, [paragraph])
        expect(path.receive(Y.encodeStateAsUpdate(friend, sv), REMOTE), 'an honest update after hostile ones').toBe(true)
        Y.applyUpdate(reference, Y.encodeStateAsUpdate(friend, sv))
      }
    }
    // The editor still follows the live document: it shows the honest peer's latest paragraph.
    // The editor still follows the live document (it may pad a ragged table, which adds no text).
    expect(editor.state.doc.textContent).toBe(readYDoc(live).body.textContent)
  } finally {
    editor.destroy()
    path.destroy()
  }
}

describe('a hostile peer', () => {
  it(`cannot crash, stall or half-change the live document with ${TOTAL} damaged updates`, () => {
    const start = startingState()
    const honest = honestUpdates(start, 42, 120)
    const illFormed = illFormedUpdates(start)
    const random = seededRandom(20261126)
    const tally: Tally = { byDamage: new Map(), slowest: 0, halfAppliedDirectly: 0 }
    const warn = console.warn
    console.warn = () => undefined
    try {
      for (let sent = 0; sent < TOTAL; sent += PER_SESSION) session(start, random, honest, illFormed, Math.min(PER_SESSION, TOTAL - sent), tally)
    } finally {
      console.warn = warn
    }
    const lines = [...tally.byDamage].sort().map(([damage, { sent, applied }]) => `${damage} ${sent} (${applied} let through)`)
    console.log(`hostile peer${SOAK ? ' (soak)' : ''}: ${TOTAL} updates, slowest ${tally.slowest.toFixed(1)} ms; ${tally.halfAppliedDirectly} would have been half-applied by a plain Y.applyUpdate; ${lines.join(', ')}`)
    // The test proves something only if the damage really reaches the cases the receive path exists for.
    expect(tally.halfAppliedDirectly).toBeGreaterThan(0)
  }, budget(TOTAL, 10))
})
