import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { Settings, ShownSettings } from '../../core/host/api.js'
import type { Host } from '../host/index.js'
import { setUiLang } from '../i18n/index.js'

/** The host and the user's settings, as the whole app sees them. */
export interface AppContextValue {
  readonly host: Host
  /** The settings as the host shows them (with what its signaling server does, where it runs one). */
  readonly settings: ShownSettings
  /** Changes settings: applied at once, kept by the host. */
  readonly updateSettings: (change: Partial<Settings>) => Promise<void>
}

const AppContext = createContext<AppContextValue | null>(null)

/**
 * Provides the host and settings; applies the UI language and theme whenever they change, and
 * asks the host again when the window comes to the front (another window or a command line may
 * have changed them, and a hosted signaling server's network address follows the network).
 */
export function AppProvider({ host, initial, children }: { host: Host; initial: ShownSettings; children: ReactNode }) {
  const [settings, setSettings] = useState(initial)
  // The host answers each change with every change so far; an answer that arrives after a later
  // change was asked for is older than what is shown, so only the latest one is taken.
  const asked = useRef(0)
  const updateSettings = useCallback(async (change: Partial<Settings>) => {
    const request = ++asked.current
    setSettings((current) => ({ ...current, ...change }))
    const stored = await host.api.setSettings(change)
    if (request === asked.current) setSettings(stored)
  }, [host])
  useEffect(() => {
    const refresh = () => {
      host.api.getSettings({}).then(
        (fresh) => setSettings((current) => (JSON.stringify(current) === JSON.stringify(fresh) ? current : fresh)),
        () => undefined, // the settings in force stay; the next focus asks again
      )
    }
    window.addEventListener('focus', refresh)
    return () => window.removeEventListener('focus', refresh)
  }, [host])
  useEffect(() => {
    void setUiLang(settings.uiLang)
  }, [settings.uiLang])
  useTheme(settings.theme)
  const value = useMemo(() => ({ host, settings, updateSettings }), [host, settings, updateSettings])
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>
}

/** The host and settings. */
export function useApp(): AppContextValue {
  const value = useContext(AppContext)
  if (!value) throw new Error('useApp outside AppProvider')
  return value
}

/** Sets `data-theme` on the page from the setting, following the system's preference for `system`. */
function useTheme(theme: Settings['theme']): void {
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)')
    const apply = () => {
      const dark = theme === 'dark' || (theme === 'system' && query.matches)
      document.documentElement.dataset.theme = dark ? 'dark' : 'light'
      document.documentElement.style.colorScheme = dark ? 'dark' : 'light'
    }
    apply()
    query.addEventListener('change', apply)
    return () => query.removeEventListener('change', apply)
  }, [theme])
}
