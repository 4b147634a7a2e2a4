// Real temporary git repositories for the export and scaffold tests.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { MLDocument } from '../../core/document/model.js'
import { importMarkdown } from '../../core/markdown/index.js'

/** The repository root of MLDoc. */
export const ROOT = resolve(import.meta.dirname, '../..')

/** The complete example document of the templates. */
export const CHURN_EXAMPLE = join(ROOT, 'templates/example-churn-prediction/en.md')

/** Runs git in `cwd` and returns what it printed, trimmed. */
export function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
}

/** A scratch folder and a function that removes it. */
export function scratch(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mldoc-repo-'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A new git repository in `dir`, with a local author and no signing (whatever the machine's config says). */
export function initRepo(dir: string): string {
  gitIn(dir, 'init', '-q')
  gitIn(dir, 'config', 'user.name', 'MLDoc Test')
  gitIn(dir, 'config', 'user.email', 'test@mldoc.invalid')
  gitIn(dir, 'config', 'commit.gpgsign', 'false')
  return dir
}

/** A document read from a Markdown file, strictly (a broken fixture fails loudly). */
export function readDoc(path: string): MLDocument {
  return importMarkdown(readFileSync(path, 'utf8'), { source: path, strict: true }).doc
}

/** A document from Markdown text, strictly. */
export function docFrom(markdown: string): MLDocument {
  return importMarkdown(markdown, { source: 'fixture.md', strict: true }).doc
}
