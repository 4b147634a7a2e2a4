import Heading from '@tiptap/extension-heading'

/**
 * A heading that can open a section of the document. Besides its level it carries the
 * template's guidance for the section (shown as placeholder text, never exported as content)
 * and whether the team marked the section done (counted by readiness, checked by the linter).
 */
export const SectionHeading = Heading.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      guidance: { default: null, rendered: false, keepOnSplit: false },
      done: { default: false, rendered: false, keepOnSplit: false },
    }
  },
})
