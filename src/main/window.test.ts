import type { BrowserWindowConstructorOptions, IpcMainInvokeEvent, WebContents } from 'electron'
import { pathToFileURL } from 'node:url'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { FakeBrowserWindow, fakeWebContents } from './electron-mock'
import { rendererDir } from './paths'

const shell = vi.hoisted(() => ({ openExternal: vi.fn(() => Promise.resolve()) }))
vi.mock('electron', async () => ({
  BrowserWindow: (await import('./electron-mock')).FakeBrowserWindow,
  shell
}))

const { createMainWindow, isOwnPage, isSafeExternalUrl, isTrustedSender, lockDown } = await import('./window')

const OWN_PAGE = pathToFileURL(path.join(rendererDir(), 'index.html')).href

describe('main window', () => {
  it('keeps every renderer protection on (SPEC 8)', async () => {
    const window = (await createMainWindow()) as unknown as FakeBrowserWindow
    const { webPreferences } = window.options as BrowserWindowConstructorOptions
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick'
    })
    expect(webPreferences?.preload).toMatch(/out[/\\]preload[/\\]index\.js$/)
  })

  it('loads the built renderer from a file', async () => {
    const window = (await createMainWindow()) as unknown as FakeBrowserWindow
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

  it('denies new windows, handing only http(s) links to the system browser', () => {
    shell.openExternal.mockClear()
    const contents = locked()
    for (const url of [
      'https://example.com/a',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share'
    ])
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' })
    expect(shell.openExternal.mock.calls).toEqual([['https://example.com/a']])
  })

  it.each([
    ['https://example.com/', true],
    ['http://example.com/path?q=1', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>1</script>', false],
    ['ms-msdt:/id', false],
    ['https://user:secret@example.com/', false],
    ['not a url', false]
  ])('opens %s externally: %s', (url, safe) => {
    expect(isSafeExternalUrl(url)).toBe(safe)
  })

  it('blocks navigation away from the app (http(s) goes to the system browser), and webviews', () => {
    const contents = locked()
    const away = { preventDefault: vi.fn() }
    shell.openExternal.mockClear()
    contents.listeners.get('will-navigate')?.(away, 'https://example.com/')
    expect(away.preventDefault).toHaveBeenCalled()
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/')
    const local = { preventDefault: vi.fn() }
    contents.listeners.get('will-navigate')?.(local, 'file:///etc/passwd')
    expect(local.preventDefault).toHaveBeenCalled()
    expect(shell.openExternal).toHaveBeenCalledTimes(1)
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
