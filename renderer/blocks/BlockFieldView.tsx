import type { ReactNodeViewProps } from '@tiptap/react'
import { NodeViewContent, NodeViewWrapper } from '@tiptap/react'
import { useId, useState, type MouseEvent } from 'react'
import { fieldSpecIn, focusEndOf } from './fields.js'
import { useUiLang } from './ui-lang.js'

/**
 * A labelled text field of a structured block: a label, and the field's text as ProseMirror
 * content with the spec's hint as placeholder while it is empty. Clicking the label puts the
 * caret at the end of the text.
 */
export function BlockFieldView({ node, view, getPos, selectionInside }: ReactNodeViewProps) {
  const lang = useUiLang()
  const labelId = useId()
  const name = String(node.attrs.name)
  // The node view never moves to another parent, so the parent's type is read once.
  const [parentType] = useState(() => {
    const pos = getPos()
    return pos === undefined ? '' : view.state.doc.resolve(pos).parent.type.name
  })
  const spec = fieldSpecIn(parentType, name)
  const label = spec?.label[lang] ?? name
  const hint = spec?.hint[lang] ?? ''
  const empty = node.content.size === 0

  const focusField = (event: MouseEvent) => {
    event.preventDefault()
    focusEndOf(view, getPos())
  }

  return (
    <NodeViewWrapper className="mldoc-field-frame" data-active={selectionInside ? '' : undefined}>
      <span className="mldoc-field-label" id={labelId} contentEditable={false} onMouseDown={focusField}>
        {label}
      </span>
      <NodeViewContent
        className={empty ? 'mldoc-field-text is-empty' : 'mldoc-field-text'}
        role="textbox"
        aria-labelledby={labelId}
        aria-placeholder={hint || undefined}
        data-placeholder={hint}
      />
    </NodeViewWrapper>
  )
}
