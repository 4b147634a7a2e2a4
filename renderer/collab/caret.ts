import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { remoteAwarenessUser } from '../../core/collab/awareness.js'
import type { CollabSession } from './session.js'
import './collab.css'

/**
 * The caret of a remote person: a zero-width mark with their name above it. The mark's borders
 * are cancelled by negative margins and the label is positioned out of the flow, so showing a
 * caret never moves the text. Name and colour come from the network and are cleaned first.
 */
function caretElement(raw: { name?: unknown; color?: unknown }): HTMLElement {
  const user = remoteAwarenessUser({ user: raw }, 0) ?? { name: '?', color: '#6e7781' }
  const caret = document.createElement('span')
  caret.className = 'mldoc-caret'
  caret.style.setProperty('--mldoc-caret-color', user.color)
  caret.setAttribute('aria-hidden', 'true')
  const label = document.createElement('span')
  label.className = 'mldoc-caret__label'
  label.textContent = user.name
  caret.append(label)
  return caret
}

/** Remote selections: a light wash of the person's colour. */
function selectionAttrs(raw: { color?: unknown }): { style: string; class: string } {
  const user = remoteAwarenessUser({ user: { name: '', ...raw } }, 0)
  return { style: `background-color: ${user?.color ?? '#6e7781'}33`, class: 'mldoc-remote-selection' }
}

/**
 * The editor extension that shows the others' carets and selections, from the document's
 * co-editing session. Add it to the editor's extensions, after Collaboration:
 * `[...editorExtensions(ydoc, lang), collaborationCaret(collabFor(ydoc, settings))]`.
 */
export function collaborationCaret(session: CollabSession) {
  return CollaborationCaret.configure({
    provider: { awareness: session.awareness },
    user: session.user,
    render: caretElement,
    selectionRender: selectionAttrs,
  })
}
