// @vitest-environment jsdom
import { createContentComponent, type ReactRenderer } from '@tiptap/react'
import { createElement } from 'react'
import { describe, expect, it } from 'vitest'
import { OpeningContent } from '../../renderer/editor/EditorMount.js'

/** A stand-in for the React renderer of a node view: what the content component reads of it. */
function renderer(element: HTMLElement): ReactRenderer {
  return { element, reactElement: createElement('span') } as unknown as ReactRenderer
}

/** An editor DOM of `count` top-level nodes. */
function editorDOM(count: number): HTMLElement {
  const dom = document.createElement('div')
  for (let i = 0; i < count; i++) dom.append(document.createElement('div'))
  document.body.append(dom)
  return dom
}

const drawn = (opening: OpeningContent) => Object.keys(opening.getSnapshot()).sort()

describe('block views drawn while the editor opens', () => {
  it('draws the views in the first screens before the first paint and the others when the browser is idle', async () => {
    const dom = editorDOM(200)
    const opening = new OpeningContent(createContentComponent())
    const nested = document.createElement('div')
    dom.children[150]!.append(nested)
    opening.setRenderer('top', renderer(dom.children[3] as HTMLElement))
    opening.setRenderer('far', renderer(dom.children[120] as HTMLElement))
    opening.setRenderer('nested-far', renderer(nested))
    opening.setRenderer('detached', renderer(document.createElement('div')))
    expect(drawn(opening)).toEqual([])

    opening.settle(dom)
    expect(drawn(opening)).toEqual(['detached', 'top'])
    // Made after the opening: drawn at once.
    opening.setRenderer('later', renderer(dom.children[180] as HTMLElement))
    expect(drawn(opening)).toEqual(['detached', 'later', 'top'])
    // A waiting view that goes away is never drawn.
    opening.removeRenderer('nested-far')

    await expect.poll(() => drawn(opening), { timeout: 3000 }).toEqual(['detached', 'far', 'later', 'top'])
    opening.dispose()
  })

  it('draws a waiting view with its latest props, and nothing once disposed', async () => {
    const dom = editorDOM(100)
    const opening = new OpeningContent(createContentComponent())
    const far = renderer(dom.children[90] as HTMLElement)
    opening.setRenderer('far', far)
    opening.settle(dom)
    const updated = { ...far, reactElement: createElement('em') } as unknown as ReactRenderer
    opening.setRenderer('far', updated)
    expect(drawn(opening)).toEqual([])
    await expect.poll(() => drawn(opening), { timeout: 3000 }).toEqual(['far'])
    expect((opening.getSnapshot().far as unknown as { children: { type: string } }).children.type).toBe('em')

    const other = new OpeningContent(createContentComponent())
    other.setRenderer('far', renderer(dom.children[95] as HTMLElement))
    other.settle(dom)
    other.dispose()
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(drawn(other)).toEqual([])
  })
})
