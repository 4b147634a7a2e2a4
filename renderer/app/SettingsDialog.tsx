import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LANGS, type Lang } from '../../core/i18n.js'
import type { Settings } from '../../core/host/api.js'
import { CollabSettingsFields } from '../collab/index.js'
import { useApp } from './settings.js'

const THEMES: readonly Settings['theme'][] = ['system', 'light', 'dark']

/**
 * Settings: interface language, theme, and for editing together your name, your colour, the
 * signaling servers and the STUN/TURN servers. Changes apply at once and the host keeps them.
 */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const { settings, updateSettings } = useApp()
  const dialog = useRef<HTMLDialogElement>(null)
  const [name, setName] = useState(settings.userName)
  const ids = { lang: useId(), theme: useId(), name: useId(), nameHint: useId(), title: useId() }

  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal()
  }, [])

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={ids.title} onClose={onClose}>
      <h2 id={ids.title}>{t('settings.title')}</h2>
      <div className="field">
        <label htmlFor={ids.lang}>{t('settings.uiLang')}</label>
        <select id={ids.lang} value={settings.uiLang} onChange={(e) => void updateSettings({ uiLang: e.target.value as Lang })}>
          {LANGS.map((l) => <option key={l} value={l}>{t(`start.languages.${l}`)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.theme}>{t('settings.theme')}</label>
        <select id={ids.theme} value={settings.theme} onChange={(e) => void updateSettings({ theme: e.target.value as Settings['theme'] })}>
          {THEMES.map((theme) => <option key={theme} value={theme}>{t(`settings.themes.${theme}`)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.name}>{t('settings.userName')}</label>
        <input
          id={ids.name}
          value={name}
          maxLength={100}
          aria-describedby={ids.nameHint}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => name !== settings.userName && void updateSettings({ userName: name })}
        />
        <small id={ids.nameHint} className="muted">{t('settings.userNameHint')}</small>
      </div>
      <CollabSettingsFields />
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={() => {
          if (name !== settings.userName) void updateSettings({ userName: name })
          dialog.current?.close()
        }}>{t('settings.close')}</button>
      </div>
    </dialog>
  )
}
