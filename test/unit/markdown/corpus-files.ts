import { readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The shared corpus of real design documents (public documents by other people, kept beside the
 * repository, never copied into it; see its README). `MLDOC_CORPUS` points elsewhere.
 */
export const CORPUS_DIR = process.env.MLDOC_CORPUS ?? '/work/shared/corpus'

/** The corpus documents' paths (every `.md` but its README), in name order. */
export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .sort()
    .map((name) => join(CORPUS_DIR, name))
}
