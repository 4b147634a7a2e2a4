import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { mldocUpdateCheck } from '../../core/collab/check.js'
import { createReceivePath, type DroppedUpdate } from '../../core/collab/receive.js'
import { firstParagraphText, seededPeers } from './fixtures.js'

/**
 * The receive path's scratch copy follows the live document's own changes after the work that
 * made them (so a keystroke reaches the peers first) and at the latest when the next update
 * arrives; what the live document took in through the path is not applied to it again, but
 * changes its observers make meanwhile are followed.
 */

function fingerprint(doc: Y.Doc): string {
  return JSON.stringify({ sv: [...Y.encodeStateVector(doc)], body: doc.getXmlFragment('default').toJSON(), meta: doc.getMap('meta').toJSON() })
}

/** Sends `to` everything `from` has that `to` has not, as one update. */
const missing = (from: Y.Doc, to: Y.Doc): Uint8Array => Y.encodeStateAsUpdate(from, Y.encodeStateVector(to))

describe('the receive path following the live document', () => {
  it('admits a peer’s update that builds on a local change made just before, in the same task', () => {
    const [live, peer] = seededPeers(2) as [Y.Doc, Y.Doc]
    const dropped: DroppedUpdate[] = []
    const path = createReceivePath(live, { check: mldocUpdateCheck(), onDrop: (d) => dropped.push(d) })
    for (let i = 0; i < 5; i++) {
      firstParagraphText(live).insert(0, `local ${i} `)
      Y.applyUpdate(peer, missing(live, peer))
      // The peer types right after the local text; its update needs the local change.
      firstParagraphText(peer).insert(`local ${i} `.length, `peer ${i} `)
      expect(path.receive(missing(peer, live), 'peer'), `round ${i}`).toBe(true)
      expect(fingerprint(live), `round ${i}`).toBe(fingerprint(peer))
    }
    expect(dropped).toEqual([])
    expect(firstParagraphText(live).toString()).toMatch(/^local 4 peer 4 local 3 peer 3 /)
    path.destroy()
  })

  it('follows what the live document’s observers write while it takes in a peer’s update', async () => {
    const [live, peer] = seededPeers(2) as [Y.Doc, Y.Doc]
    const path = createReceivePath(live, { check: mldocUpdateCheck(), onDrop: () => undefined })
    // An observer that answers each change from a peer with a change of its own (as a repair or a
    // header field written back would).
    let answers = 0
    live.getXmlFragment('default').observeDeep((_, transaction) => {
      if (transaction.origin === 'peer') live.transact(() => live.getMap('meta').set('version', `0.${++answers}`))
    })
    for (let i = 0; i < 3; i++) {
      firstParagraphText(peer).insert(0, `peer ${i} `)
      expect(path.receive(missing(peer, live), 'peer')).toBe(true)
      await Promise.resolve()
      Y.applyUpdate(peer, missing(live, peer))
      // The peer's next update builds on the observer's change.
      peer.getMap('meta').set('version', `${i}.9`)
      expect(path.receive(missing(peer, live), 'peer')).toBe(true)
      expect(fingerprint(live), `round ${i}`).toBe(fingerprint(peer))
    }
    expect(live.getMap('meta').get('version')).toBe('2.9')
    path.destroy()
  })
})
