import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'

/** A match of the find query: a range of document positions. */
export interface FindMatch {
  readonly from: number
  readonly to: number
}

/** What the find bar shows: the query, its matches and which one is current. */
export interface FindState {
  readonly query: string
  readonly matches: readonly FindMatch[]
  /** Index into `matches`, or -1 when there is none. */
  readonly current: number
}

const EMPTY: FindState = { query: '', matches: [], current: -1 }

/** Plugin key of the find state, to read it from an editor state. */
export const findKey = new PluginKey<FindState>('findInDocument')

/**
 * Every case-insensitive occurrence of `query` in the document's text blocks (headings,
 * paragraphs, table cells, block fields). A match never crosses from one text block to another.
 */
export function findMatches(doc: PMNode, query: string): FindMatch[] {
  const needle = query.toLocaleLowerCase()
  if (!needle) return []
  const matches: FindMatch[] = []
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true
    // The block's text with one placeholder character per inline non-text node, so offsets map to positions.
    let text = ''
    node.forEach((child) => {
      text += child.isText ? child.text! : '\uFFFC'
    })
    const haystack = text.toLocaleLowerCase()
    for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
      matches.push({ from: pos + 1 + at, to: pos + 1 + at + needle.length })
    }
    return false
  })
  return matches
}

function nearest(matches: readonly FindMatch[], pos: number): number {
  if (matches.length === 0) return -1
  const index = matches.findIndex((m) => m.from >= pos)
  return index === -1 ? 0 : index
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    findInDocument: {
      /** Searches the document for `query` (empty: stop searching) and selects the first match after the cursor. */
      setFindQuery: (query: string) => ReturnType
      /** Selects the next (`1`) or previous (`-1`) match, wrapping around, and scrolls to it. */
      findStep: (direction: 1 | -1) => ReturnType
    }
  }
}

function select(tr: Transaction, match: FindMatch | undefined): Transaction {
  return match ? tr.setSelection(TextSelection.create(tr.doc, match.from, match.to)).scrollIntoView() : tr
}

/**
 * Find in the document: highlights every match of the query and moves between them. The find
 * bar (`FindBar`) drives it; the highlights are decorations, never content.
 */
export const FindInDocument = Extension.create({
  name: 'findInDocument',

  addCommands() {
    return {
      setFindQuery: (query) => ({ tr, state, dispatch }) => {
        const matches = findMatches(state.doc, query)
        const current = nearest(matches, state.selection.from)
        if (dispatch) select(tr.setMeta(findKey, { query, matches, current }), matches[current])
        return true
      },
      findStep: (direction) => ({ tr, state, dispatch }) => {
        const find = findKey.getState(state) ?? EMPTY
        if (find.matches.length === 0) return false
        const current = (find.current + direction + find.matches.length) % find.matches.length
        if (dispatch) select(tr.setMeta(findKey, { ...find, current }), find.matches[current])
        return true
      },
    }
  },

  addProseMirrorPlugins() {
    return [
      new Plugin<FindState>({
        key: findKey,
        state: {
          init: () => EMPTY,
          apply(tr, value, _old, state: EditorState) {
            const set = tr.getMeta(findKey) as FindState | undefined
            if (set) return set
            if (!tr.docChanged || !value.query) return value
            const matches = findMatches(state.doc, value.query)
            return { query: value.query, matches, current: Math.min(value.current, matches.length - 1) }
          },
        },
        props: {
          decorations(state) {
            const find = findKey.getState(state)
            if (!find || find.matches.length === 0) return DecorationSet.empty
            return DecorationSet.create(state.doc, find.matches.map((m, i) =>
              Decoration.inline(m.from, m.to, { class: i === find.current ? 'find-match find-match--current' : 'find-match' })))
          },
        },
      }),
    ]
  },
})
