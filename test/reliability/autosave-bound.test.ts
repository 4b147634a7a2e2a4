import { afterEach, describe, expect, it, vi } from 'vitest'
import type { HostApi } from '../../core/host/api.js'
import { emptyMeta } from '../../core/document/meta.js'
import { mldocSchema } from '../../core/schema/index.js'
import { createYDoc, readMeta, writeMeta } from '../../core/yjs/doc.js'
import { decodeMLDocFile, encodeMLDocFile, readMLDocFile } from '../../core/yjs/file.js'
import { AUTOSAVE_DELAY, DocumentSession } from '../../renderer/document/session.js'

/**
 * Item 3 of the reliability issue, the bound on loss: a crash (crash-save.test.ts) loses what
 * was typed since the last save that finished, so the autosave must keep that to about
 * AUTOSAVE_DELAY (1 s) even while someone types without a pause. Runs the renderer's
 * DocumentSession against a host that records every save, on a fake clock.
 */

afterEach(() => {
  vi.useRealTimers()
})

/** A host whose saves take `saveMs` and record the title and when they were made. */
function recordingHost(saveMs: number): { host: HostApi; saves: { at: number; title: string }[] } {
  const saves: { at: number; title: string }[] = []
  const host = {
    saveDocument: async ({ state }: { state: Uint8Array }) => {
      await new Promise((resolve) => setTimeout(resolve, saveMs))
      saves.push({ at: Date.now(), title: readMLDocFile(state, 'saved').doc.meta.title })
      return { path: 'design.mldoc' }
    },
  } as unknown as HostApi
  return { host, saves }
}

function openSession(host: HostApi): DocumentSession {
  const body = mldocSchema().nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph' }] })
  const state = new Uint8Array(encodeMLDocFile(createYDoc({ meta: emptyMeta(), body })))
  return new DocumentSession(host, { path: 'design.mldoc', name: 'design', state }, decodeMLDocFile(state, 'design.mldoc'))
}

describe('autosave bounds what a crash can lose', () => {
  it('saves a second after typing stops', async () => {
    vi.useFakeTimers({ now: 0 })
    const { host, saves } = recordingHost(50)
    const session = openSession(host)
    writeMeta(session.ydoc, { ...readMeta(session.ydoc), title: 'A' })
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY + 100)
    expect(saves).toEqual([{ at: AUTOSAVE_DELAY + 50, title: 'A' }])
    session.dispose()
  })

  // The autosave timer starts at the first unsaved edit and is not restarted by later ones (it
  // was a debounce: while someone typed without a pause of a second nothing was saved).
  it('keeps at most about a second of continuous typing unsaved', async () => {
    vi.useFakeTimers({ now: 0 })
    const saveMs = 50
    const { host, saves } = recordingHost(saveMs)
    const session = openSession(host)
    const typed: { at: number; title: string }[] = []
    // A keystroke every 150 ms for ten seconds.
    for (let at = 0; at < 10_000; at += 150) {
      const title = `${readMeta(session.ydoc).title}k`
      writeMeta(session.ydoc, { ...readMeta(session.ydoc), title })
      typed.push({ at: Date.now(), title })
      await vi.advanceTimersByTimeAsync(150)
    }
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY + 4 * saveMs)
    // Every keystroke is on disk within the delay, one save in progress and one save.
    for (const keystroke of typed) {
      const saved = saves.find((save) => save.title.length >= keystroke.title.length)
      expect(saved, `the keystroke at ${keystroke.at} ms`).toBeDefined()
      expect(saved!.at - keystroke.at, `the keystroke at ${keystroke.at} ms`).toBeLessThanOrEqual(AUTOSAVE_DELAY + 2 * saveMs + 150)
    }
    session.dispose()
  })
})
