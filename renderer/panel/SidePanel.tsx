import type { Editor } from '@tiptap/core'
import { AlertCircle, AlertTriangle, CheckCircle2 } from 'lucide-react'
import { useCallback, useEffect, useId, useRef, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { Lang } from '../../core/i18n.js'
import { PeersPanel, useCollabState, type CollabSession } from '../collab/index.js'
import { collabText } from '../collab/labels.js'
import { jumpTo } from '../editor/jump.js'
import { useCurrentSection } from './current-section.js'
import { useAnalysis, type Analysis, type PanelAnalysis } from './useAnalysis.js'

/** The side panel's tabs; `peers` only while the document is shared. */
export const PANEL_TABS = ['outline', 'findings', 'readiness', 'preview', 'peers'] as const
/** A side panel tab. */
export type PanelTab = (typeof PANEL_TABS)[number]

/** The tabs the panel shows: all of them while the document is shared, all but `peers` otherwise. */
export function shownTabs(shared: boolean): readonly PanelTab[] {
  return shared ? PANEL_TABS : PANEL_TABS.filter((name) => name !== 'peers')
}

/**
 * The side panel: the outline, the linter's findings, readiness (sections done, maturity), the
 * Markdown the export writes and, while the document is shared, the peers in its room with how
 * each is connected. Everything in it is computed off the typing path. A `peers` tab chosen
 * while sharing falls back to the outline when sharing stops.
 */
export function SidePanel({ editor, ydoc, collab, lang, tab: chosen, onTab }: { editor: Editor; ydoc: Y.Doc; collab: CollabSession; lang: Lang; tab: PanelTab; onTab: (tab: PanelTab) => void }) {
  const { t } = useTranslation()
  const room = useCollabState(collab)
  const names = shownTabs(room.invite !== null)
  const tab = names.includes(chosen) ? chosen : 'outline'
  const panelAnalysis = useAnalysis(editor, ydoc, lang, tab === 'preview')
  const analysis = panelAnalysis.shown
  const base = useId()
  const tabs = useRef<HTMLDivElement>(null)
  const count = analysis.findings?.length ?? 0
  const hasErrors = analysis.findings?.some((f) => f.severity === 'error') ?? false

  useEffect(() => {
    if (tab !== chosen) onTab(tab)
  }, [tab, chosen, onTab])

  const onKeyDown = (event: KeyboardEvent) => {
    const index = names.indexOf(tab)
    const next = event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? names.length - 1 : null
    if (next === null) return
    event.preventDefault()
    const target = names[(next + names.length) % names.length]!
    onTab(target)
    tabs.current?.querySelector<HTMLElement>(`[data-tab="${target}"]`)?.focus()
  }

  return (
    <aside className={`panel panel--${tab}`} aria-label={t('doc.panel')}>
      <div className="panel__tabs" role="tablist" ref={tabs} onKeyDown={onKeyDown}>
        {names.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`${base}-${name}-tab`}
            data-tab={name}
            aria-selected={tab === name}
            aria-controls={`${base}-${name}`}
            tabIndex={tab === name ? 0 : -1}
            className="panel__tab"
            onClick={() => onTab(name)}
          >
            {name === 'peers' ? collabText('peersTab', lang) : t(`panel.${name}`)}
            {name === 'findings' && count > 0 && <span className={`badge ${hasErrors ? 'badge--error' : 'badge--warning'}`} aria-label={t('panel.findingsCount', { count })}>{count}</span>}
            {name === 'peers' && <span className="badge" aria-label={`${room.peers.length} ${collabText('othersInRoom', lang)}`}>{room.peers.length}</span>}
          </button>
        ))}
      </div>
      <div className="panel__body" role="tabpanel" id={`${base}-${tab}`} aria-labelledby={`${base}-${tab}-tab`} tabIndex={0}>
        {tab === 'outline' && <Outline editor={editor} analysis={panelAnalysis} />}
        {tab === 'findings' && <Findings editor={editor} analysis={panelAnalysis} />}
        {tab === 'readiness' && <ReadinessView editor={editor} analysis={panelAnalysis} />}
        {tab === 'preview' && <Preview analysis={analysis} />}
        {tab === 'peers' && <PeersPanel collab={collab} />}
      </div>
    </aside>
  )
}

// The buttons below read their positions from the latest analysis when pressed: the list shown
// keeps the positions of the analysis that last changed what it shows (see shownAnalysis).

function Outline({ editor, analysis: { shown: analysis, latest } }: { editor: Editor; analysis: PanelAnalysis }) {
  const { t } = useTranslation()
  const positions = useCallback(() => latest.current.outline.map((entry) => entry.pos), [latest])
  const current = useCurrentSection(editor, positions, analysis.outline.length)
  const list = useRef<HTMLUListElement>(null)
  useEffect(() => {
    list.current?.querySelector('[aria-current]')?.scrollIntoView({ block: 'nearest' })
  }, [current])
  if (analysis.outline.length === 0) return <p className="muted">{t('panel.noHeadings')}</p>
  return (
    <nav aria-label={t('panel.outline')}>
      <ul className="outline" ref={list}>
        {analysis.outline.map((entry, index) => (
          // Keyed by place, not position: typing above a heading moves its position, not its row.
          <li key={index} className={`outline__item outline__item--h${entry.level}`}>
            <button
              type="button"
              className="outline__link"
              aria-current={index === current ? 'location' : undefined}
              onClick={() => jumpTo(editor, latest.current.outline[index]?.pos ?? entry.pos)}
            >
              {entry.text || '…'}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}

function Findings({ editor, analysis: { shown: analysis, latest } }: { editor: Editor; analysis: PanelAnalysis }) {
  const { t } = useTranslation()
  if (analysis.lintError !== null) return <p className="notice notice--error">{t('panel.lintUnavailable', { message: analysis.lintError })}</p>
  if (analysis.findings === null) return <p className="muted" role="status">{t('panel.linting')}</p>
  const findings = analysis.findings
  return (
    <div className="findings">
      <p className="findings__summary" role="status" aria-live="polite">
        {findings.length === 0 ? (
          <><CheckCircle2 size={16} aria-hidden="true" className="ok-icon" /> {t('panel.noFindings')}</>
        ) : t('panel.findingsCount', { count: findings.length })}
      </p>
      <ul className="findings__list">
        {findings.map((finding, index) => (
          <li key={`${finding.rule}:${finding.target}:${index}`}>
            <button type="button" className={`finding finding--${finding.severity}`} data-rule={finding.rule} onClick={() => jumpTo(editor, latest.current.findings?.[index]?.pos ?? finding.pos)}>
              {finding.severity === 'error'
                ? <AlertCircle size={16} aria-label={t('panel.error')} className="finding__icon" />
                : <AlertTriangle size={16} aria-label={t('panel.warning')} className="finding__icon" />}
              <span className="finding__text">
                <span className="finding__target">{finding.target}</span>
                <span className="finding__message">{finding.message}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}

function ReadinessView({ editor, analysis: { shown: analysis, latest } }: { editor: Editor; analysis: PanelAnalysis }) {
  const { t } = useTranslation()
  const { sections, done, maturity } = analysis.readiness
  const toggle = (pos: number, value: boolean) => {
    editor.chain().command(({ tr }) => {
      tr.setNodeAttribute(pos, 'done', value)
      return true
    }).run()
  }
  const percent = sections.length ? Math.round((done / sections.length) * 100) : 0
  return (
    <div className="readiness">
      <div className="readiness__summary">
        <p className="readiness__count">{t('panel.sectionsDone', { done, total: sections.length })}</p>
        <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={sections.length} aria-valuenow={done} aria-label={t('panel.sectionsDone', { done, total: sections.length })}>
          <div className="progress__bar" style={{ width: `${percent}%` }} />
        </div>
      </div>
      <div className="readiness__maturity">
        <h3>{t('panel.maturity')}</h3>
        {maturity === null ? (
          <p className="muted">{t('panel.maturityNone')}</p>
        ) : maturity.level === null ? (
          <p className="muted">{t('panel.maturityUnrated', { rated: maturity.rated, total: maturity.total })}</p>
        ) : (
          <p className="maturity-level" data-level={maturity.level}>{t('panel.maturityLevel', { level: maturity.level })}</p>
        )}
      </div>
      <h3>{t('panel.sections')}</h3>
      {sections.length === 0 ? <p className="muted">{t('panel.noSections')}</p> : (
        <ul className="sections">
          {sections.map((section, index) => (
            <li key={index} className="section-row">
              <label className="section-row__check">
                <input type="checkbox" checked={section.done} onChange={(e) => toggle(latest.current.readiness.sections[index]?.pos ?? section.pos, e.target.checked)} aria-label={t('panel.markDone', { title: section.title })} />
              </label>
              <button type="button" className="section-row__title" onClick={() => jumpTo(editor, latest.current.readiness.sections[index]?.pos ?? section.pos)}>{section.title || '…'}</button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

function Preview({ analysis }: { analysis: Analysis }) {
  const { t } = useTranslation()
  if (analysis.markdownError !== null) return <p className="notice notice--error">{t('panel.previewUnavailable', { message: analysis.markdownError })}</p>
  return (
    <div className="preview">
      <p className="muted">{t('panel.previewHint')}</p>
      <pre className="preview__markdown" data-testid="markdown-preview">{analysis.markdown ?? ''}</pre>
    </div>
  )
}
