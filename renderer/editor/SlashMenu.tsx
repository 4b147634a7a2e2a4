import { Extension, type Editor } from '@tiptap/core'
import { PluginKey } from '@tiptap/pm/state'
import { ReactRenderer } from '@tiptap/react'
import Suggestion, { type SuggestionKeyDownProps, type SuggestionProps } from '@tiptap/suggestion'
import i18next from 'i18next'
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Lang } from '../../core/i18n.js'
import { filterSlashItems, slashItems, type SlashItem } from './slash-items.js'

/** Options of {@link SlashMenu}. */
export interface SlashMenuOptions {
  /** The document's language, in which new blocks are labelled. */
  documentLang: () => Lang
}

interface MenuHandle {
  onKeyDown(event: KeyboardEvent): boolean
}

interface MenuProps {
  items: SlashItem[]
  command: (item: SlashItem) => void
}

/** The `/` menu popup: a listbox of blocks, moved through with the arrow keys while typing continues. */
const SlashMenuList = forwardRef<MenuHandle, MenuProps>(function SlashMenuList({ items, command }, ref) {
  const { t } = useTranslation()
  const [selected, setSelected] = useState(0)
  const list = useRef<HTMLDivElement>(null)
  useEffect(() => setSelected(0), [items])
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' })
  }, [selected])
  useImperativeHandle(ref, () => ({
    onKeyDown(event) {
      if (items.length === 0) return false
      if (event.key === 'ArrowDown' || (event.key === 'Tab' && !event.shiftKey)) {
        setSelected((i) => (i + 1) % items.length)
        return true
      }
      if (event.key === 'ArrowUp' || (event.key === 'Tab' && event.shiftKey)) {
        setSelected((i) => (i + items.length - 1) % items.length)
        return true
      }
      if (event.key === 'Enter') {
        const item = items[selected]
        if (item) command(item)
        return true
      }
      return false
    },
  }), [items, selected, command])

  if (items.length === 0) return <div className="slash-menu slash-menu--empty" role="status">{t('slash.empty')}</div>
  let group: SlashItem['group'] | null = null
  return (
    <div className="slash-menu" role="listbox" aria-label={t('slash.label')} ref={list}>
      {items.map((item, index) => {
        const heading = item.group !== group ? (group = item.group) : null
        return (
          <div key={item.id} role="presentation">
            {heading && <div className="slash-menu__group" role="presentation">{t(heading === 'blocks' ? 'slash.blocks' : 'slash.basic')}</div>}
            <div
              id={`slash-${item.id}`}
              role="option"
              aria-selected={index === selected}
              data-item={item.id}
              className="slash-menu__item"
              onMouseEnter={() => setSelected(index)}
              onMouseDown={(event) => {
                event.preventDefault()
                command(item)
              }}
            >
              <span className="slash-menu__label">{item.label}</span>
              <span className="slash-menu__description">{item.description}</span>
            </div>
          </div>
        )
      })}
    </div>
  )
})

/**
 * The `/` menu: typing `/` at the start of a line or after a space lists every structured block
 * and the basic elements; the arrow keys, Tab and Enter pick one, Escape closes it.
 */
export const SlashMenu = Extension.create<SlashMenuOptions>({
  name: 'slashMenu',

  addOptions() {
    return { documentLang: () => 'en' }
  },

  addProseMirrorPlugins() {
    const documentLang = this.options.documentLang
    return [
      Suggestion<SlashItem, SlashItem>({
        editor: this.editor,
        pluginKey: new PluginKey('slashMenu'),
        char: '/',
        allowSpaces: false,
        items: ({ query }) => {
          const uiLang: Lang = i18next.language === 'uz' ? 'uz' : 'en'
          return filterSlashItems(slashItems(i18next.t, uiLang, documentLang()), query)
        },
        command: ({ editor, range, props }) => props.run(editor, range),
        allow: ({ state, range }) => {
          const $from = state.doc.resolve(range.from)
          return $from.parent.type.name === 'paragraph' && $from.depth === 1
        },
        render: () => {
          let renderer: ReactRenderer<MenuHandle, MenuProps> | null = null
          let unmount: (() => void) | null = null
          const propsOf = (props: SuggestionProps<SlashItem, SlashItem>): MenuProps => ({ items: props.items, command: props.command })
          return {
            onStart(props) {
              renderer = new ReactRenderer(SlashMenuList, { props: propsOf(props), editor: props.editor as Editor })
              renderer.element.classList.add('slash-menu-host')
              unmount = props.mount(renderer.element)
            },
            onUpdate(props) {
              renderer?.updateProps(propsOf(props))
            },
            onKeyDown(props: SuggestionKeyDownProps) {
              if (props.event.key === 'Escape') return true
              return renderer?.ref?.onKeyDown(props.event) ?? false
            },
            onExit() {
              unmount?.()
              renderer?.destroy()
              renderer = null
              unmount = null
            },
          }
        },
      }),
    ]
  },
})
