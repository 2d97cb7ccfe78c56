import type { IpcMainInvokeEvent, WebContents } from 'electron'
import { pathToFileURL } from 'node:url'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { FakeBrowserWindow, fakeWebContents } from './electron-mock'
import { rendererDir } from './paths'

vi.mock('electron', async () => ({ BrowserWindow: (await import('./electron-mock')).FakeBrowserWindow }))

const { createMainWindow, isOwnPage, isTrustedSender, lockDown, WINDOW_OPTIONS } = await import('./window')

const OWN_PAGE = pathToFileURL(path.join(rendererDir(), 'index.html')).href

describe('main window', () => {
  it('keeps every renderer protection on (SPEC 8)', () => {
    expect(WINDOW_OPTIONS.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false
    })
    expect(WINDOW_OPTIONS.webPreferences.preload).toMatch(/out[/\\]preload[/\\]index\.js$/)
  })

  it('loads the built renderer from a file', async () => {
    const window = (await createMainWindow()) as unknown as FakeBrowserWindow
    expect(window.options).toBe(WINDOW_OPTIONS)
    expect(window.loadedUrl).toBe(OWN_PAGE)
  })

  it('recognises only its own page', () => {
    expect(isOwnPage(OWN_PAGE)).toBe(true)
    expect(isOwnPage(`${OWN_PAGE}#doc`)).toBe(true)
    expect(isOwnPage('file:///etc/passwd')).toBe(false)
    expect(isOwnPage('https://example.com/')).toBe(false)
    expect(isOwnPage('not a url')).toBe(false)
  })
})

describe('lockDown', () => {
  const locked = () => {
    const contents = fakeWebContents()
    lockDown(contents as unknown as WebContents)
    return contents
  }

  it('denies new windows', () => {
    expect(locked().windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' })
  })

  it('blocks navigation away from the app, and webviews', () => {
    const contents = locked()
    const away = { preventDefault: vi.fn() }
    contents.listeners.get('will-navigate')?.(away, 'https://example.com/')
    expect(away.preventDefault).toHaveBeenCalled()
    const home = { preventDefault: vi.fn() }
    contents.listeners.get('will-navigate')?.(home, OWN_PAGE)
    expect(home.preventDefault).not.toHaveBeenCalled()
    const webview = { preventDefault: vi.fn() }
    contents.listeners.get('will-attach-webview')?.(webview)
    expect(webview.preventDefault).toHaveBeenCalled()
  })

  it('denies every permission request and check', () => {
    const contents = locked()
    const callback = vi.fn()
    contents.permissionHandler?.(contents, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
    expect(contents.permissionCheck?.()).toBe(false)
  })
})

describe('isTrustedSender', () => {
  it('accepts our window on our page and refuses other frames and senders', async () => {
    const window = (await createMainWindow()) as unknown as FakeBrowserWindow
    const event = (sender: unknown, url: string | null) =>
      ({ sender, senderFrame: url === null ? null : { url } }) as unknown as IpcMainInvokeEvent
    expect(isTrustedSender(event(window.webContents, OWN_PAGE))).toBe(true)
    expect(isTrustedSender(event(window.webContents, 'https://example.com/'))).toBe(false)
    expect(isTrustedSender(event(window.webContents, null))).toBe(false)
    expect(isTrustedSender(event(fakeWebContents(), OWN_PAGE))).toBe(false)
  })
})
