import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { MENU_COMMANDS, type MenuCommand } from '../../../electron/common/bridge.js'
import { folderDialogOptions } from '../../../electron/main/dialogs.js'
import { menuTemplate } from '../../../electron/main/menu.js'

/** The File menu's items, in order, for `lang`, and what clicking each one did. */
function fileMenu(lang: 'en' | 'uz') {
  const sent: MenuCommand[] = []
  const [file] = menuTemplate('linux', lang, { newWindow: () => undefined, openDocument: () => undefined, send: (command) => sent.push(command) })
  const items = (file!.submenu as MenuItemConstructorOptions[]).filter((item) => item.type !== 'separator')
  return { items, sent }
}

describe('File menu: repository items', () => {
  it('offers Export to Repository… and Create Project Skeleton… after Export Markdown, sending them to the window', () => {
    const { items, sent } = fileMenu('en')
    const labels = items.map((item) => item.label)
    const at = labels.indexOf('Export Markdown…')
    expect(labels.slice(at, at + 3)).toEqual(['Export Markdown…', 'Export to Repository…', 'Create Project Skeleton…'])
    for (const item of items.slice(at + 1, at + 3)) (item.click as () => void)()
    expect(sent).toEqual(['export-repository', 'create-project'])
    expect(MENU_COMMANDS).toEqual(expect.arrayContaining(sent))
  })

  it('speaks Uzbek when the UI does', () => {
    const labels = fileMenu('uz').items.map((item) => item.label)
    expect(labels).toEqual(expect.arrayContaining(['Repozitoriyga eksport…', 'Loyiha skeletini yaratish…']))
  })
})

describe('folder dialog', () => {
  it('picks a folder (never a file), may create one, and says what it is for', () => {
    const repository = folderDialogOptions('repository', 'en')
    expect(repository.properties).toEqual(expect.arrayContaining(['openDirectory', 'createDirectory']))
    expect(repository.properties).not.toContain('openFile')
    expect(repository.title).toBe('Choose the repository to export into')
    expect(folderDialogOptions('project', 'uz').title).toBe('Loyiha skeleti uchun papkani tanlang')
  })
})
