// Documents and checks for the scaffold tests: tool choices, metrics, and real parsers for every
// generated file (yaml, JSON.parse, smol-toml, python3 -m py_compile).
import { execFileSync } from 'node:child_process'
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { parse as parseToml } from 'smol-toml'
import { parse as parseYaml } from 'yaml'

/** A tool-choice block in the Markdown form of FORMAT.md. */
export function toolChoice(category: string, tool: string, alternatives = ''): string {
  return `<!-- mldoc:tool-choice v1 -->
| Category | ${category} |
| --- | --- |
| Tool | ${tool} |
| Lifecycle stage | |
| Alternatives considered | ${alternatives} |
| Rationale | Fits the team |
`
}

/** A metric block in the Markdown form of FORMAT.md. */
export function metric(name: string, layer: string, direction: string, baseline: string, target: string, minimum = ''): string {
  return `<!-- mldoc:metric v1 -->
| Metric | ${name} |
| --- | --- |
| Layer | ${layer} |
| Direction | ${direction} |
| Definition | |
| Baseline | ${baseline} |
| Baseline source | |
| Target | ${target} |
| Minimum acceptable | ${minimum} |
| Measurement window | |
| Parent metric | |
| Owner | |
`
}

/** A design document in Markdown: front matter with `titleYaml` (a YAML scalar), a problem section, blocks. */
export function designDoc(titleYaml: string, problem: string, blocks: readonly string[]): string {
  return `---\ntitle: ${titleYaml}\nlang: en\n---\n\n## Problem framing\n\n${problem}\n\n## Success metrics and tools\n\n${blocks.join('\n')}`
}

/**
 * A title that breaks any file it is pasted into raw: quotes of every kind, a colon, `#`, a
 * backslash, `${...}`, braces, a tab, a newline and a line separator (YAML double-quoted escapes).
 */
export const HOSTILE_TITLE_YAML = '"Fraud \\"scoring\\": v2 \\\\ \\"\\"\\" \' # {x} ${y} [z]\\tend\\nsecond line\\u2028 oʻzbek"'
/** {@link HOSTILE_TITLE_YAML} as the document's title reads. */
export const HOSTILE_TITLE = 'Fraud "scoring": v2 \\ """ \' # {x} ${y} [z]\tend\nsecond line\u2028 oʻzbek'

/** Every file under `dir`, relative with `/`, sorted (symbolic links are listed, not followed). */
export function listFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name)
      if (lstatSync(path).isDirectory()) walk(path)
      else out.push(relative(dir, path).split('\\').join('/'))
    }
  }
  walk(dir)
  return out
}

/** The tree under `dir`: each folder and file with its bytes and modification time. */
export function snapshot(dir: string): Record<string, string> {
  const tree: Record<string, string> = {}
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name)
      const info = lstatSync(path)
      const key = relative(dir, path)
      if (info.isDirectory()) {
        tree[`${key}/`] = ''
        walk(path)
      } else {
        tree[key] = `${info.mtimeMs} ${info.mode} ${readFileSync(path).toString('base64')}`
      }
    }
  }
  walk(dir)
  return tree
}

/**
 * Parses every generated YAML, JSON and TOML file with a real parser and compiles every Python
 * file with `python3 -m py_compile` (byte code goes to a scratch folder, not into the project).
 * Returns the parsed YAML, JSON and TOML files by path.
 */
export function parseAll(dir: string): Record<string, unknown> {
  const parsed: Record<string, unknown> = {}
  const python: string[] = []
  for (const path of listFiles(dir)) {
    const text = () => readFileSync(join(dir, path), 'utf8')
    try {
      if (/\.ya?ml$/.test(path)) parsed[path] = parseYaml(text(), { strict: true, uniqueKeys: true })
      else if (path.endsWith('.json')) parsed[path] = JSON.parse(text())
      else if (path.endsWith('.toml')) parsed[path] = parseToml(text())
      else if (path.endsWith('.py')) python.push(path)
    } catch (error) {
      throw new Error(`${path} does not parse: ${(error as Error).message}`)
    }
  }
  const cache = mkdtempSync(join(tmpdir(), 'mldoc-pycache-'))
  try {
    execFileSync('python3', ['-m', 'py_compile', ...python], { cwd: dir, env: { ...process.env, PYTHONPYCACHEPREFIX: cache }, stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (error) {
    throw new Error(`python3 -m py_compile failed:\n${String((error as { stderr?: unknown }).stderr ?? error)}`)
  } finally {
    rmSync(cache, { recursive: true, force: true })
  }
  parsed['(python files)'] = python
  return parsed
}
