// The stepping-stone page of the WebRTC scenarios: MLDoc's editor (schema, Collaboration, remote
// carets) bound to a Y.Doc whose room connection is the app's own CollabSession. Driven by
// test/collab/webrtc-scenarios.mjs through `window.harness`.
import { Editor } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import * as Y from 'yjs'
import { formatInvite, parseInvite } from '../../../core/collab/invite.js'
import { exportMarkdown } from '../../../core/markdown/index.js'
import { mldocExtensions } from '../../../core/schema/index.js'
import { BODY_FRAGMENT, createYDoc, readYDoc } from '../../../core/yjs/doc.js'
import { collaborationCaret } from '../../../renderer/collab/caret.js'
import { CollabSession, type CollabSettings } from '../../../renderer/collab/session.js'
import { sampleDocument } from '../fixtures.js'

interface Harness {
  ydoc: Y.Doc | null
  collab: CollabSession | null
  editor: Editor | null
  errors: string[]
  /** Creates the document (seeded once, here) and shares it; resolves to the invite link. */
  createAndShare(settings: CollabSettings, relay?: string): string
  /** Joins from an invite; the editor appears once the document has arrived. */
  join(settings: CollabSettings, invite: string): void
  /** Connects again (after `collab.leave()`), keeping the document and its offline edits. */
  reconnect(invite: string): void
  hasContent(): boolean
  markdown(): string
  bodyJSON(): string
  webrtcConns(): number
  bcConns(): number
}

const errors: string[] = []
window.addEventListener('error', (event) => errors.push(`error: ${event.message}`))
window.addEventListener('unhandledrejection', (event) => errors.push(`unhandled rejection: ${String((event.reason as Error)?.message ?? event.reason)}`))

function mountEditor(harness: Harness): void {
  const ydoc = harness.ydoc!
  harness.editor = new Editor({
    element: document.getElementById('editor')!,
    extensions: [
      ...mldocExtensions({ starterKit: { undoRedo: false } }),
      Collaboration.configure({ document: ydoc, field: BODY_FRAGMENT }),
      collaborationCaret(harness.collab!),
    ],
  })
}

const harness: Harness = {
  ydoc: null,
  collab: null,
  editor: null,
  errors,
  createAndShare(settings, relay) {
    this.ydoc = createYDoc(sampleDocument())
    this.collab = new CollabSession(this.ydoc, settings)
    const invite = relay ? this.collab.shareViaRelay(relay) : this.collab.share()
    mountEditor(this)
    return formatInvite(invite)
  },
  join(settings, invite) {
    this.ydoc = new Y.Doc()
    this.collab = new CollabSession(this.ydoc, settings)
    this.collab.connect(parseInvite(invite))
    const ydoc = this.ydoc
    const whenArrived = () => {
      if (ydoc.getXmlFragment(BODY_FRAGMENT).length === 0) return
      ydoc.off('update', whenArrived)
      mountEditor(this)
    }
    ydoc.on('update', whenArrived)
  },
  reconnect(invite) {
    this.collab!.connect(parseInvite(invite))
  },
  hasContent() {
    return this.editor !== null
  },
  markdown() {
    return exportMarkdown(readYDoc(this.ydoc!))
  },
  bodyJSON() {
    return JSON.stringify(this.ydoc!.getXmlFragment(BODY_FRAGMENT).toJSON())
  },
  webrtcConns() {
    return this.collab?.webrtcProvider?.room?.webrtcConns.size ?? 0
  },
  bcConns() {
    return this.collab?.webrtcProvider?.room?.bcConns.size ?? 0
  },
}

;(window as unknown as { harness: Harness }).harness = harness
