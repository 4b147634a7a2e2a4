import { useEffect, useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { navigate } from '../app/route.js'
import { useApp } from '../app/settings.js'
import { DocumentView } from '../editor/DocumentView.js'
import { OpenFailed } from './OpenFailed.js'
import { openSessionFor, type DocumentRoute } from './opening.js'
import type { DocumentSession } from './session.js'

type Loaded = { session: DocumentSession } | { error: string } | null

/**
 * Opens the document a route names (a new one from a template, or a file) and shows it; a file
 * that cannot be read, or whose document the editor refuses (see `DocumentView`), is named with
 * what is wrong.
 */
export function DocumentScreen({ route }: { route: DocumentRoute }) {
  const { t } = useTranslation()
  const { host } = useApp()
  const [loaded, setLoaded] = useState<Loaded>(null)

  useEffect(() => {
    let live = true
    let session: DocumentSession | null = null
    openSessionFor(host.api, route)
      .then((opened) => {
        if (!live) return opened?.dispose()
        if (!opened) return navigate({ kind: 'start' })
        session = opened
        // Rendered now, not in a task of its own: the browser would first draw another frame of
        // the loading message, on the way to an editable document.
        flushSync(() => setLoaded({ session: opened }))
      })
      .catch((error: Error) => live && setLoaded({ error: error.message }))
    return () => {
      live = false
      session?.dispose()
    }
  }, [host, route])

  if (loaded === null) return <div className="screen-message" role="status">{t('app.loading')}</div>
  if ('error' in loaded) return <OpenFailed message={loaded.error} />
  return <DocumentView session={loaded.session} />
}
