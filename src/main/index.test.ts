import type { IpcMainInvokeEvent } from 'electron'
import { readdir, readFile } from 'node:fs/promises'
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

    // Exports go where the save dialog says, written a part at a time and put in place once whole.
    const target = path.join(dataDir, 'export.jsonl')
    const encode = (text: string): Uint8Array => new TextEncoder().encode(text)
    const temps = async (): Promise<string[]> => (await readdir(dataDir)).filter((f) => f.endsWith('.tmp'))
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target })
    const begun = (await call(ipcChannel('beginExport'), { defaultName: 'export.jsonl' })) as {
      value: { id: string; path: string }
    }
    expect(begun).toMatchObject({ ok: true, value: { path: target } })
    expect(electron.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({
      properties: ['showOverwriteConfirmation', 'createDirectory']
    })
    const { id } = begun.value
    for (const part of ['{"id":', '"x"}\n'])
      expect(await call(ipcChannel('appendExport'), { id, data: encode(part) })).toEqual({
        ok: true,
        value: null
      })
    await expect(readFile(target)).rejects.toThrow()
    expect(await call(ipcChannel('finishExport'), { id })).toEqual({ ok: true, value: { path: target } })
    expect(await readFile(target, 'utf8')).toBe('{"id":"x"}\n')
    expect(await call(ipcChannel('finishExport'), { id })).toMatchObject({
      ok: false,
      error: { message: 'No export is being written under that id.' }
    })
    // An export aborted, or left open when the page crashed or reloaded, leaves the target as it was.
    for (const end of ['abort', 'render-process-gone', 'did-navigate'] as const) {
      electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target })
      const again = (await call(ipcChannel('beginExport'), { defaultName: 'export.jsonl' })) as {
        value: { id: string }
      }
      await call(ipcChannel('appendExport'), { id: again.value.id, data: encode('half') })
      expect(await temps()).toHaveLength(1)
      if (end === 'abort') await call(ipcChannel('abortExport'), { id: again.value.id })
      else window.webContents.listeners.get(end)!()
      await vi.waitFor(async () => expect(await temps()).toEqual([]))
      expect(await readFile(target, 'utf8')).toBe('{"id":"x"}\n')
    }
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' })
    expect(await call(ipcChannel('beginExport'), { defaultName: 'x.csv' })).toEqual({ ok: true, value: null })
    expect(await call(ipcChannel('beginExport'), { defaultName: '../x.csv' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' }
    })
    expect(await call(ipcChannel('appendExport'), { id: 'not-an-id', data: encode('a') })).toMatchObject({
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
