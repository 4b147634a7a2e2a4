import { FileText, FolderOpen, Settings as SettingsIcon } from 'lucide-react'
import { useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { RecentDocument, TemplateSummary } from '../../core/host/api.js'
import { LANGS, type Lang } from '../../core/i18n.js'
import { navigate } from '../app/route.js'
import { JoinForm } from '../collab/JoinScreen.js'
import { useApp } from '../app/settings.js'
import { SettingsDialog } from '../app/SettingsDialog.js'

/**
 * The start screen: a new document from a template (in English or Uzbek), a document opened
 * from disk, or one of the recent documents.
 */
export function StartScreen() {
  const { t, i18n } = useTranslation()
  const { host, settings } = useApp()
  const [lang, setLang] = useState<Lang>(settings.uiLang)
  const [templates, setTemplates] = useState<TemplateSummary[] | null>(null)
  const [recent, setRecent] = useState<RecentDocument[]>([])
  const [error, setError] = useState<string | null>(null)
  const [settingsOpen, setSettingsOpen] = useState(false)
  const langName = useId()

  useEffect(() => {
    let live = true
    host.api.listTemplates({ lang }).then((list) => live && setTemplates(list), (e: Error) => live && setError(e.message))
    return () => {
      live = false
    }
  }, [host, lang])
  useEffect(() => {
    host.api.recentDocuments({}).then(setRecent, (e: Error) => setError(e.message))
  }, [host])

  const openFile = async () => {
    try {
      const opened = await host.api.openDocument({})
      if (opened?.path) navigate({ kind: 'open', file: opened.path })
    } catch (e) {
      setError((e as Error).message)
    }
  }

  const dateFormat = new Intl.DateTimeFormat(i18n.language === 'uz' ? 'uz-Latn' : 'en', { dateStyle: 'medium', timeStyle: 'short' })

  return (
    <div className="start">
      <header className="start__top">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true">M</span>
          <div>
            <h1 className="brand__name">{t('app.name')}</h1>
            <p className="brand__tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <button type="button" className="button button--ghost" onClick={() => setSettingsOpen(true)}>
          <SettingsIcon size={16} aria-hidden="true" /> {t('doc.settings')}
        </button>
      </header>

      {error && <p className="notice notice--error" role="alert">{error}</p>}

      <main className="start__grid">
        <section className="start__new" aria-labelledby="new-title">
          <div className="section-head">
            <h2 id="new-title">{t('start.newTitle')}</h2>
            <fieldset className="segmented">
              <legend className="segmented__legend">{t('start.language')}</legend>
              {LANGS.map((l) => (
                <label key={l} className="segmented__option">
                  <input type="radio" name={langName} value={l} checked={lang === l} onChange={() => setLang(l)} />
                  <span>{t(`start.languages.${l}`)}</span>
                </label>
              ))}
            </fieldset>
          </div>
          <p className="muted">{t('start.newHint')}</p>
          {templates === null ? (
            <p className="muted" role="status">{t('start.templatesLoading')}</p>
          ) : (
            <ul className="template-list">
              {templates.map((template) => {
                const available = template.langs.includes(lang)
                return (
                  <li key={template.id}>
                    <button
                      type="button"
                      className="template-card"
                      data-template={template.id}
                      disabled={!available}
                      aria-label={t('start.createFrom', { title: template.title, language: t(`start.languages.${lang}`) })}
                      onClick={() => navigate({ kind: 'new', templateId: template.id, lang })}
                    >
                      <span className="template-card__title">{template.title}</span>
                      <span className="template-card__description">{template.description}</span>
                      {!available && <span className="template-card__note">{t('start.noLanguage', { language: t(`start.languages.${lang}`) })}</span>}
                    </button>
                  </li>
                )
              })}
            </ul>
          )}
        </section>

        <aside className="start__side">
          <section aria-labelledby="open-title" className="card">
            <h2 id="open-title">{t('start.openTitle')}</h2>
            {host.kind === 'electron' ? (
              <button type="button" className="button" onClick={() => void openFile()}>
                <FolderOpen size={16} aria-hidden="true" /> {t('start.openFile')}
              </button>
            ) : (
              <OpenByName recent={recent} />
            )}
          </section>
          <section className="card">
            <JoinForm />
          </section>
          <section aria-labelledby="recent-title" className="card">
            <h2 id="recent-title">{t(host.kind === 'electron' ? 'start.recentTitle' : 'start.folderTitle')}</h2>
            {recent.length === 0 ? (
              <p className="muted">{t('start.noRecent')}</p>
            ) : (
              <ul className="recent-list">
                {recent.map((doc) => (
                  <li key={doc.path}>
                    <button type="button" className="recent-item" onClick={() => navigate({ kind: 'open', file: doc.path })}>
                      <FileText size={16} aria-hidden="true" />
                      <span className="recent-item__name">{doc.name}</span>
                      <span className="recent-item__date">{t('start.modified', { date: dateFormat.format(new Date(doc.openedAt)) })}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </main>
      {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
    </div>
  )
}

/** Browser mode: a document is opened by its name in the documents folder. */
function OpenByName({ recent }: { recent: readonly RecentDocument[] }) {
  const { t } = useTranslation()
  const [name, setName] = useState('')
  const inputId = useId()
  const listId = useId()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (name.trim()) navigate({ kind: 'open', file: name.trim() })
  }
  return (
    <form className="open-form" onSubmit={submit}>
      <label htmlFor={inputId}>{t('start.openByName')}</label>
      <div className="open-form__row">
        <input id={inputId} list={listId} value={name} onChange={(e) => setName(e.target.value)} placeholder={t('start.openByNameHint')} />
        <button type="submit" className="button">{t('start.open')}</button>
      </div>
      <datalist id={listId}>
        {recent.map((doc) => <option key={doc.path} value={doc.path} />)}
      </datalist>
    </form>
  )
}
