import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HostedSignalingState, ShownSettings } from '../../core/host/api.js'
import type { en } from '../i18n/en.js'
import { useApp } from './settings.js'
import './host-signaling.css'

/** Lowest and highest port the setting takes (lower ports need administrator rights). */
const PORT_RANGE = { min: 1024, max: 65535 } as const

/** The port typed into the field, or null when it is not a whole number in {@link PORT_RANGE}. */
export function parsePort(text: string): number | null {
  if (!/^\d+$/.test(text.trim())) return null
  const port = Number(text.trim())
  return port >= PORT_RANGE.min && port <= PORT_RANGE.max ? port : null
}

/** A text of this part of Settings: a key under `settings.hostSignaling` in the UI strings. */
export type HostingText = keyof (typeof en)['settings']['hostSignaling']

/** What the status line says, as a text and its values; null when there is nothing to say (off, and meant to be). */
export function hostingStatus(settings: Pick<ShownSettings, 'hostSignaling'>, state: HostedSignalingState): { text: HostingText; values: Record<string, string | number> } | null {
  if (state.state === 'running') {
    if (!settings.hostSignaling) return { text: 'stopping', values: {} }
    return state.url === null ? { text: 'runningNoAddress', values: { port: state.port } } : { text: 'running', values: { url: state.url } }
  }
  if (!settings.hostSignaling) return null
  if (state.state === 'off') return { text: 'starting', values: {} }
  if (state.problem === 'port-in-use') return { text: 'portInUse', values: { port: state.port } }
  if (state.problem === 'not-allowed') return { text: 'notAllowed', values: { port: state.port } }
  return { text: 'failed', values: { message: state.message } }
}

/**
 * The part of Settings that has the desktop app run a signaling server on this computer, for a
 * team on one network: a checkbox, the port, what it does and what the system may ask, and what
 * the server is doing now (running at `ws://ADDRESS:PORT`, or why it does not). Where the host
 * cannot run one (browser mode: its settings carry no `hostedSignaling`), it says how to run one
 * with `mldoc signal` instead.
 */
export function HostSignalingSetting() {
  const { t } = useTranslation()
  const { settings, updateSettings } = useApp()
  const ids = { on: useId(), port: useId(), portError: useId(), help: useId(), status: useId() }
  const [port, setPort] = useState(String(settings.hostSignalingPort))
  const [portInvalid, setPortInvalid] = useState(false)
  useEffect(() => setPort(String(settings.hostSignalingPort)), [settings.hostSignalingPort])

  const state = settings.hostedSignaling
  if (state === undefined) return <p className="muted host-signaling__note" data-testid="host-signaling-browser">{t('settings.hostSignaling.browserHint')}</p>

  const savePort = () => {
    const chosen = parsePort(port)
    setPortInvalid(chosen === null)
    if (chosen !== null && chosen !== settings.hostSignalingPort) void updateSettings({ hostSignalingPort: chosen })
  }
  const status = hostingStatus(settings, state)
  const failed = settings.hostSignaling && state.state === 'failed'

  return (
    <div className="field host-signaling" data-testid="host-signaling">
      <div className="host-signaling__switch">
        <input
          id={ids.on}
          type="checkbox"
          checked={settings.hostSignaling}
          onChange={(e) => void updateSettings({ hostSignaling: e.target.checked })}
          aria-describedby={`${ids.help} ${ids.status}`}
          data-testid="settings-host-signaling"
        />
        <label htmlFor={ids.on}>{t('settings.hostSignaling.label')}</label>
      </div>
      <div className="host-signaling__port">
        <label htmlFor={ids.port}>{t('settings.hostSignaling.port')}</label>
        <input
          id={ids.port}
          className="input"
          type="number"
          min={PORT_RANGE.min}
          max={PORT_RANGE.max}
          value={port}
          onChange={(e) => setPort(e.target.value)}
          onBlur={savePort}
          onKeyDown={(e) => e.key === 'Enter' && savePort()}
          aria-invalid={portInvalid}
          aria-describedby={portInvalid ? ids.portError : undefined}
          data-testid="settings-host-signaling-port"
        />
      </div>
      {portInvalid && <small id={ids.portError} className="host-signaling__problem" role="alert">{t('settings.hostSignaling.portInvalid')}</small>}
      <small id={ids.help} className="muted">{t('settings.hostSignaling.help')}</small>
      <p id={ids.status} className={failed ? 'host-signaling__status host-signaling__problem' : 'host-signaling__status'} role="status" data-testid="host-signaling-status">
        {status ? t(`settings.hostSignaling.${status.text}`, status.values) : ''}
      </p>
    </div>
  )
}
