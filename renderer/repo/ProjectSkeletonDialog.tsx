import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { ScaffoldResult } from '../../core/host/api.js'
import { encodeMLDocFile } from '../../core/yjs/file.js'
import { useApp } from '../app/settings.js'
import { FolderField } from './FolderField.js'
import { rememberedFolders, rememberFolders } from './remembered.js'

/**
 * Create project skeleton: the folder (picked with the system dialog in the desktop app, typed as
 * a folder inside the documents folder in the browser), then the ML project the document
 * describes is created there. Existing files are never overwritten; the dialog lists what was
 * created and what was skipped, with the reason.
 */
export function ProjectSkeletonDialog({ ydoc, onClose }: { ydoc: Y.Doc; onClose: () => void }) {
  const { t } = useTranslation()
  const { host } = useApp()
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const [folder, setFolder] = useState(rememberedFolders(ydoc).project)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<ScaffoldResult | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal()
  }, [])

  const create = async (event: FormEvent) => {
    event.preventDefault()
    if (folder.trim() === '') return
    setBusy(true)
    setError(null)
    setResult(null)
    try {
      setResult(await host.api.scaffoldProject({ dir: folder, state: new Uint8Array(encodeMLDocFile(ydoc)) }))
      rememberFolders(ydoc, { project: folder })
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <dialog ref={dialog} className="dialog repo-dialog" aria-labelledby={titleId} onClose={onClose} data-testid="project-dialog">
      <h2 id={titleId}>{t('project.title')}</h2>
      <p className="muted">{t('project.intro')}</p>
      <form onSubmit={(event) => void create(event)}>
        <FolderField
          purpose="project"
          label={t('project.folder')}
          browserHint={t('project.folderBrowserHint')}
          placeholder={t('project.folderPlaceholder')}
          value={folder}
          onChange={(chosen) => {
            setFolder(chosen)
            setResult(null)
          }}
          disabled={busy}
        />
        <div className="repo-dialog__result" aria-live="polite" aria-busy={busy}>
          {busy && <p className="muted" role="status">{t('project.creating')}</p>}
          {error && <p className="notice notice--error" role="alert" data-testid="project-error">{t('project.failed', { message: error })}</p>}
          {result && <ScaffoldSummary result={result} />}
        </div>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => dialog.current?.close()}>{t('repo.close')}</button>
          <button type="submit" className="button button--primary" disabled={busy || folder.trim() === ''} data-testid="project-create">{t('project.create')}</button>
        </div>
      </form>
    </dialog>
  )
}

/** What a scaffold created and skipped, as two lists of paths. */
function ScaffoldSummary({ result }: { result: ScaffoldResult }) {
  const { t } = useTranslation()
  return (
    <div data-testid="project-result">
      <p className={`notice ${result.created.length > 0 ? 'notice--ok' : ''}`} role="status">
        {result.created.length > 0 ? t('project.summary', { created: result.created.length, skipped: result.skipped.length }) : t('project.nothingCreated')}
      </p>
      {result.created.length > 0 && (
        <details open>
          <summary>{t('project.created')} ({result.created.length})</summary>
          <ul className="repo-dialog__files">{result.created.map((path) => <li key={path}><code>{path}</code></li>)}</ul>
        </details>
      )}
      {result.skipped.length > 0 && (
        <details open={result.created.length > 0}>
          <summary>{t('project.skipped')} ({result.skipped.length})</summary>
          <ul className="repo-dialog__files">{result.skipped.map(({ path, reason }) => <li key={path}><code>{path}</code> <span className="muted">— {reason}</span></li>)}</ul>
        </details>
      )}
    </div>
  )
}
