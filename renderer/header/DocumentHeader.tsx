import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { DOC_STATUSES, type DocStatus, type DocumentMeta } from '../../core/document/meta.js'
import { writeMeta } from '../../core/yjs/doc.js'
import { useMeta } from '../document/useMeta.js'

/** Names typed as `Ada Lovelace, Alan Turing`. */
function parseNames(text: string): string[] {
  return text.split(',').map((name) => name.trim()).filter(Boolean)
}

/**
 * A list of names edited as comma-separated text. The text typed stays as typed while the field
 * has focus; the list is written to the header when the field loses focus or Enter is pressed.
 */
function NamesField({ label, hint, value, onCommit }: { label: string; hint: string; value: readonly string[]; onCommit: (names: string[]) => void }) {
  const id = useId()
  const [draft, setDraft] = useState<string | null>(null)
  const commit = () => {
    if (draft === null) return
    const names = parseNames(draft)
    if (names.join('\n') !== value.join('\n')) onCommit(names)
    setDraft(null)
  }
  return (
    <div className="meta-field meta-field--wide">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={draft ?? value.join(', ')}
        placeholder={hint}
        onFocus={() => setDraft(value.join(', '))}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </div>
  )
}

/**
 * The document header form: title, status, version, authors, reviewers and sign-off. Each key
 * is its own entry in the Y.Doc's `meta` map, so two people editing different keys both keep theirs.
 */
export function DocumentHeader({ ydoc }: { ydoc: Y.Doc }) {
  const { t } = useTranslation()
  const meta = useMeta(ydoc)
  const ids = { title: useId(), status: useId(), version: useId() }
  const update = (change: Partial<DocumentMeta>) => writeMeta(ydoc, { ...meta, ...change })

  return (
    <section className="doc-header" aria-label={t('header.label')}>
      <label htmlFor={ids.title} className="visually-hidden">{t('header.title')}</label>
      <input
        id={ids.title}
        className="doc-header__title"
        value={meta.title}
        placeholder={t('header.titlePlaceholder')}
        onChange={(e) => update({ title: e.target.value })}
      />
      <div className="doc-header__grid">
        <div className="meta-field">
          <label htmlFor={ids.status}>{t('header.status')}</label>
          <select id={ids.status} value={meta.status} data-status={meta.status} onChange={(e) => update({ status: e.target.value as DocStatus })}>
            {DOC_STATUSES.map((status) => <option key={status} value={status}>{t(`header.statuses.${status}`)}</option>)}
          </select>
        </div>
        <div className="meta-field meta-field--narrow">
          <label htmlFor={ids.version}>{t('header.version')}</label>
          <input id={ids.version} value={meta.version} onChange={(e) => update({ version: e.target.value })} />
        </div>
        <div className="meta-field meta-field--narrow">
          <span className="meta-field__label">{t('header.language')}</span>
          <span className="meta-field__value">{t(`start.languages.${meta.lang}`)}</span>
        </div>
        <NamesField label={t('header.authors')} hint={t('header.namesHint')} value={meta.authors} onCommit={(authors) => update({ authors })} />
        <NamesField label={t('header.reviewers')} hint={t('header.namesHint')} value={meta.reviewers} onCommit={(reviewers) => update({ reviewers })} />
        <NamesField label={t('header.signoff')} hint={t('header.namesHint')} value={meta.signoff} onCommit={(signoff) => update({ signoff })} />
      </div>
    </section>
  )
}
