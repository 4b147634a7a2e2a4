import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startWebHost, type WebHost } from '../../node/web/server.js'
import { buildPeerPages, RENDERER_DIR, type PeerPage } from './bundle.js'
import { serveFolders, type StaticServer } from './static-server.js'

/** Why our editor cannot be measured here, or null when the renderer is built. */
export function rendererMissing(): string | null {
  return existsSync(join(RENDERER_DIR, 'index.html')) ? null : 'dist/renderer is not built (npm run build:renderer)'
}

/** A folder of documents and the two ways to open one: our app and the bare peer pages. */
export interface Sites {
  /** File names of the documents written into the folder, by label (`1x`...). */
  readonly files: ReadonlyMap<string, string>
  /** Our full editor (browser mode: the real web host and built renderer) opening a file. */
  ourUrl(file: string): string
  /** A bare peer page opening the same file. */
  peerUrl(page: PeerPage, file: string): string
  close(): Promise<void>
}

/**
 * Writes the documents into a temp folder and starts both servers on loopback: MLDoc's web host
 * (`startWebHost`, settings in the temp folder) and a static server for the bare pages, the files
 * and the renderer's assets (the bare pages use its stylesheet).
 */
export async function startSites(documents: readonly { label: string; bytes: Uint8Array }[]): Promise<Sites> {
  const base = mkdtempSync(join(tmpdir(), 'mldoc-bench-'))
  const dir = join(base, 'docs')
  const files = new Map<string, string>()
  let host: WebHost | null = null
  let statics: StaticServer | null = null
  try {
    writeFileSync(join(base, 'settings.json'), '{}\n')
    await import('node:fs/promises').then((fs) => fs.mkdir(dir))
    for (const { label, bytes } of documents) {
      const file = `bench-${label}.mldoc`
      writeFileSync(join(dir, file), bytes)
      files.set(label, file)
    }
    const pages = await buildPeerPages()
    host = await startWebHost({ dir, settingsFile: join(base, 'settings.json'), rendererDir: RENDERER_DIR })
    statics = await serveFolders([pages, dir, RENDERER_DIR])
  } catch (error) {
    await host?.close()
    rmSync(base, { recursive: true, force: true })
    throw error
  }
  const app = host
  const peer = statics
  return {
    files,
    ourUrl: (file) => `${app.origin}/#/open/${encodeURIComponent(file)}?token=${app.token}`,
    peerUrl: (page, file) => `${peer.origin}/${page}.html?doc=${encodeURIComponent(file)}`,
    async close() {
      await Promise.all([app.close(), peer.close()])
      rmSync(base, { recursive: true, force: true })
    },
  }
}
