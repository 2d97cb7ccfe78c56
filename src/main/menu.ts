import type { BrowserWindow, MenuItemConstructorOptions } from 'electron'
import { MENU_CHANNEL, type MenuCommand } from '../shared/channels'

/** The application menu; commands go to the renderer, which owns the state they change. */
export function menuTemplate(getWindow: () => BrowserWindow | undefined): MenuItemConstructorOptions[] {
  const command = (name: MenuCommand) => () => getWindow()?.webContents.send(MENU_CHANNEL, name)
  return [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Folder…', accelerator: 'CmdOrCtrl+O', click: command('open-folder') },
        { type: 'separator' },
        { role: 'quit' }
      ]
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' }
  ]
}
