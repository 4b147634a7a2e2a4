import { Extension } from '@tiptap/core'
import { Plugin, TextSelection } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'

/**
 * Inserts a character typed at the caret as a transaction, as ProseMirror itself does for a
 * character typed over a selected node or a selection across blocks, instead of letting the
 * browser insert it.
 *
 * The browser's own insertion lays the whole document out before it returns (5 ms of forced
 * layout per key on the 1x bench document, plus 2 ms syncing its selection), and ProseMirror then
 * reads the change back from the DOM. As a transaction, the character reaches the Y.Doc, and so
 * a peer, before anything lays the page out (`sent-before-drawn.ts`): the one layout per key
 * comes after, when ProseMirror puts the DOM selection after the character.
 *
 * Left to the browser, as before: composition (input methods, dead keys: they fire no
 * keypress), keys typed into a block view's own controls, and a caret the editor has not caught
 * up with yet (a selection change it has not read), where the DOM's caret is the truth.
 */
function insertTypedCharacter(view: EditorView, event: KeyboardEvent): boolean {
  const text = event.key
  if ([...text].length !== 1 || text === '\r' || text === '\n') return false
  const { selection } = view.state
  if (!(selection instanceof TextSelection) || !selection.empty) return false
  const caret = (view.root as Document).getSelection()
  if (!caret?.isCollapsed || !caret.anchorNode || !view.dom.contains(caret.anchorNode)) return false
  // The key goes where the caret is: not into a control of a block view that has the focus.
  if (!(event.target instanceof Node) || !event.target.contains(caret.anchorNode)) return false
  if (view.posAtDOM(caret.anchorNode, caret.anchorOffset) !== selection.head) return false
  const { from, to } = selection
  const insert = () => view.state.tr.insertText(text).scrollIntoView()
  if (!view.someProp('handleTextInput', (handle) => handle(view, from, to, text, insert))) view.dispatch(insert())
  return true
}

/** The editor extension for {@link insertTypedCharacter}. */
export const TypedCharacters = Extension.create({
  name: 'typedCharacters',
  addProseMirrorPlugins() {
    return [new Plugin({ props: { handleKeyPress: insertTypedCharacter } })]
  },
})
