import { useId, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { parseUnifiedDiff } from './diff.js'

/**
 * A unified diff in monospace: added lines as `<ins>` on green, removed lines as `<del>` on red
 * (screen readers announce insertions and deletions, and the `+`/`-` signs stay, so colour is
 * never the only cue), with a caption naming the file and counting the changed lines. The lines
 * scroll inside a focusable region, so the keyboard can scroll a long diff.
 */
export function DiffView({ diff, path, created }: { diff: string; path: string; created: boolean }) {
  const { t } = useTranslation()
  const captionId = useId()
  const parsed = useMemo(() => parseUnifiedDiff(diff), [diff])
  return (
    <figure className="diff" aria-labelledby={captionId} data-testid="repo-diff">
      <figcaption id={captionId} className="diff__caption">
        <span>{t(created ? 'repo.newFile' : 'repo.changes', { path })}</span>
        <span className="diff__counts" data-testid="repo-diff-counts">{t('repo.counts', { added: parsed.added, removed: parsed.removed })}</span>
      </figcaption>
      <pre className="diff__lines" tabIndex={0} aria-labelledby={captionId}>
        {parsed.lines.map((line, i) => {
          const props = { className: `diff__line diff__line--${line.kind}`, 'data-kind': line.kind }
          if (line.kind === 'added') return <ins key={i} {...props}>{line.text}</ins>
          if (line.kind === 'removed') return <del key={i} {...props}>{line.text}</del>
          return <span key={i} {...props}>{line.text}</span>
        })}
      </pre>
    </figure>
  )
}
