import type { IpcMainInvokeEvent } from 'electron'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it, vi } from 'vitest'
import { ipcChannel } from '../shared/channels'
import { rendererDir } from './paths'
import { tempCorpus } from './test-corpus'

const electron = vi.hoisted(() => {
  const paths = new Map<string, string>()
  return {
    paths,
    handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
    appListeners: new Map<string, (...args: unknown[]) => void>(),
    enableSandbox: vi.fn(),
    showOpenDialog: vi.fn(),
    showSaveDialog: vi.fn(),
    setApplicationMenu: vi.fn()
  }
})

vi.mock('electron', async () => {
  const { FakeBrowserWindow } = await import('./electron-mock')
  return {
    BrowserWindow: FakeBrowserWindow,
    app: {
      setPath: (name: string, value: string) => electron.paths.set(name, value),
      getPath: (name: string) => electron.paths.get(name) ?? '/nonexistent',
      enableSandbox: electron.enableSandbox,
      on: (event: string, listener: (...args: unknown[]) => void) =>
        electron.appListeners.set(event, listener),
      whenReady: () => Promise.resolve(),
      exit: vi.fn(),
      quit: vi.fn()
    },
    dialog: {
      showOpenDialog: electron.showOpenDialog,
      showSaveDialog: electron.showSaveDialog,
      showErrorBox: vi.fn()
    },
    ipcMain: {
      handle: (channel: string, listener: (event: unknown, ...args: unknown[]) => Promise<unknown>) =>
        electron.handlers.set(channel, listener)
    },
    Menu: { setApplicationMenu: electron.setApplicationMenu, buildFromTemplate: (t: unknown) => t }
  }
})

describe('Electron main entry', () => {
  it('honours --user-data-dir and --corpus, wires IPC, and remembers a folder picked in the dialog', async () => {
    const dataDir = await tempCorpus()
    const corpus = await tempCorpus({ 'from-arg.txt': 'x' })
    const picked = await tempCorpus({ 'picked.md': 'y' })
    const argv = process.argv
    process.argv = [...argv, `--corpus=${corpus}`, `--user-data-dir=${dataDir}`]
    await import('./index')
    process.argv = argv
    await vi.waitFor(() => expect(electron.setApplicationMenu).toHaveBeenCalled())

    expect(electron.paths.get('userData')).toBe(dataDir)
    expect(electron.enableSandbox).toHaveBeenCalled()
    expect(electron.appListeners.has('web-contents-created')).toBe(true)

    const { FakeBrowserWindow } = await import('./electron-mock')
    const window = await vi.waitFor(() => {
      const w = FakeBrowserWindow.windows.at(-1)
      if (!w?.loadedUrl) throw new Error('no window yet')
      return w
    })
    const event = {
      sender: window.webContents,
      senderFrame: { url: pathToFileURL(path.join(rendererDir(), 'index.html')).href }
    } as unknown as IpcMainInvokeEvent
    const call = (channel: string, ...args: unknown[]) => electron.handlers.get(channel)!(event, ...args)

    expect(await call(ipcChannel('listCorpus'))).toMatchObject({
      ok: true,
      value: { docs: [{ id: 'from-arg.txt' }] }
    })

    electron.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] })
    expect(await call(ipcChannel('pickCorpus'))).toEqual({ ok: true, value: null })

    electron.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [picked] })
    expect(await call(ipcChannel('pickCorpus'))).toMatchObject({
      ok: true,
      value: { docs: [{ id: 'picked.md' }] }
    })
    expect(await call(ipcChannel('listCorpus'))).toMatchObject({ ok: true, value: { root: picked } })
    const settings = JSON.parse(
      await readFile(path.join(dataDir, 'spanmark-settings.json'), 'utf8')
    ) as unknown
    expect(settings).toEqual({ lastCorpus: picked })

    // Exports go where the save dialog says, written atomically; imports read what the open dialog returned.
    const target = path.join(dataDir, 'export.jsonl')
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target })
    const exported = await call(ipcChannel('saveExport'), {
      defaultName: 'export.jsonl',
      data: '{"id":"x"}\n'
    })
    expect(exported).toEqual({ ok: true, value: { path: target } })
    expect(electron.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({
      properties: ['showOverwriteConfirmation', 'createDirectory']
    })
    expect(await readFile(target, 'utf8')).toBe('{"id":"x"}\n')
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target })
    const parts = [new TextEncoder().encode('{"id":'), new TextEncoder().encode('"y"}\n')]
    expect(await call(ipcChannel('saveExport'), { defaultName: 'export.jsonl', data: parts })).toEqual({
      ok: true,
      value: { path: target }
    })
    expect(await readFile(target, 'utf8')).toBe('{"id":"y"}\n')
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' })
    expect(await call(ipcChannel('saveExport'), { defaultName: 'x.csv', data: 'a' })).toEqual({
      ok: true,
      value: null
    })
    expect(await call(ipcChannel('saveExport'), { defaultName: '../x.csv', data: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' }
    })
    electron.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [target] })
    expect(await call(ipcChannel('openImport'))).toMatchObject({
      ok: true,
      value: [{ name: 'export.jsonl' }]
    })
  })
})
