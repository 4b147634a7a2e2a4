// @vitest-environment jsdom
import { Editor } from '@tiptap/core'
import { afterEach, describe, expect, it } from 'vitest'
import { mldocExtensions } from '../../core/schema/index.js'
import { isSafeHref } from '../../core/schema/links.js'
import { DANGEROUS_URLS } from './xss/payloads.js'

/**
 * Item 5 of the reliability issue, the editor's side: link targets are allowlisted on command
 * (setLink), on paste (HTML and plain text) and when content is inserted, in the real editor.
 */

// jsdom has no ClipboardEvent; ProseMirror's pasteHTML/pasteText only need the event to exist.
globalThis.ClipboardEvent ??= class extends Event {
  readonly clipboardData = null
} as unknown as typeof ClipboardEvent

const editors: Editor[] = []
afterEach(() => editors.splice(0).forEach((editor) => editor.destroy()))

function editor(): Editor {
  const e = new Editor({ element: document.createElement('div'), extensions: mldocExtensions(), content: '<p>click here</p>' })
  editors.push(e)
  return e
}

function hrefs(e: Editor): string[] {
  const out: string[] = []
  e.state.doc.descendants((node) => {
    for (const mark of node.marks) if (mark.type.name === 'link') out.push(String(mark.attrs.href))
  })
  return out
}

/** URLs a browser would run, as they reach the editor (entity spellings are decoded by then). */
const RAW_DANGEROUS = DANGEROUS_URLS.filter((url) => !/[&%\\]/.test(url))

describe('the editor keeps only allowed link targets', () => {
  it('refuses a dangerous target on command and keeps an allowed one', () => {
    for (const href of RAW_DANGEROUS) {
      const e = editor()
      e.chain().setTextSelection({ from: 1, to: 6 }).setLink({ href }).run()
      expect(hrefs(e).filter((h) => !isSafeHref(h)), href).toEqual([])
    }
    const e = editor()
    e.chain().setTextSelection({ from: 1, to: 6 }).setLink({ href: 'https://example.com/' }).run()
    expect(hrefs(e)).toEqual(['https://example.com/'])
  })

  it('drops dangerous targets from pasted HTML and inserted content', () => {
    const console = globalThis.console.warn
    globalThis.console.warn = () => undefined
    try {
      for (const href of RAW_DANGEROUS) {
        const html = `<p><a href="${href.replace(/"/g, '&quot;')}">pasted</a> <a href="https://example.com/">ok</a></p>`
        const pasted = editor()
        pasted.view.pasteHTML(html)
        expect(hrefs(pasted).filter((h) => !isSafeHref(h)), href).toEqual([])
        expect(hrefs(pasted), href).toContain('https://example.com/')
        const inserted = editor()
        inserted.commands.insertContent(html)
        expect(hrefs(inserted).filter((h) => !isSafeHref(h)), href).toEqual([])
      }
    } finally {
      globalThis.console.warn = console
    }
  })

  it('does not autolink pasted text into a dangerous target', () => {
    for (const href of RAW_DANGEROUS) {
      const e = editor()
      e.view.pasteText(`see ${href} now`)
      expect(hrefs(e).filter((h) => !isSafeHref(h)), href).toEqual([])
    }
  })
})
