import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { DEFAULT_SETTINGS, type Settings } from '../core/host/api.js'
import { App } from './app/App.js'
import { parseRoute } from './app/route.js'
import { AppProvider } from './app/settings.js'
import { openDocumentEarly } from './document/opening.js'
import { connectHost } from './host/index.js'
import { initI18n } from './i18n/index.js'
import './styles/app.css'

const host = connectHost()
const asked = host.api.getSettings({})
// The document the address names is read by the host while settings and translations load.
openDocumentEarly(host.api, parseRoute(window.location.hash))
const settings: Settings = await asked.catch(() => DEFAULT_SETTINGS)
await initI18n(settings.uiLang)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider host={host} initial={settings}>
      <App />
    </AppProvider>
  </StrictMode>,
)
