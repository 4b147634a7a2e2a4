import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import { CACHE_DIR, ROOT } from '../paths.js'

/** The bare peer pages, each an HTML file and its script in {@link PAGES_DIR}. */
export const PEER_PAGES = ['bare-prosemirror', 'bare-tiptap', 'bare-collab'] as const
/** A bare peer page. */
export type PeerPage = (typeof PEER_PAGES)[number]
/** Where the bundled peer pages go. */
export const PAGES_DIR = join(CACHE_DIR, 'pages')

/** ProseMirror's required styles and a page column like the app's, so layout work is comparable. */
const STYLE = `body{margin:0;font:16px/1.6 system-ui,sans-serif}#editor{max-width:820px;margin:0 auto;padding:24px}
.ProseMirror{white-space:pre-wrap;word-wrap:break-word;outline:none}.ProseMirror table{border-collapse:collapse}
.ProseMirror td,.ProseMirror th{border:1px solid #ccc;padding:4px 8px}`

/**
 * Bundles the bare pages for the browser the way the app is built (minified, production), so
 * both sides pay for what they ship and nothing for development builds.
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
  for (const page of PEER_PAGES) {
    writeFileSync(join(PAGES_DIR, `${page}.html`), `<!doctype html><meta charset="utf-8"><title>${page}</title><style>${STYLE}</style><div id="editor"></div><script type="module" src="${page}.js"></script>\n`)
  }
  return PAGES_DIR
}
