import { Editor } from '@tiptap/core'
import { ArrowLeft, Download, FolderTree, GitBranch, PanelRightClose, PanelRightOpen, Save, Settings as SettingsIcon } from 'lucide-react'
import { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { BindingMapping } from '../../core/yjs/body-from-y.js'
import { navigate, replaceRoute } from '../app/route.js'
import { collaborationCaret, ShareButton, useCollab, type CollabSession } from '../collab/index.js'
import { useApp } from '../app/settings.js'
import { documentMarkdown } from '../document/markdown.js'
import type { DocumentSession, SaveStatus, SessionState } from '../document/session.js'
import { OpenFailed } from '../document/OpenFailed.js'
import { useMeta } from '../document/useMeta.js'
import { DocumentHeader } from '../header/DocumentHeader.js'
import { SidePanel, type PanelTab } from '../panel/SidePanel.js'
import { EditorMount, useEditorLifetime } from './EditorMount.js'
import { editorExtensions } from './extensions.js'
import { openDocumentEditor } from './open-editor.js'
import { FindBar } from './FindBar.js'
import { Toolbar } from './Toolbar.js'

// Dialogs load when first opened, not with the editor (the repository ones bring the file encoder).
const SettingsDialog = lazy(() => import('../app/SettingsDialog.js').then((m) => ({ default: m.SettingsDialog })))
const RepositoryExportDialog = lazy(() => import('../repo/index.js').then((m) => ({ default: m.RepositoryExportDialog })))
const ProjectSkeletonDialog = lazy(() => import('../repo/index.js').then((m) => ({ default: m.ProjectSkeletonDialog })))

/** A short message after an action, read out by screen readers. */
interface Toast {
  readonly kind: 'ok' | 'error'
  readonly text: string
}

function statusText(t: TFunction, state: SessionState, status: SaveStatus): string {
  if (status === 'saving') return t('doc.saving')
  if (status === 'failed') return t('doc.saveFailed', { message: state.error ?? '' })
  if (state.path === null) return t('doc.neverSaved')
  return status === 'saved' ? t('doc.saved') : t('doc.unsaved')
}

/**
 * The save state the title bar shows: edits whose autosave is due show as being saved, so that
 * typing without a pause, saved every second, keeps one "Saving…" rather than flickering between
 * three states (each change of the text costs the page a frame, which delayed keystrokes).
 */
function shownStatus(state: SessionState): SaveStatus {
  return state.status === 'unsaved' && state.autosaveDue ? 'saving' : state.status
}

/**
 * A document open for editing: the editor made for its Y.Doc ({@link openDocumentEditor}, which
 * checks the document as it builds it) and the workspace around it, or, when the editor refuses
 * the document, what is wrong with it.
 */
export function DocumentView({ session }: { session: DocumentSession }) {
  const { t } = useTranslation()
  const meta = useMeta(session.ydoc)
  const docLang = useRef(meta.lang)
  docLang.current = meta.lang
  const collab = useCollab(session.ydoc)
  // Made once per session (the document screen makes a new DocumentView for each), without an
  // element: EditorMount mounts it, with its React node views.
  const [opened] = useState((): { editor: Editor } | { error: string } => {
    try {
      const extensions = (mapping: BindingMapping) => [...editorExtensions(session.ydoc, () => docLang.current, mapping), collaborationCaret(collab)]
      const attributes = { class: 'prose', 'aria-label': t('editor.label'), 'aria-multiline': 'true', role: 'textbox', spellcheck: 'true', lang: meta.lang }
      return { editor: openDocumentEditor(session.ydoc, session.source, extensions, { attributes }) }
    } catch (error) {
      return { error: (error as Error).message }
    }
  })
  if ('error' in opened) return <OpenFailed message={opened.error} />
  return <DocumentWorkspace session={session} editor={opened.editor} collab={collab} title={meta.title} />
}

/**
 * The title bar (save state, Share, Save, Export), the toolbar, the header form, the editor bound
 * to the document's Y.Doc, and the side panel. The editor never re-renders this tree per
 * transaction; only the parts that show editor state subscribe to it.
 */
function DocumentWorkspace({ session, editor, collab, title }: { session: DocumentSession; editor: Editor; collab: CollabSession; title: string }) {
  const { t } = useTranslation()
  const { host, settings } = useApp()
  const [panelOpen, setPanelOpen] = useState(true)
  const [tab, setTab] = useState<PanelTab>('outline')
  const [toast, setToast] = useState<Toast | null>(null)
  const [settingsOpen, setSettingsOpen] = useState(false)
  const [leaving, setLeaving] = useState(false)
  const [finding, setFinding] = useState(false)
  const [repoDialog, setRepoDialog] = useState<'export' | 'project' | null>(null)
  // The toolbar, find bar and side panel run editor commands: they render once the editor is mounted.
  const [mounted, setMounted] = useState(false)
  useEditorLifetime(editor)

  const save = async (options: { saveAs?: boolean } = {}) => {
    const saved = await session.save(options)
    const path = session.getState().path
    if (saved && path !== null) replaceRoute({ kind: 'open', file: path })
    return saved
  }

  const exportToMarkdown = async () => {
    try {
      const path = await session.exportMarkdown(await documentMarkdown(editor, session.ydoc))
      if (path !== null) setToast({ kind: 'ok', text: t('doc.exported', { path }) })
    } catch (error) {
      setToast({ kind: 'error', text: t('doc.exportFailed', { message: (error as Error).message }) })
    }
  }

  const leave = async () => {
    if (session.getState().path === null) return setLeaving(true)
    if (session.dirty && !(await session.save())) return
    navigate({ kind: 'start' })
  }

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return
      const key = event.key.toLowerCase()
      if (key === 's') {
        event.preventDefault()
        void save()
      } else if (key === 'f' && !event.shiftKey) {
        event.preventDefault()
        setFinding(true)
      }
    }
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (session.dirty) event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => {
      window.removeEventListener('keydown', onKey)
      window.removeEventListener('beforeunload', onBeforeUnload)
    }
  })

  // The desktop app's menu (Save, Save As, Export, Undo, Redo) and its question before closing.
  const commands = useRef({ save, exportToMarkdown })
  commands.current = { save, exportToMarkdown }
  useEffect(() => {
    const desktop = host.desktop
    if (!desktop) return
    desktop.onCloseRequest(async (action) => {
      if (action === 'save' && session.dirty) await commands.current.save()
      return session.dirty
    })
    const stop = desktop.onMenu((command) => {
      if (command === 'save') void commands.current.save()
      else if (command === 'save-as') void commands.current.save({ saveAs: true })
      else if (command === 'export-markdown') void commands.current.exportToMarkdown()
      else if (command === 'export-repository') setRepoDialog('export')
      else if (command === 'create-project') setRepoDialog('project')
      else if (command === 'undo') editor.chain().focus().undo().run()
      else if (command === 'redo') editor.chain().focus().redo().run()
      else if (command === 'find') setFinding(true)
    })
    return stop
  }, [host, session, editor])

  useEffect(() => {
    if (!toast) return
    const timer = window.setTimeout(() => setToast(null), 5000)
    return () => window.clearTimeout(timer)
  }, [toast])


  return (
    <div className={`doc-app${panelOpen ? '' : ' doc-app--wide'}`}>
      <header className="topbar">
        <button type="button" className="button button--ghost button--icon" onClick={() => void leave()} aria-label={t('app.back')} title={t('app.back')}>
          <ArrowLeft size={18} aria-hidden="true" />
        </button>
        <DocumentTitle session={session} title={title} />
        <div className="topbar__actions">
          <ShareButton collab={collab} />
          <button type="button" className="button button--primary" onClick={() => void save()} title={t('doc.saveHint')}>
            <Save size={16} aria-hidden="true" /> {t('doc.save')}
          </button>
          <button type="button" className="button" onClick={() => void exportToMarkdown()}>
            <Download size={16} aria-hidden="true" /> {t('doc.export')}
          </button>
          <button type="button" className="button button--ghost button--icon" onClick={() => setRepoDialog('export')} aria-label={t('repo.open')} title={t('repo.open')} aria-haspopup="dialog">
            <GitBranch size={18} aria-hidden="true" />
          </button>
          <button type="button" className="button button--ghost button--icon" onClick={() => setRepoDialog('project')} aria-label={t('project.open')} title={t('project.open')} aria-haspopup="dialog">
            <FolderTree size={18} aria-hidden="true" />
          </button>
          <button type="button" className="button button--ghost button--icon" onClick={() => setSettingsOpen(true)} aria-label={t('doc.settings')} title={t('doc.settings')}>
            <SettingsIcon size={18} aria-hidden="true" />
          </button>
          <button type="button" className="button button--ghost button--icon" onClick={() => setPanelOpen((open) => !open)} aria-label={panelOpen ? t('doc.hidePanel') : t('doc.showPanel')} aria-expanded={panelOpen} title={panelOpen ? t('doc.hidePanel') : t('doc.showPanel')}>
            {panelOpen ? <PanelRightClose size={18} aria-hidden="true" /> : <PanelRightOpen size={18} aria-hidden="true" />}
          </button>
        </div>
      </header>
      <div className={`workspace${panelOpen && tab === 'preview' ? ' workspace--preview' : ''}`}>
        <div className="editor-column">
          {mounted && <Toolbar editor={editor} />}
          {mounted && finding && <FindBar editor={editor} onClose={() => setFinding(false)} />}
          <main className="page-scroll">
            <article className="page">
              <DocumentHeader ydoc={session.ydoc} />
              <EditorMount editor={editor} className="editor" onMounted={setMounted} />
            </article>
          </main>
        </div>
        {mounted && panelOpen && <SidePanel editor={editor} ydoc={session.ydoc} collab={collab} lang={settings.uiLang} tab={tab} onTab={setTab} />}
      </div>
      {toast && <div className={`toast toast--${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>{toast.text}</div>}
      <Suspense fallback={null}>
        {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
        {repoDialog === 'export' && <RepositoryExportDialog ydoc={session.ydoc} onClose={() => setRepoDialog(null)} />}
        {repoDialog === 'project' && <ProjectSkeletonDialog ydoc={session.ydoc} onClose={() => setRepoDialog(null)} />}
      </Suspense>
      {leaving && (
        <LeaveDialog
          onSave={async () => {
            setLeaving(false)
            if (await save()) navigate({ kind: 'start' })
          }}
          onDiscard={() => navigate({ kind: 'start' })}
          onCancel={() => setLeaving(false)}
        />
      )}
    </div>
  )
}

/**
 * The document's name, file and save state in the title bar (and the window title). The save
 * state changes while someone types (see {@link shownStatus}) and is written into its element
 * directly, only when it changes, not through a React render: every React commit while the
 * editor has the focus makes React measure the selection by walking the whole editor's DOM (all
 * of a long document), which delayed the keystrokes typed meanwhile.
 */
function DocumentTitle({ session, title }: { session: DocumentSession; title: string }) {
  const { t } = useTranslation()
  const path = useSyncExternalStore(session.subscribe, () => session.getState().path)
  const sessionName = useSyncExternalStore(session.subscribe, () => session.getState().name)
  const name = title || sessionName || t('doc.untitled')
  const status = useRef<HTMLSpanElement>(null)
  useEffect(() => {
    document.title = `${name} — MLDoc`
  }, [name])
  useLayoutEffect(() => {
    let written = ''
    const show = () => {
      const element = status.current
      if (!element) return
      const state = session.getState()
      const saveStatus = shownStatus(state)
      const shown = state.path === null ? 'new' : saveStatus
      const text = statusText(t, state, saveStatus)
      // Writing the same state again would still cost a frame.
      if (`${shown}\n${text}` === written) return
      written = `${shown}\n${text}`
      element.className = `save-state save-state--${shown}`
      element.dataset.saveState = shown
      element.textContent = text
    }
    show()
    return session.subscribe(show)
  }, [session, t])
  return (
    <div className="topbar__title">
      <span className="topbar__name">{name}</span>
      {path !== null && <span className="topbar__path" title={path}>{path}</span>}
      <span ref={status} role="status" aria-live="polite" />
    </div>
  )
}

/** Asks what to do with a document that was never saved before leaving it. */
function LeaveDialog({ onSave, onDiscard, onCancel }: { onSave: () => void; onDiscard: () => void; onCancel: () => void }) {
  const { t } = useTranslation()
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal()
  }, [])
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="leave-title" aria-describedby="leave-text" onClose={onCancel}>
      <h2 id="leave-title">{t('doc.leaveTitle')}</h2>
      <p id="leave-text">{t('doc.leaveText')}</p>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onCancel}>{t('doc.cancel')}</button>
        <button type="button" className="button button--danger" onClick={onDiscard}>{t('doc.leaveDiscard')}</button>
        <button type="button" className="button button--primary" onClick={onSave}>{t('doc.leaveSave')}</button>
      </div>
    </dialog>
  )
}
