import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g

function sources(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...sources(path))
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(path)
  }
  return out
}

/** Every import specifier in the layer, with the file it is in. */
function imports(layer: string): { file: string; spec: string }[] {
  const dir = join(ROOT, layer)
  let files: string[] = []
  try {
    files = sources(dir)
  } catch {
    return []
  }
  return files.flatMap((file) => {
    const text = readFileSync(file, 'utf8')
    return [...text.matchAll(IMPORT)].map((m) => ({ file: relative(ROOT, file), spec: (m[1] ?? m[2] ?? m[3])! }))
  })
}

const NODE_BUILTIN = /^(node:|fs$|path$|os$|child_process$|crypto$|http$|https$|net$|url$|util$|stream$|worker_threads$|zlib$)/

/** Which layer a relative import lands in. */
function targetLayer(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null
  return relative(ROOT, resolve(ROOT, file, '..', spec)).split(/[\\/]/)[0] ?? null
}

describe('layers stay apart', () => {
  it('core imports no DOM framework, no Node built-in, no Electron and no other layer', () => {
    const bad = imports('core').filter(({ file, spec }) =>
      NODE_BUILTIN.test(spec) || /^(react|react-dom|electron|@tiptap\/react)(\/|$)/.test(spec) ||
      (targetLayer(file, spec) !== null && targetLayer(file, spec) !== 'core'))
    expect(bad).toEqual([])
  })

  it('renderer reaches the host only through core, never electron, Node or the electron layer', () => {
    const bad = imports('renderer').filter(({ file, spec }) =>
      NODE_BUILTIN.test(spec) || /^electron(\/|$)/.test(spec) ||
      ['electron', 'cli'].includes(targetLayer(file, spec) ?? ''))
    expect(bad).toEqual([])
  })

  it('electron never imports the renderer or React', () => {
    const bad = imports('electron').filter(({ file, spec }) =>
      /^(react|react-dom|@tiptap\/react)(\/|$)/.test(spec) || ['renderer'].includes(targetLayer(file, spec) ?? ''))
    expect(bad).toEqual([])
  })

  it('the CLI imports core and Node only, never the renderer or electron', () => {
    const bad = imports('cli').filter(({ file, spec }) =>
      /^(react|react-dom|electron|@tiptap\/react)(\/|$)/.test(spec) || ['renderer', 'electron'].includes(targetLayer(file, spec) ?? ''))
    expect(bad).toEqual([])
  })

  it('the Node layer (shared by the CLI, Electron main and the browser host) never imports the renderer, electron or the CLI', () => {
    const bad = imports('node').filter(({ file, spec }) =>
      /^(react|react-dom|electron|@tiptap\/react)(\/|$)/.test(spec) || ['renderer', 'electron', 'cli'].includes(targetLayer(file, spec) ?? ''))
    expect(bad).toEqual([])
  })

  it('the rule itself catches a violation', () => {
    expect(targetLayer('core/blocks/x.ts', '../../renderer/App')).toBe('renderer')
    expect(NODE_BUILTIN.test('node:fs')).toBe(true)
  })
})
