import { BrowserWindow, type IpcMainInvokeEvent, type WebContents } from 'electron'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { preloadFile, rendererDir } from './paths'

export const WINDOW_OPTIONS = {
  width: 1280,
  height: 820,
  minWidth: 720,
  minHeight: 480,
  show: false,
  title: 'Spanmark',
  webPreferences: {
    preload: preloadFile(),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false
  }
} as const

/** The page main loads: the dev server in development, the built file otherwise. */
export const rendererEntry = (): string =>
  process.env['ELECTRON_RENDERER_URL'] ?? pathToFileURL(path.join(rendererDir(), 'index.html')).href

/** Whether a URL is our own renderer, so IPC and navigation can be limited to it. */
export function isOwnPage(url: string): boolean {
  const entry = new URL(rendererEntry())
  try {
    const target = new URL(url)
    return entry.protocol === 'file:'
      ? target.protocol === 'file:' && target.pathname === entry.pathname
      : target.origin === entry.origin
  } catch {
    return false
  }
}

export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  return BrowserWindow.fromWebContents(event.sender) !== null && frame !== null && isOwnPage(frame.url)
}

/** No navigation, no new windows, no permissions, for every web contents the app creates. */
export function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  contents.session.setPermissionCheckHandler(() => false)
}

export async function createMainWindow(): Promise<BrowserWindow> {
  const window = new BrowserWindow(WINDOW_OPTIONS)
  window.once('ready-to-show', () => window.show())
  await window.loadURL(rendererEntry())
  return window
}
