// The Hocuspocus relay path with a real Hocuspocus server (@hocuspocus/server 3.4, in this
// process, on 127.0.0.1) and real providers: MLDoc's guarded connection (connectHocuspocus), two
// Node-side documents, and messages the server sends that the receive path must drop.
import { Server, type onAuthenticatePayload } from '@hocuspocus/server'
import { HocuspocusProvider } from '@hocuspocus/provider'
import * as encoding from 'lib0/encoding'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { mldocUpdateCheck } from '../../core/collab/check.js'
import { guardHocuspocusProvider, type GuardedHocuspocusProvider } from '../../core/collab/hocuspocus-guard.js'
import type { RoomInvite } from '../../core/collab/invite.js'
import { newRoomId, newRoomSecret } from '../../core/collab/random.js'
import { createReceivePath, type DroppedUpdate } from '../../core/collab/receive.js'
import { relayDocumentName } from '../../core/collab/relay-guard.js'
import { exportMarkdown } from '../../core/markdown/index.js'
import { createYDoc, readYDoc } from '../../core/yjs/doc.js'
import { closeTransport, connectHocuspocus, relayState, type HocuspocusTransport } from '../../renderer/collab/providers.js'
import { joinRoom } from '../../node/peer/peer.js'
import { firstParagraphText, sampleDocument } from './fixtures.js'

type HocuspocusInvite = Extract<RoomInvite, { transport: 'relay' }>

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

async function until(what: string, condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/**
 * A Hocuspocus server on a free port of 127.0.0.1. (Server.listen() passes its `address` option
 * to http as `address`, which http ignores, so 3.4.4 would listen on every interface: listen here.)
 */
async function startHocuspocus(onAuthenticate?: (data: onAuthenticatePayload) => Promise<unknown>): Promise<{ server: Server; url: string }> {
  const server = new Server({ quiet: true, stopOnSignals: false, ...(onAuthenticate ? { onAuthenticate } : {}) })
  await new Promise<void>((resolve) => server.httpServer.listen({ port: 0, host: '127.0.0.1' }, resolve))
  cleanup.push(() => server.destroy())
  return { server, url: `ws://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}` }
}

/** One person: a document, its presence, the receive path and MLDoc's guarded Hocuspocus connection. */
function person(invite: HocuspocusInvite, ydoc = new Y.Doc()) {
  const awareness = new Awareness(ydoc)
  const dropped: DroppedUpdate[] = []
  const bad: string[] = []
  const receive = createReceivePath(ydoc, { check: mldocUpdateCheck(), onDrop: (d) => dropped.push(d) })
  const transport = connectHocuspocus(ydoc, awareness, invite, receive, { onBadMessage: (reason) => bad.push(reason), onRefused: () => {} }, { WebSocketPolyfill: WebSocket })
  let closed = false
  const close = () => {
    if (closed) return
    closed = true
    closeTransport(transport)
    receive.destroy()
  }
  cleanup.push(close)
  return { ydoc, awareness, dropped, bad, transport, close }
}

const synced = (transport: HocuspocusTransport) => until('the provider to sync', () => transport.provider.synced)
const markdown = (doc: Y.Doc) => exportMarkdown(readYDoc(doc))

function hocuspocusInvite(url: string): HocuspocusInvite {
  return { room: newRoomId(), secret: newRoomSecret(), transport: 'relay', relay: url, relayProtocol: 'hocuspocus' }
}

/** A Hocuspocus message as the server frames it: document name, sync (0), the sync step, the update. */
function syncMessage(documentName: string, step: 1 | 2, update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, documentName)
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, step)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** An update that inserts a node MLDoc does not know (`script`) into a copy of `doc`. */
function unknownNodeUpdate(doc: Y.Doc): Uint8Array {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateVector(copy)
  copy.getXmlFragment('default').insert(0, [new Y.XmlElement('script')])
  return Y.encodeStateAsUpdate(copy, before)
}

/** Sends raw bytes from the server to every connection of a document. */
function sendFromServer(server: Server, documentName: string, message: Uint8Array): void {
  const document = server.hocuspocus.documents.get(documentName)
  if (!document) throw new Error(`the server has no document ${documentName}`)
  for (const connection of document.getConnections()) connection.send(message)
}

describe('sharing through a Hocuspocus server', () => {
  it('two people converge through the server, both ways, and see each other', async () => {
    const { server, url } = await startHocuspocus()
    const invite = hocuspocusInvite(url)
    const a = person(invite, createYDoc(sampleDocument()))
    await synced(a.transport)
    const b = person(invite)
    await synced(b.transport)
    await until('B to get the document', () => b.ydoc.getXmlFragment('default').length > 0)
    expect(markdown(b.ydoc)).toBe(markdown(a.ydoc))
    expect(server.hocuspocus.documents.has(relayDocumentName(invite))).toBe(true)

    firstParagraphText(b.ydoc).insert(0, 'from-B ')
    firstParagraphText(a.ydoc).insert(firstParagraphText(a.ydoc).length, ' from-A')
    await until('both edits at both', () => [a, b].every((p) => markdown(p.ydoc).includes('from-B') && markdown(p.ydoc).includes('from-A')))
    expect(markdown(a.ydoc)).toBe(markdown(b.ydoc))
    expect(relayState(a.transport)).toEqual({ url, connected: true })

    a.awareness.setLocalStateField('user', { name: 'A' })
    await until('B to see A', () => [...b.awareness.getStates().values()].some((s) => s.user?.name === 'A'))
    expect([a.dropped, a.bad, b.dropped, b.bad]).toEqual([[], [], [], []])
  })

  it('drops a damaged or invalid update from the server through the receive path, and keeps syncing', async () => {
    const { server, url } = await startHocuspocus()
    const invite = hocuspocusInvite(url)
    const name = relayDocumentName(invite)
    const a = person(invite, createYDoc(sampleDocument()))
    await synced(a.transport)
    const b = person(invite)
    await until('B to get the document', () => b.ydoc.getXmlFragment('default').length > 0)
    const before = markdown(b.ydoc)
    const state = Y.encodeStateAsUpdate(b.ydoc)

    sendFromServer(server, name, syncMessage(name, 2, unknownNodeUpdate(b.ydoc)))
    sendFromServer(server, name, syncMessage(name, 1, new Uint8Array([7, 200, 13, 99, 1, 2, 3])))
    await until('both people to drop both updates', () => a.dropped.length === 2 && b.dropped.length === 2)
    expect(b.dropped.map((d) => d.reason)).toEqual([expect.stringMatching(/script/), expect.stringMatching(/cannot be decoded/)])
    expect(markdown(b.ydoc)).toBe(before)
    expect(Y.encodeStateAsUpdate(b.ydoc)).toEqual(state)

    firstParagraphText(a.ydoc).insert(0, 'after ')
    await until('A’s next edit at B', () => markdown(b.ydoc).includes('after '))
    expect(markdown(b.ydoc)).toBe(markdown(a.ydoc))
    expect(b.bad).toEqual([])

    // Without the guard the same update lands in the document: the guard is what stops it.
    const raw = new Y.Doc()
    // The provider hands its configuration on to the websocket it makes, WebSocketPolyfill included.
    const configuration = { url, name, document: raw, WebSocketPolyfill: WebSocket }
    const provider = new HocuspocusProvider(configuration)
    cleanup.push(() => provider.destroy())
    await until('the unguarded provider to sync', () => provider.synced)
    sendFromServer(server, name, syncMessage(name, 2, unknownNodeUpdate(raw)))
    await until('the unguarded document to take the unknown node', () => raw.getXmlFragment('default').toJSON().includes('<script>'))
  })

  it('sends the secret in the document name and as the token; a server hook that refuses is reported', async () => {
    const seen: { documentName: string; token: string }[] = []
    const closedRooms = new Set<string>()
    const { server, url } = await startHocuspocus(async ({ documentName, token }) => {
      seen.push({ documentName, token })
      if (closedRooms.has(documentName.split('.')[0]!)) throw Object.assign(new Error('this room is closed'), { reason: 'this room is closed' })
    })
    const invite = hocuspocusInvite(url)
    const a = person(invite, createYDoc(sampleDocument()))
    await synced(a.transport)
    expect(seen).toEqual([{ documentName: `${invite.room}.${invite.secret}`, token: invite.secret }])

    const closed = hocuspocusInvite(url)
    closedRooms.add(closed.room)
    const refusedEvents: (string | null)[] = []
    const ydoc = new Y.Doc()
    const receive = createReceivePath(ydoc, { onDrop: () => {} })
    const refused = connectHocuspocus(ydoc, new Awareness(ydoc), closed, receive, { onBadMessage: () => {}, onRefused: (reason) => refusedEvents.push(reason) }, { WebSocketPolyfill: WebSocket })
    cleanup.push(() => closeTransport(refused))
    await until('the server to refuse', () => refused.refused !== null)
    expect(refusedEvents).toEqual(['this room is closed'])
    expect(refused.refused).toBe('this room is closed')
    expect(relayState(refused)).toEqual({ url, connected: false })
    expect(server.hocuspocus.documents.has(relayDocumentName(closed))).toBe(false)
  })

  it('leaving keeps the document’s presence working and takes the provider’s listeners off it', async () => {
    const { url } = await startHocuspocus()
    const invite = hocuspocusInvite(url)
    const a = person(invite, createYDoc(sampleDocument()))
    const b = person(invite)
    // The editor's carets listen to the document's awareness, before and after any room.
    const editorSaw: unknown[] = []
    a.awareness.on('change', () => editorSaw.push(a.awareness.getLocalState()))
    a.awareness.setLocalStateField('user', { name: 'A' })
    await until('B to see A', () => [...b.awareness.getStates().values()].some((s) => s.user?.name === 'A'))
    const listeners = (aw: Awareness) => (aw as unknown as { _observers: Map<string, Set<unknown>> })._observers.get('update')?.size ?? 0
    const fresh = new Awareness(new Y.Doc())
    const own = listeners(fresh)
    fresh.destroy()
    a.close()
    await until('B to see A leave', () => ![...b.awareness.getStates().values()].some((s) => s.user?.name === 'A'))
    expect(listeners(a.awareness)).toBe(own)
    a.awareness.setLocalState({ user: { name: 'A again' } })
    expect(editorSaw.at(-1)).toEqual({ user: { name: 'A again' } })
  })
})

describe('the Hocuspocus guard', () => {
  it('refuses a provider whose internals changed', () => {
    const receive = createReceivePath(new Y.Doc(), { onDrop: () => {} })
    expect(() => guardHocuspocusProvider({ configuration: { name: 'x', document: new Y.Doc() } } as unknown as GuardedHocuspocusProvider, receive, () => {})).toThrow(/internals changed/)
  })

  it('reports an update that reached the document around it, and detaches the provider', async () => {
    const doc = new Y.Doc()
    const receive = createReceivePath(doc, { onDrop: () => {} })
    let detached = false
    const provider: GuardedHocuspocusProvider = { onMessage: () => {}, detach: () => void (detached = true), configuration: { name: 'x', document: doc } }
    const bad: string[] = []
    guardHocuspocusProvider(provider, receive, (reason) => bad.push(reason))
    const other = new Y.Doc()
    other.getText('t').insert(0, 'unchecked')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), provider)
    await Promise.resolve()
    expect(bad).toEqual([expect.stringMatching(/without being checked: @hocuspocus\/provider’s internals changed/)])
    expect(detached).toBe(true)
  })
})

describe('the Node peer and a Hocuspocus invite', () => {
  it('refuses it in words instead of speaking y-websocket to a Hocuspocus server', () => {
    const invite = `mldoc://join?room=${newRoomId()}&secret=${newRoomSecret()}&hocuspocus=${encodeURIComponent('ws://127.0.0.1:1234')}`
    expect(() => joinRoom(invite)).toThrow(/names a Hocuspocus server \(hocuspocus=\), which it does not speak/)
  })
})
