import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// What the built renderer loads before it can open a document: the scripts index.html loads and
// preloads. It is one script (and the bundler's small runtime). The connection code (y-webrtc,
// y-websocket, Hocuspocus), the Markdown writer (mdast, GFM, YAML), the linter, the file encoder
// (fflate) and the screens and dialogs an opened document does not show are not part of it: they
// load when first needed, or once the page is idle (issue 6, cold open).

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
    expect(startup.filter((file) => /assets\/app-[^/]+\.js$/.test(file))).toHaveLength(1)
    expect(startup.filter((file) => !/assets\/(app|rolldown-runtime)-[^/]+\.js$/.test(file))).toEqual([])
    // Markers: y-webrtc's logger name; the GFM footnote node of mdast, which only the Markdown
    // writer names; a lint rule's id; the file encoder's refusal of a state too big to save; the
    // start screen's class.
    for (const marker of ['y-webrtc', 'footnoteDefinition', 'baseline-model-missing', 'the document is too big to save', 'start__grid']) {
      expect(startup.filter(holds(marker)), marker).toEqual([])
      expect(allScripts().filter(holds(marker)).length, marker).toBeGreaterThan(0)
    }
  })
})
