import i18next, { type i18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Lang } from '../../core/i18n.js'
import { en } from './en.js'
import { uz } from './uz.js'

/**
 * Starts i18next with the UI text in English and Uzbek. The UI language is a user setting; the
 * document's own language (its labels and choice values) is separate and lives in its header.
 */
export async function initI18n(lang: Lang): Promise<i18n> {
  await i18next.use(initReactI18next).init({
    lng: lang,
    fallbackLng: 'en',
    resources: { en: { translation: en }, uz: { translation: uz } },
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  document.documentElement.lang = lang
  return i18next
}

/** Switches the UI language at once, everywhere. */
export async function setUiLang(lang: Lang): Promise<void> {
  await i18next.changeLanguage(lang)
  document.documentElement.lang = lang
}
