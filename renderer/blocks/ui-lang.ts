import { useTranslation } from 'react-i18next'
import { isLang, type Lang } from '../../core/i18n.js'

/**
 * The language of the UI (not of the document): labels, hints and buttons of the block views.
 * Re-renders the calling view when the user switches the UI language.
 */
export function useUiLang(): Lang {
  const { i18n } = useTranslation()
  const code = (i18n.resolvedLanguage ?? i18n.language ?? 'en').split('-')[0]
  return isLang(code) ? code : 'en'
}
