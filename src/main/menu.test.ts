import type { BrowserWindow, MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { MENU_CHANNEL } from '../shared/channels'
import { menuTemplate } from './menu'

describe('menuTemplate', () => {
  it('has File > Open Folder on Ctrl/Cmd+O, sent to the renderer', () => {
    const send = vi.fn()
    const window = { webContents: { send } } as unknown as BrowserWindow
    const file = menuTemplate(() => window).find((item) => item.label === 'File')
    const open = (file?.submenu as MenuItemConstructorOptions[]).find((item) =>
      item.label?.startsWith('Open Folder')
    )
    expect(open?.accelerator).toBe('CmdOrCtrl+O')
    ;(open?.click as () => void)()
    expect(send).toHaveBeenCalledWith(MENU_CHANNEL, 'open-folder')
  })
})
