import type { i18n as I18n } from 'i18next'
import { getI18n, useTranslation } from 'react-i18next'
import { isLang, type Lang } from '../../core/i18n.js'

/** The UI language an i18next instance is set to ('en' when it is none MLDoc knows). */
function langOf(i18n: I18n | undefined): Lang {
  const code = (i18n?.resolvedLanguage ?? i18n?.language ?? 'en').split('-')[0]
  return isLang(code) ? code : 'en'
}

/**
 * The language of the UI (not of the document): labels, hints and buttons of the block views.
 * Re-renders the calling view when the user switches the UI language.
 */
export function useUiLang(): Lang {
  return langOf(useTranslation().i18n)
}

/**
 * The UI language for views drawn without React: that of the i18next instance the app set up
 * for React (`initReactI18next`), the same one {@link useUiLang} reads.
 */
export function uiLang(): Lang {
  return langOf(getI18n())
}

/** Listeners of DOM views, per i18next instance; each instance is listened to once, not once per view. */
const listenersByInstance = new WeakMap<I18n, Set<(lang: Lang) => void>>()

/**
 * Calls `listener` with the new language whenever the user switches the UI language (the
 * instance {@link uiLang} reads). Returns the function that stops it; a view calls that when
 * it is destroyed.
 */
export function onUiLangChange(listener: (lang: Lang) => void): () => void {
  const i18n = getI18n()
  if (!i18n) return () => undefined
  const listeners = listenersByInstance.get(i18n) ?? listenTo(i18n)
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

/** Starts telling the DOM views of an i18next instance of its language changes; returns their set. */
function listenTo(i18n: I18n): Set<(lang: Lang) => void> {
  const listeners = new Set<(lang: Lang) => void>()
  listenersByInstance.set(i18n, listeners)
  i18n.on('languageChanged', () => {
    const lang = langOf(i18n)
    for (const listener of [...listeners]) listener(lang)
  })
  return listeners
}
