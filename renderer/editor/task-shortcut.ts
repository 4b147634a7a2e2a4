import { Extension, InputRule } from '@tiptap/core'

/**
 * The Markdown way to start a task list, `- [ ] ` (or `- [x] `): the `- ` has already made a
 * bulleted list by the time `[ ] ` is typed, so this turns that list item into a task list item,
 * ticked for `[x]`. (`[ ] ` on an empty line is the task list's own rule.)
 */
export const TaskListShortcut = Extension.create({
  name: 'taskListShortcut',

  addInputRules() {
    return [
      new InputRule({
        find: /^\[([ xX]?)\]\s$/,
        handler: ({ state, range, match, chain }) => {
          const { $from } = state.selection
          if ($from.depth < 2 || $from.node(-1).type.name !== 'listItem' || $from.node(-2).type.name !== 'bulletList') return null
          const checked = (match[1] ?? '').toLowerCase() === 'x'
          chain().deleteRange(range).toggleList('taskList', 'taskItem').updateAttributes('taskItem', { checked }).run()
        },
      }),
    ]
  },
})
