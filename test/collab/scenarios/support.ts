// Node-side helpers of test/collab/webrtc-scenarios.mjs, bundled by it with esbuild (the runner
// is plain JavaScript so it can run inside the network namespace without a TypeScript loader).
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { writeFileSync } from 'node:fs'
import { exportMarkdown } from '../../../core/markdown/index.js'
import { createYDoc, readYDoc } from '../../../core/yjs/doc.js'
import { encodeMLDocFile } from '../../../core/yjs/file.js'
import { joinRoom, type NodePeer } from '../../../node/peer/peer.js'
import { startSignalServer } from '../../../node/signal/server.js'
import { startWebHost } from '../../../node/web/server.js'
import { firstParagraphText, sampleDocument, seededRandom } from '../fixtures.js'

export { joinRoom, startSignalServer, startWebHost }

/** Writes the sample document (seeded here, once) as an `.mldoc` file for a browser to open. */
export function writeSampleDocument(path: string): void {
  writeFileSync(path, encodeMLDocFile(createYDoc(sampleDocument())))
}

/** The Markdown a peer's document exports. */
export function peerMarkdown(peer: NodePeer): string {
  return exportMarkdown(readYDoc(peer.ydoc))
}

/** Types `text` into the first paragraph of a peer's document, at `offset` (default: the end). */
export function typeIntoFirstParagraph(peer: NodePeer, text: string, offset?: number): void {
  const target = firstParagraphText(peer.ydoc)
  target.insert(offset ?? target.length, text)
}

/** y-webrtc's framing of a document update: messageSync (0), messageYjsUpdate (2), the update. */
function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, 2)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

function fingerprint(doc: Y.Doc): string {
  return JSON.stringify({ sv: [...Y.encodeStateVector(doc)], body: doc.getXmlFragment('default').toJSON(), meta: doc.getMap('meta').toJSON() })
}

/**
 * Hostile messages built from a peer's current document, none of which changes that peer's own
 * document: an update inserting a node MLDoc does not know, a damaged update that a plain
 * `Y.applyUpdate` half-applies (found by trying seeded bit flips against a copy), and garbage.
 */
export function hostileMessages(peer: NodePeer): { name: string; message: Uint8Array }[] {
  const state = Y.encodeStateAsUpdate(peer.ydoc)
  const copy = () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state)
    return doc
  }
  const evil = copy()
  const before = Y.encodeStateVector(evil)
  evil.getXmlFragment('default').insert(0, [new Y.XmlElement('script')])
  const unknownNode = Y.encodeStateAsUpdate(evil, before)

  const author = copy()
  const sv = Y.encodeStateVector(author)
  author.transact(() => {
    firstParagraphText(author).insert(0, 'HOSTILE ')
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('HOSTILE paragraph')])
    author.getXmlFragment('default').insert(1, [paragraph])
  })
  const valid = Y.encodeStateAsUpdate(author, sv)
  const random = seededRandom(7)
  let halfApplying: Uint8Array | null = null
  for (let attempt = 0; attempt < 5000 && !halfApplying; attempt++) {
    const damaged = valid.slice()
    const at = Math.floor(random() * damaged.length)
    damaged[at] = damaged[at]! ^ (1 << Math.floor(random() * 8))
    const control = copy()
    const fp = fingerprint(control)
    try {
      Y.applyUpdate(control, damaged)
    } catch {
      if (fingerprint(control) !== fp) halfApplying = damaged
    }
  }
  if (!halfApplying) throw new Error('found no damaged update that half-applies')
  return [
    { name: 'an update inserting an unknown node', message: syncUpdateMessage(unknownNode) },
    { name: 'a damaged update that Y.applyUpdate half-applies', message: syncUpdateMessage(halfApplying) },
    { name: 'garbage', message: new Uint8Array([0, 2, 9, 255, 254, 1, 0, 7, 7, 7, 7, 7]) },
    { name: 'an unknown message type', message: new Uint8Array([42, 1, 2, 3]) },
  ]
}

/**
 * Sends a message to every connected WebRTC peer of a Node peer, as a misbehaving peer would.
 * Like y-webrtc's own broadcast, it skips a connection that is not open (yet, or any more): its
 * data channel refuses to send.
 */
export function sendToAllPeers(peer: NodePeer, message: Uint8Array): number {
  const conns = peer.webrtc?.room?.webrtcConns
  let sent = 0
  for (const conn of conns?.values() ?? []) {
    const { connected, peer: channel } = conn as unknown as { connected: boolean; peer: { send(data: Uint8Array): void } }
    if (!connected) continue
    channel.send(message)
    sent++
  }
  return sent
}
