import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import { CACHE_DIR, ROOT } from '../paths.js'

/** The bare peer pages, each an HTML file and its script in {@link PAGES_DIR}. */
export const PEER_PAGES = ['bare-prosemirror', 'bare-tiptap', 'bare-collab'] as const
/** A bare peer page. */
export type PeerPage = (typeof PEER_PAGES)[number]
/** Where the bundled peer pages go. */
export const PAGES_DIR = join(CACHE_DIR, 'pages')
/** The built renderer: its stylesheet is the peers' too. */
export const RENDERER_DIR = join(ROOT, 'dist/renderer')

/** Without a built renderer: ProseMirror's required styles and a column like the app's. */
const FALLBACK_STYLE = `<style>body{margin:0;font:16px/1.7 system-ui,sans-serif}.page{max-width:880px;margin:0 auto;padding:40px 64px}
.ProseMirror{white-space:pre-wrap;word-wrap:break-word;outline:none}.ProseMirror table{border-collapse:collapse}</style>`

/**
 * The app's stylesheet links (from the built renderer's index.html), so a peer page lays out the
 * same document under the same CSS as MLDoc (column width, fonts, `content-visibility` of
 * top-level nodes): the comparison is then between editors, not stylesheets.
 */
function appStyles(): string {
  const index = join(RENDERER_DIR, 'index.html')
  if (!existsSync(index)) return FALLBACK_STYLE
  const links = readFileSync(index, 'utf8').match(/<link rel="stylesheet"[^>]*>/g) ?? []
  return links.join('')
}

/** The app's layout around its editor (renderer/editor/DocumentView.tsx), without the chrome. */
const PAGE_BODY = '<div id="root"><div class="doc-app"><div></div><div class="workspace"><div class="editor-column"><main class="page-scroll"><article class="page"><div class="editor" id="editor"></div></article></main></div><aside></aside></div></div></div>'

/**
 * Bundles the bare pages for the browser the way the app is built (minified, production), so
 * both sides pay for what they ship and nothing for development builds. The pages are served
 * next to the built renderer (`/assets/...`), whose stylesheet they use.
 */
export async function buildPeerPages(): Promise<string> {
  mkdirSync(PAGES_DIR, { recursive: true })
  await build({
    absWorkingDir: ROOT,
    entryPoints: PEER_PAGES.map((page) => ({ in: `bench/browser/pages/${page}.ts`, out: page })),
    outdir: PAGES_DIR,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  })
  const styles = appStyles()
  for (const page of PEER_PAGES) {
    writeFileSync(join(PAGES_DIR, `${page}.html`), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${page}</title>${styles}</head><body>${PAGE_BODY}<script type="module" src="./${page}.js"></script></body></html>\n`)
  }
  return PAGES_DIR
}
