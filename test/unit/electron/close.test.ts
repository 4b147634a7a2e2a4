import { describe, expect, it } from 'vitest'
import type { CloseQuery } from '../../../electron/common/bridge.js'
import { CloseGuard, type CloseChoice } from '../../../electron/main/close.js'

/**
 * A close guard wired to a scripted renderer: `answers` maps each query action to what the window
 * replies (whether unsaved changes remain), or `'silent'` for a window that never answers.
 */
function guard(answers: Partial<Record<CloseQuery['action'], boolean | 'silent'>>, choice: CloseChoice) {
  const sent: CloseQuery[] = []
  let prompts = 0
  const closeGuard: CloseGuard = new CloseGuard({
    send: (windowId, query) => {
      sent.push(query)
      const answer = answers[query.action]
      if (answer === undefined || answer === 'silent') return
      queueMicrotask(() => closeGuard.reply(windowId, { id: query.id, unsaved: answer }))
    },
    prompt: async () => {
      prompts++
      return choice
    },
    queryTimeoutMs: 50,
    saveTimeoutMs: 50,
  })
  return { closeGuard, sent, prompts: () => prompts }
}

describe('closing a window', () => {
  it('closes without asking when nothing is unsaved', async () => {
    const g = guard({ query: false }, 'cancel')
    expect(await g.closeGuard.mayClose(1)).toBe(true)
    expect(g.prompts()).toBe(0)
    expect(g.sent.map((q) => q.action)).toEqual(['query'])
  })

  it('asks, and closes when the user discards the changes', async () => {
    const g = guard({ query: true }, 'discard')
    expect(await g.closeGuard.mayClose(1)).toBe(true)
    expect(g.prompts()).toBe(1)
  })

  it('asks, and stays open when the user cancels', async () => {
    const g = guard({ query: true }, 'cancel')
    expect(await g.closeGuard.mayClose(1)).toBe(false)
  })

  it('has the window save, and closes once the save leaves nothing unsaved', async () => {
    const g = guard({ query: true, save: false }, 'save')
    expect(await g.closeGuard.mayClose(1)).toBe(true)
    expect(g.sent.map((q) => q.action)).toEqual(['query', 'save'])
  })

  it('stays open when the save failed or was cancelled', async () => {
    expect(await guard({ query: true, save: true }, 'save').closeGuard.mayClose(1)).toBe(false)
  })

  it('treats a window that does not answer as having unsaved changes', async () => {
    const g = guard({ query: 'silent' }, 'cancel')
    expect(await g.closeGuard.mayClose(1)).toBe(false)
    expect(g.prompts()).toBe(1)
    expect(await guard({ query: true, save: 'silent' }, 'save').closeGuard.mayClose(1)).toBe(false)
  })

  it('ignores an answer from another window or to an unknown query', async () => {
    const sent: CloseQuery[] = []
    const closeGuard = new CloseGuard({ send: (_w, q) => sent.push(q), prompt: async () => 'cancel', queryTimeoutMs: 50, saveTimeoutMs: 50 })
    const closing = closeGuard.mayClose(1)
    closeGuard.reply(2, { id: sent[0]!.id, unsaved: false })
    closeGuard.reply(1, { id: 999, unsaved: false })
    expect(await closing).toBe(false)
  })
})
