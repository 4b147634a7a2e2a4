import { useTranslation } from 'react-i18next'
import { navigate } from '../app/route.js'

/** Says that a document cannot be opened, and why (the error names the file), with the way back to the start screen. */
export function OpenFailed({ message }: { message: string }) {
  const { t } = useTranslation()
  return (
    <div className="screen-message">
      <div className="card card--narrow" role="alert">
        <h1>{t('app.openFailed')}</h1>
        <p>{message}</p>
        <button type="button" className="button button--primary" onClick={() => navigate({ kind: 'start' })}>{t('app.back')}</button>
      </div>
    </div>
  )
}
