import { useEffect, useId, useRef, useState } from 'react'
import { formatIceServers, parseIceServers, parseSignalingServers } from '../../core/collab/servers.js'
import { HostSignalingSetting } from '../app/HostSignalingSetting.js'
import { useApp } from '../app/settings.js'
import { collabText } from './labels.js'

/**
 * The co-editing part of Settings: your colour (shown with your name on your caret), the
 * signaling servers, hosting one on this computer, and the ICE (STUN/TURN) servers, one per line.
 * Each is saved when the field loses focus, or refused with the line that is wrong. The
 * signaling list follows the host's while you are not editing it (a hosted server's network
 * address comes and goes with the server). Render it in the Settings dialog: `<CollabSettingsFields />`.
 */
export function CollabSettingsFields() {
  const { settings, updateSettings } = useApp()
  const lang = settings.uiLang
  const ids = { color: useId(), signaling: useId(), ice: useId(), iceHint: useId() }
  const [signaling, setSignaling] = useState(settings.signalingUrls.join('\n'))
  const [ice, setIce] = useState(formatIceServers(settings.iceServers))
  const [errors, setErrors] = useState<{ signaling?: string; ice?: string }>({})
  const signalingField = useRef<HTMLTextAreaElement>(null)
  const signalingShown = settings.signalingUrls.join('\n')
  useEffect(() => {
    if (document.activeElement !== signalingField.current) setSignaling(signalingShown)
  }, [signalingShown])

  const save = (field: 'signaling' | 'ice') => {
    try {
      if (field === 'signaling') void updateSettings({ signalingUrls: parseSignalingServers(signaling) })
      else void updateSettings({ iceServers: parseIceServers(ice) })
      setErrors((e) => ({ ...e, [field]: undefined }))
    } catch (error) {
      setErrors((e) => ({ ...e, [field]: (error as Error).message }))
    }
  }

  return (
    <>
      <div className="field">
        <label htmlFor={ids.color}>{collabText('settingsColor', lang)}</label>
        <input id={ids.color} type="color" value={settings.userColor} onChange={(e) => void updateSettings({ userColor: e.target.value })} data-testid="settings-color" />
      </div>
      <div className="field">
        <label htmlFor={ids.signaling}>{collabText('settingsSignaling', lang)}</label>
        <textarea ref={signalingField} id={ids.signaling} className="input" rows={2} value={signaling} onChange={(e) => setSignaling(e.target.value)} onBlur={() => save('signaling')} placeholder="ws://127.0.0.1:4444" aria-invalid={errors.signaling !== undefined} data-testid="settings-signaling" />
        {errors.signaling && <small className="collab-warning" role="alert">{errors.signaling}</small>}
      </div>
      <HostSignalingSetting />
      <div className="field">
        <label htmlFor={ids.ice}>{collabText('settingsIce', lang)}</label>
        <textarea id={ids.ice} className="input" rows={2} value={ice} onChange={(e) => setIce(e.target.value)} onBlur={() => save('ice')} placeholder="stun:stun.example.org:3478" aria-describedby={ids.iceHint} aria-invalid={errors.ice !== undefined} data-testid="settings-ice" />
        <small id={ids.iceHint} className="muted">{collabText('settingsIceHint', lang)}</small>
        {errors.ice && <small className="collab-warning" role="alert">{errors.ice}</small>}
      </div>
    </>
  )
}
