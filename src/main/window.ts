import { BrowserWindow, shell, type IpcMainInvokeEvent, type WebContents } from 'electron'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { preloadFile, rendererDir } from './paths'

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

/** A link the system browser may be asked to open: http(s) with a host and no credentials in it. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const target = new URL(url)
    return (
      (target.protocol === 'http:' || target.protocol === 'https:') &&
      target.hostname !== '' &&
      target.username === '' &&
      target.password === ''
    )
  } catch {
    return false
  }
}

/** Hands an http(s) link to the system browser; anything else (file:, javascript:, other schemes) is dropped. */
export function openExternally(url: string): boolean {
  if (!isSafeExternalUrl(url)) return false
  void shell.openExternal(url)
  return true
}

/**
 * No navigation, no new windows, no permissions, for every web contents the app creates. A link that
 * would leave the app goes to the system browser instead, if it is http(s).
 */
export function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event, url) => {
    if (isOwnPage(url)) return
    event.preventDefault()
    openExternally(url)
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  contents.session.setPermissionCheckHandler(() => false)
}

/**
 * The app's one window. Its options are written out here, in the constructor call, so that static checks
 * (Electronegativity, which does not follow variables in TypeScript) read every one of them.
 */
export async function createMainWindow(): Promise<BrowserWindow> {
  const window = new BrowserWindow({
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
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick'
    }
  })
  window.once('ready-to-show', () => window.show())
  await window.loadURL(rendererEntry())
  return window
}
