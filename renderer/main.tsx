import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { DEFAULT_SETTINGS, type Settings } from '../core/host/api.js'
import { App } from './app/App.js'
import { AppProvider } from './app/settings.js'
import { connectHost } from './host/index.js'
import { initI18n } from './i18n/index.js'
import './styles/app.css'

const host = connectHost()
const settings: Settings = await host.api.getSettings({}).catch(() => DEFAULT_SETTINGS)
await initI18n(settings.uiLang)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider host={host} initial={settings}>
      <App />
    </AppProvider>
  </StrictMode>,
)
