import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { MAX_COMMIT_MESSAGE, type RepositoryExportResult } from '../../core/host/api.js'
import { encodeMLDocFile } from '../../core/yjs/file.js'
import { useApp } from '../app/settings.js'
import { useMeta } from '../document/useMeta.js'
import { DiffView } from './DiffView.js'
import { FolderField } from './FolderField.js'
import { rememberedFolders, rememberFolders } from './remembered.js'

/** The diff shown, and exactly what was compared: Export writes these bytes, not a later edit. */
interface Preview {
  readonly repo: string
  readonly path: string
  readonly state: Uint8Array<ArrayBuffer>
  readonly result: RepositoryExportResult
}

/** The sentence saying what an export did. */
function outcome(t: TFunction, result: RepositoryExportResult, committing: boolean): string {
  const commit = result.commit?.slice(0, 12)
  if (result.changed) return commit ? t('repo.exportedCommitted', { path: result.path, commit }) : t('repo.exported', { path: result.path })
  if (commit) return t('repo.committed', { path: result.path, commit })
  return committing ? t('repo.nothingToCommit') : t('repo.unchanged')
}

/**
 * Export to repository: the repository folder (picked with the system dialog in the desktop app,
 * typed as a folder inside the documents folder in the browser), the file in it (by default
 * `docs/design/<slug>.md`), the diff against the file already there, and an optional commit of
 * that file alone. Nothing is written until Export; Export writes what the diff showed.
 */
export function RepositoryExportDialog({ ydoc, onClose }: { ydoc: Y.Doc; onClose: () => void }) {
  const { t } = useTranslation()
  const { host } = useApp()
  const meta = useMeta(ydoc)
  const dialog = useRef<HTMLDialogElement>(null)
  const ids = { title: useId(), path: useId(), pathHint: useId(), commitHint: useId(), message: useId() }
  const remembered = rememberedFolders(ydoc)
  const [repo, setRepo] = useState(remembered.repo)
  const [path, setPath] = useState(remembered.path)
  const [committing, setCommitting] = useState(false)
  const [message, setMessage] = useState(() => t('repo.defaultMessage', { title: meta.title || t('doc.untitled') }))
  const [preview, setPreview] = useState<Preview | null>(null)
  const [busy, setBusy] = useState<'checking' | 'exporting' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)

  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal()
    if (remembered.repo) void showChanges(remembered.repo, remembered.path)
    // Only when the dialog opens (with the repository used last): later previews are the user's to ask for.
  }, [])

  /** Compares the document as it is now with the file in the repository (a dry run). */
  async function showChanges(repoName: string, pathName: string): Promise<void> {
    if (repoName.trim() === '') return
    setBusy('checking')
    setError(null)
    setDone(null)
    setPreview(null)
    const state = new Uint8Array(encodeMLDocFile(ydoc))
    try {
      const result = await host.api.exportToRepository({ repo: repoName, path: pathName.trim() || undefined, state, dryRun: true })
      setPath(result.path)
      setPreview({ repo: repoName, path: result.path, state, result })
      rememberFolders(ydoc, { repo: repoName, path: result.path })
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(null)
    }
  }

  async function exportNow(): Promise<void> {
    if (!preview) return
    setBusy('exporting')
    setError(null)
    try {
      const result = await host.api.exportToRepository({
        repo: preview.repo,
        path: preview.path,
        state: preview.state,
        commitMessage: committing ? message.trim() : undefined,
        dryRun: false,
      })
      setDone(outcome(t, result, committing))
      // The file now holds what was compared: nothing is left to export.
      setPreview({ ...preview, result: { ...result, changed: false, created: false, diff: '' } })
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(null)
    }
  }

  const edit = (change: () => void) => {
    change()
    setPreview(null)
    setDone(null)
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void showChanges(repo, path)
  }
  const messageMissing = committing && message.trim() === ''
  const canExport = preview !== null && busy === null && !messageMissing && (preview.result.changed || committing)

  return (
    <dialog ref={dialog} className="dialog repo-dialog" aria-labelledby={ids.title} onClose={onClose} data-testid="repo-export-dialog">
      <h2 id={ids.title}>{t('repo.title')}</h2>
      <p className="muted">{t('repo.intro')}</p>
      <form onSubmit={submit}>
        <FolderField
          purpose="repository"
          label={t('repo.folder')}
          browserHint={t('repo.folderBrowserHint')}
          placeholder={t('repo.folderPlaceholder')}
          value={repo}
          onChange={(folder) => edit(() => setRepo(folder))}
          onChosen={(folder) => void showChanges(folder, path)}
          disabled={busy !== null}
        />
        <div className="field">
          <label htmlFor={ids.path}>{t('repo.path')}</label>
          <div className="repo-dialog__row">
            <input id={ids.path} className="repo-dialog__input" value={path} placeholder="docs/design/<slug>.md" aria-describedby={ids.pathHint} spellCheck={false} autoComplete="off" onChange={(e) => edit(() => setPath(e.target.value))} data-testid="repo-path" />
            <button type="submit" className="button" disabled={busy !== null || repo.trim() === ''} data-testid="repo-show-changes">{t('repo.showChanges')}</button>
          </div>
          <small id={ids.pathHint} className="muted">{t('repo.pathHint')}</small>
        </div>
      </form>

      <div className="repo-dialog__result" aria-live="polite" aria-busy={busy !== null}>
        {busy === 'checking' && <p className="muted" role="status">{t('repo.checking')}</p>}
        {done && <p className="notice notice--ok" role="status" data-testid="repo-outcome">{done}</p>}
        {!done && preview && !preview.result.changed && (
          <p className="notice" role="status" data-testid="repo-unchanged">
            {t('repo.unchanged')}
            {committing && <><br /><span className="muted">{t('repo.unchangedCommit')}</span></>}
          </p>
        )}
        {preview && preview.result.changed && <DiffView diff={preview.result.diff} path={preview.result.path} created={preview.result.created} />}
        {error && <p className="notice notice--error" role="alert" data-testid="repo-error">{t('repo.failed', { message: error })}</p>}
      </div>

      <div className="field repo-dialog__commit">
        <label className="repo-dialog__check">
          <input type="checkbox" checked={committing} onChange={(e) => setCommitting(e.target.checked)} aria-describedby={ids.commitHint} data-testid="repo-commit" />
          {t('repo.commit')}
        </label>
        <small id={ids.commitHint} className="muted">{t('repo.commitHint')}</small>
        {committing && (
          <>
            <label htmlFor={ids.message}>{t('repo.message')}</label>
            <textarea id={ids.message} className="repo-dialog__message" rows={3} value={message} maxLength={MAX_COMMIT_MESSAGE} aria-invalid={messageMissing} onChange={(e) => setMessage(e.target.value)} data-testid="repo-message" />
            {messageMissing && <small className="repo-dialog__warning">{t('repo.needMessage')}</small>}
          </>
        )}
      </div>

      <div className="dialog__actions">
        <button type="button" className="button" onClick={() => dialog.current?.close()}>{t('repo.close')}</button>
        <button type="button" className="button button--primary" disabled={!canExport} onClick={() => void exportNow()} data-testid="repo-export">
          {busy === 'exporting' ? t('repo.exporting') : t(committing ? 'repo.exportCommit' : 'repo.export')}
        </button>
      </div>
    </dialog>
  )
}
