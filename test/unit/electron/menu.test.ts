import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import type { MenuCommand } from '../../../electron/common/bridge.js'
import { CLOSE_CHOICES, closePromptOptions, openDialogOptions, saveDialogOptions } from '../../../electron/main/dialogs.js'
import { menuTemplate } from '../../../electron/main/menu.js'

/** Every item of a menu template, depth first. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])])
}

function build(platform: NodeJS.Platform, lang: 'en' | 'uz' = 'en') {
  const done: string[] = []
  const template = menuTemplate(platform, lang, {
    newWindow: () => done.push('new window'),
    openDocument: () => done.push('open dialog'),
    send: (command: MenuCommand) => done.push(`send ${command}`),
  })
  const byLabel = (label: string) => {
    const item = items(template).find((i) => i.label === label)
    if (!item) throw new Error(`no menu item ${label}`)
    return item
  }
  const click = (label: string) => (byLabel(label).click as () => void)()
  return { template, done, byLabel, click }
}

describe('native menus', () => {
  it.each(['linux', 'win32', 'darwin'] as const)('on %s: every file and edit action with its standard shortcut', (platform) => {
    const { byLabel } = build(platform)
    expect(byLabel('New').accelerator).toBe('CmdOrCtrl+N')
    expect(byLabel('Open…').accelerator).toBe('CmdOrCtrl+O')
    expect(byLabel('Save').accelerator).toBe('CmdOrCtrl+S')
    expect(byLabel('Save As…').accelerator).toBe('CmdOrCtrl+Shift+S')
    expect(byLabel('Export Markdown…').accelerator).toBe('CmdOrCtrl+Shift+E')
    expect(byLabel('Undo').accelerator).toBe('CmdOrCtrl+Z')
    expect(byLabel('Redo').accelerator).toBe(platform === 'win32' ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z')
    expect(byLabel('Find…').accelerator).toBe('CmdOrCtrl+F')
  })

  it('opens windows itself and sends the editor commands to the renderer', () => {
    const { click, done } = build('linux')
    for (const label of ['New', 'Open…', 'Save', 'Save As…', 'Export Markdown…', 'Undo', 'Redo', 'Find…']) click(label)
    expect(done).toEqual(['new window', 'open dialog', 'send save', 'send save-as', 'send export-markdown', 'send undo', 'send redo', 'send find'])
  })

  it('has the app menu first on macOS only', () => {
    expect(build('darwin').template[0]!.label).toBe('MLDoc')
    expect(build('linux').template[0]!.label).toBe('File')
  })

  it('speaks Uzbek when the UI does', () => {
    const { template, byLabel } = build('linux', 'uz')
    expect(template.map((m) => m.label)).toEqual(['Fayl', 'Tahrirlash', 'Koʻrinish', 'Oyna'])
    expect(byLabel('Saqlash').accelerator).toBe('CmdOrCtrl+S')
  })
})

describe('dialogs', () => {
  it('open .mldoc documents and Markdown files', () => {
    expect(openDialogOptions('en').filters!.map((f) => f.extensions)).toEqual([['mldoc'], ['md', 'markdown']])
  })

  it('propose a file name without folder parts, with the right extension', () => {
    expect(saveDialogOptions('document', 'Churn / v2: plan', 'en').defaultPath).toBe('Churn v2 plan.mldoc')
    expect(saveDialogOptions('markdown', '../../etc/passwd', 'en').defaultPath).toBe('.. .. etc passwd.md')
    expect(saveDialogOptions('document', '', 'uz').defaultPath).toBe('document.mldoc')
    expect(saveDialogOptions('document', 'plan.mldoc', 'en').defaultPath).toBe('plan.mldoc')
  })

  it('ask Save / Don’t Save / Cancel before closing with unsaved changes, Cancel on Escape', () => {
    const options = closePromptOptions('en', 'plan')
    expect(options.message).toContain('“plan”')
    expect(options.buttons).toEqual(['Save', 'Don’t Save', 'Cancel'])
    expect(CLOSE_CHOICES).toEqual(['save', 'discard', 'cancel'])
    expect(options.cancelId).toBe(2)
  })
})
