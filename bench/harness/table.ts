/** One line of the results table. Every cell is text as printed; figures come from measurements only. */
export interface ResultRow {
  /** Which benchmark, e.g. `Markdown export`. */
  readonly benchmark: string
  /** The document or input, e.g. `1x` or `small`. */
  readonly size: string
  /** Our figure, or `not run: <reason>`. */
  readonly ours: string
  /** The peer's figure with its name, or `—` where there is no peer. */
  readonly peer: string
  /** ours / peer, or `—`. */
  readonly ratio: string
  /** The goal in words, or `—` where the issue sets none. */
  readonly goal: string
  /** `yes`, `NO`, or `—` (no goal, or not run). */
  readonly met: 'yes' | 'NO' | '—'
}

/** The columns of the table, in order, with their headings. */
const COLUMNS: readonly (readonly [keyof ResultRow, string])[] = [
  ['benchmark', 'benchmark'],
  ['size', 'size'],
  ['ours', 'ours'],
  ['peer', 'peer'],
  ['ratio', 'ratio'],
  ['goal', 'goal'],
  ['met', 'met?'],
]

/** A row for a benchmark that could not run: says why, never a figure. */
export function notRunRow(benchmark: string, size: string, goal: string, reason: string): ResultRow {
  return { benchmark, size, ours: `not run: ${reason}`, peer: '—', ratio: '—', goal, met: '—' }
}

/** `yes`/`NO` for a goal check, `—` when nothing was checked. */
export function metCell(met: boolean | null): ResultRow['met'] {
  return met === null ? '—' : met ? 'yes' : 'NO'
}

function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

/** The rows as a GitHub-flavoured Markdown table. */
export function formatTable(rows: readonly ResultRow[]): string {
  const head = `| ${COLUMNS.map(([, title]) => title).join(' | ')} |`
  const rule = `| ${COLUMNS.map(() => '---').join(' | ')} |`
  const body = rows.map((row) => `| ${COLUMNS.map(([key]) => escapeCell(row[key])).join(' | ')} |`)
  return [head, rule, ...body].join('\n')
}

/** The column titles, for checking a printed table. */
export const TABLE_HEADER = `| ${COLUMNS.map(([, title]) => title).join(' | ')} |`
