import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// What the built renderer loads before it can open a document: the entry script and the chunks
// index.html preloads with it. The connection code (y-webrtc, y-websocket, Hocuspocus) and the
// Markdown writer (mdast, GFM, YAML) are not part of it: they load when first needed, or once the
// page is idle (issue 6, cold open).

const DIST = resolve(import.meta.dirname, '../../dist/renderer')

/** The scripts index.html loads at once: its module script and its module preloads. */
function startupScripts(): string[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8')
  return [...html.matchAll(/<(?:script type="module"[^>]*src|link rel="modulepreload"[^>]*href)="\.\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]!)
}

/** Every script of the build. */
function allScripts(): string[] {
  return readdirSync(join(DIST, 'assets')).filter((name) => name.endsWith('.js')).map((name) => `assets/${name}`)
}

/** Whether a script holds a string. */
const holds = (marker: string) => (file: string) => readFileSync(join(DIST, file), 'utf8').includes(marker)

describe('the built renderer', () => {
  it('starts with its entry script, and without code that opening a document does not need', () => {
    if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/renderer is not built: run npm run build:renderer (npm test does)')
    const startup = startupScripts()
    expect(startup.some((file) => /assets\/index-[^/]+\.js$/.test(file))).toBe(true)
    // Markers: y-webrtc's logger name; the GFM footnote node of mdast, which only the Markdown writer names.
    for (const marker of ['y-webrtc', 'footnoteDefinition']) {
      expect(startup.filter(holds(marker)), marker).toEqual([])
      expect(allScripts().filter(holds(marker)), marker).toHaveLength(1)
    }
  })
})
