import { initProseMirrorDoc, updateYFragment, ySyncPluginKey } from '@tiptap/y-tiptap'
import { Fragment, Slice, type Node as PMNode } from '@tiptap/pm/model'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { mldocSchema } from '../core/schema/index.js'
import { BODY_FRAGMENT } from '../core/yjs/doc.js'
import { decodeMLDocFile, encodeMLDocFile } from '../core/yjs/file.js'
import type { Benchmark } from './harness/context.js'
import { median, p95 } from './harness/stats.js'
import { metCell, type ResultRow } from './harness/table.js'

/** y-webrtc's message type for a Yjs sync message (y-webrtc.js `messageSync`). */
const Y_WEBRTC_MESSAGE_SYNC = 0
/** A client id as Yjs makes them (random 32-bit); the largest take 5 bytes, so this is the costly case. */
const CLIENT_ID = 0xfedcba98
/** What the keystrokes type: words and spaces, as a person writes. */
export const TYPED_TEXT = 'the drift monitor pages the owner when recall at top ten percent falls below the minimum for two days in a row; '

/** The text typed by `count` keystrokes: {@link TYPED_TEXT} repeated. */
export function typedText(count: number): string {
  return TYPED_TEXT.repeat(Math.ceil(count / TYPED_TEXT.length)).slice(0, count)
}

/** The position just before the end of the text of the paragraph nearest the middle of a body. */
export function middleParagraphEnd(body: PMNode): number {
  const middle = body.childCount >> 1
  for (let offset = 0; offset < body.childCount; offset++) {
    const index = middle + (offset % 2 === 0 ? offset / 2 : -(offset + 1) / 2)
    const child = body.maybeChild(index)
    if (child?.type.name === 'paragraph' && child.content.size > 1) {
      let pos = 0
      for (let i = 0; i < index; i++) pos += body.child(i).nodeSize
      return pos + child.nodeSize - 2
    }
  }
  throw new Error('the document has no paragraph with text')
}

/** The bytes y-webrtc sends to each peer for one Yjs update: message type, sync type, length, update. */
function wireMessage(update: Uint8Array): number {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, Y_WEBRTC_MESSAGE_SYNC)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.length(encoder)
}

/** What typing into a document produced. */
export interface TypingUpdates {
  /** Per keystroke: the Yjs update (V1, as y-webrtc sends it) and the whole y-webrtc message. */
  readonly updateBytes: number[]
  readonly messageBytes: number[]
  /** The `.mldoc` file after the typing. */
  readonly fileAfter: Uint8Array
}

/**
 * Types `count` characters, one transaction each, into the middle paragraph of a document
 * loaded from its `.mldoc` bytes, through the editor's own Yjs binding code (`@tiptap/y-tiptap`'s
 * `updateYFragment`, which its sync plugin calls on every editor change), and records each update.
 */
export function typeThroughBinding(file: Uint8Array, count: number): TypingUpdates {
  const ydoc = decodeMLDocFile(file, 'generated document')
  ydoc.clientID = CLIENT_ID
  const fragment = ydoc.getXmlFragment(BODY_FRAGMENT)
  const { doc, meta } = initProseMirrorDoc(fragment, mldocSchema())
  const updates: Uint8Array[] = []
  ydoc.on('update', (update: Uint8Array) => updates.push(update))
  let body = doc
  let pos = middleParagraphEnd(body)
  const updateBytes: number[] = []
  const messageBytes: number[] = []
  for (const char of typedText(count)) {
    body = body.replace(pos, pos, new Slice(Fragment.from(mldocSchema().text(char)), 0, 0))
    pos++
    updates.length = 0
    ydoc.transact(() => updateYFragment(ydoc, fragment, body, meta), ySyncPluginKey)
    if (updates.length !== 1) throw new Error(`a keystroke made ${updates.length} Yjs updates, expected 1`)
    updateBytes.push(updates[0]!.length)
    messageBytes.push(wireMessage(updates[0]!))
  }
  return { updateBytes, messageBytes, fileAfter: encodeMLDocFile(ydoc) }
}

const bytes = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} B`

/**
 * Benchmark 6: bytes per typed character in the Yjs update (and the y-webrtc message carrying
 * it), and `.mldoc` bytes per character of text, fresh and after the typing. Deterministic.
 */
export const bytesPerCharacter: Benchmark = {
  id: 'bytes',
  async run(context) {
    const document = context.document(1)
    const file = document.mldocFile()
    const typed = typeThroughBinding(file, context.options.keystrokes)
    const json = new TextEncoder().encode(JSON.stringify(document.doc.body.toJSON())).length
    const markdown = new TextEncoder().encode(document.markdown()).length
    const update = median(typed.updateBytes)
    const message = median(typed.messageBytes)
    const perChar = file.length / document.textChars
    const textAfter = document.textChars + typed.updateBytes.length
    const perCharAfter = typed.fileAfter.length / textAfter
    const rows: ResultRow[] = [
      {
        benchmark: 'Yjs update per keystroke (median, p95)',
        size: document.label,
        ours: `${bytes(update)}, p95 ${bytes(p95(typed.updateBytes))}`,
        peer: '—',
        ratio: '—',
        goal: '≤ 30 B',
        met: metCell(update <= 30 && p95(typed.updateBytes) <= 30),
      },
      {
        benchmark: 'y-webrtc message per keystroke (update + framing)',
        size: document.label,
        ours: `${bytes(message)}, p95 ${bytes(p95(typed.messageBytes))}`,
        peer: '—',
        ratio: '—',
        goal: '—',
        met: '—',
      },
      {
        benchmark: '.mldoc bytes per character of text',
        size: document.label,
        ours: `${perChar.toFixed(2)} B/char (${(file.length / 1024).toFixed(0)} KiB, ${document.textChars} chars)`,
        peer: `${(json / document.textChars).toFixed(2)} B/char ProseMirror JSON; ${(markdown / document.textChars).toFixed(2)} B/char our Markdown`,
        ratio: '—',
        goal: '≤ 1.5 B/char',
        met: metCell(perChar <= 1.5),
      },
      {
        benchmark: `.mldoc bytes per character after typing ${typed.updateBytes.length} characters`,
        size: document.label,
        ours: `${perCharAfter.toFixed(2)} B/char (+${typed.fileAfter.length - file.length} B)`,
        peer: '—',
        ratio: '—',
        goal: '≤ 1.5 B/char',
        met: metCell(perCharAfter <= 1.5),
      },
    ]
    return rows
  },
}
