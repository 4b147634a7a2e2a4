import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FolderPurpose } from '../../core/host/api.js'
import { useApp } from '../app/settings.js'

/** What a {@link FolderField} shows and does. */
export interface FolderFieldProps {
  readonly purpose: FolderPurpose
  readonly label: string
  /** Browser mode only: which folders the host accepts. */
  readonly browserHint: string
  readonly placeholder: string
  readonly value: string
  readonly onChange: (folder: string) => void
  /** Electron only: called after the user picked a folder in the dialog. */
  readonly onChosen?: (folder: string) => void
  readonly disabled?: boolean
}

/**
 * Where a repository or a project goes. In the desktop app the user picks the folder with the
 * system dialog (main then lets this window use it); in the browser the folder is typed, by its
 * name inside the documents folder, and the hint says so.
 */
export function FolderField({ purpose, label, browserHint, placeholder, value, onChange, onChosen, disabled }: FolderFieldProps) {
  const { t } = useTranslation()
  const { host } = useApp()
  const id = useId()
  const hintId = useId()
  const [error, setError] = useState<string | null>(null)

  if (host.kind === 'browser') {
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input id={id} className="repo-dialog__input" value={value} placeholder={placeholder} aria-describedby={hintId} spellCheck={false} autoComplete="off" disabled={disabled} onChange={(e) => onChange(e.target.value)} data-testid={`${purpose}-folder`} />
        <small id={hintId} className="muted">{browserHint}</small>
      </div>
    )
  }

  const choose = async () => {
    setError(null)
    try {
      const { path } = await host.api.chooseFolder({ purpose })
      if (path === null) return
      onChange(path)
      onChosen?.(path)
    } catch (e) {
      setError((e as Error).message)
    }
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="repo-dialog__row">
        <input id={id} className="repo-dialog__input" value={value} placeholder={t('repo.noFolder')} readOnly data-testid={`${purpose}-folder`} />
        <button type="button" className="button" onClick={() => void choose()} disabled={disabled}>{t('repo.choose')}</button>
      </div>
      {error && <p className="notice notice--error" role="alert">{error}</p>}
    </div>
  )
}
