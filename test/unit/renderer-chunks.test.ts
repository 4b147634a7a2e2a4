import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// What the built renderer loads before it can open a document: the entry script and the chunks
// index.html preloads with it. The connection code (y-webrtc, y-websocket, Hocuspocus) is not part
// of it: it loads once the page is idle, or when a document is shared or joined (issue 6, cold open).

const DIST = resolve(import.meta.dirname, '../../dist/renderer')

/** The scripts index.html loads at once: its module script and its module preloads. */
function startupScripts(): string[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8')
  return [...html.matchAll(/<(?:script type="module"[^>]*src|link rel="modulepreload"[^>]*href)="\.\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]!)
}

describe('the built renderer', () => {
  it('starts without the connection code, which is in a chunk of its own', () => {
    if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/renderer is not built: run npm run build:renderer (npm test does)')
    const startup = startupScripts()
    expect(startup.some((file) => /assets\/index-[^/]+\.js$/.test(file))).toBe(true)
    const holdsWebrtc = (file: string) => readFileSync(join(DIST, file), 'utf8').includes('y-webrtc')
    expect(startup.filter(holdsWebrtc)).toEqual([])
    const chunks = readdirSync(join(DIST, 'assets')).filter((name) => name.endsWith('.js')).map((name) => `assets/${name}`)
    expect(chunks.filter(holdsWebrtc)).toHaveLength(1)
  })
})
