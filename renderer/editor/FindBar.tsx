import type { Editor } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import { ChevronDown, ChevronUp, X } from 'lucide-react'
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { findKey } from './find.js'

/**
 * The find bar (Ctrl/Cmd+F, or Find in the desktop menu): type to highlight every match, Enter
 * and Shift+Enter move between them, Escape closes it and returns to the text.
 */
export function FindBar({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const { t } = useTranslation()
  const [query, setQuery] = useState('')
  const input = useRef<HTMLInputElement>(null)
  const id = useId()
  const found = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const state = e ? findKey.getState(e.state) : undefined
      return { total: state?.matches.length ?? 0, current: state?.current ?? -1 }
    },
  })

  useEffect(() => {
    input.current?.focus()
    input.current?.select()
    return () => {
      if (!editor.isDestroyed) editor.commands.setFindQuery('')
    }
  }, [editor])

  const close = () => {
    onClose()
    editor.commands.focus()
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      editor.commands.findStep(event.shiftKey ? -1 : 1)
    } else if (event.key === 'Escape') {
      event.preventDefault()
      close()
    }
  }
  const total = found?.total ?? 0
  return (
    <div className="find-bar" role="search">
      <label htmlFor={id} className="visually-hidden">{t('find.label')}</label>
      <input
        id={id}
        ref={input}
        value={query}
        placeholder={t('find.label')}
        onChange={(event) => {
          setQuery(event.target.value)
          editor.commands.setFindQuery(event.target.value)
        }}
        onKeyDown={onKeyDown}
      />
      <span className="find-bar__count" role="status" aria-live="polite">
        {query === '' ? '' : total === 0 ? t('find.none') : t('find.count', { current: (found?.current ?? 0) + 1, total })}
      </span>
      <button type="button" className="tool" aria-label={t('find.previous')} title={t('find.previous')} disabled={total === 0} onClick={() => editor.commands.findStep(-1)}>
        <ChevronUp size={17} aria-hidden="true" />
      </button>
      <button type="button" className="tool" aria-label={t('find.next')} title={t('find.next')} disabled={total === 0} onClick={() => editor.commands.findStep(1)}>
        <ChevronDown size={17} aria-hidden="true" />
      </button>
      <button type="button" className="tool" aria-label={t('find.close')} title={t('find.close')} onClick={close}>
        <X size={17} aria-hidden="true" />
      </button>
    </div>
  )
}
