/// <reference lib="webworker" />
// A replica of an open document's Y.Doc in a worker (see DocumentReplica): it starts from the
// document's file and follows every update the editor makes, and does the document-wide work
// off the thread that handles keys: the side panel's analysis (outline, readiness, lint) and
// the `.mldoc` bytes of each save.
import * as Y from 'yjs'
import { decodeMLDocFile, encodeMLDocFile } from '../../core/yjs/file.js'
import { analyseDocument } from '../panel/analyse-document.js'
import type { ReplicaMessage, ReplicaReply } from './replica.js'

let ydoc = new Y.Doc()

self.onmessage = (event: MessageEvent<ReplicaMessage>) => {
  const message = event.data
  if (message.kind === 'file') ydoc = decodeMLDocFile(message.file, 'the open document')
  else if (message.kind === 'update') Y.applyUpdate(ydoc, message.update)
  else if (message.kind === 'analyse') reply({ id: message.id, analysis: analyseDocument(ydoc, message.lang) })
  else {
    const file = encodeMLDocFile(ydoc)
    reply({ id: message.id, file }, [file.buffer as ArrayBuffer])
  }
}

function reply(answer: ReplicaReply, transfer: Transferable[] = []): void {
  self.postMessage(answer, transfer)
}
