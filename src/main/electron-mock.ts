import { vi } from 'vitest'

/**
 * A stand-in for the parts of `electron` main uses, for unit tests of the glue:
 * it records what main asked for, so tests can check options and wiring.
 */
export type FakeContents = ReturnType<typeof fakeWebContents>

export function fakeWebContents() {
  const listeners = new Map<string, (...args: unknown[]) => void>()
  const contents = {
    windowOpenHandler: undefined as undefined | ((details: { url: string }) => { action: string }),
    permissionHandler: undefined as
      undefined | ((c: unknown, p: string, cb: (granted: boolean) => void) => void),
    permissionCheck: undefined as undefined | (() => boolean),
    listeners,
    send: vi.fn(),
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      contents.windowOpenHandler = handler
    },
    on(event: string, listener: (...args: unknown[]) => void) {
      listeners.set(event, listener)
      return contents
    },
    session: {
      setPermissionRequestHandler(handler: (c: unknown, p: string, cb: (granted: boolean) => void) => void) {
        contents.permissionHandler = handler
      },
      setPermissionCheckHandler(handler: () => boolean) {
        contents.permissionCheck = handler
      }
    }
  }
  return contents
}

export class FakeBrowserWindow {
  static windows: FakeBrowserWindow[] = []
  static fromWebContents = vi.fn(
    (contents: unknown) => FakeBrowserWindow.windows.find((w) => w.webContents === contents) ?? null
  )
  webContents = fakeWebContents()
  loadedUrl: string | undefined
  constructor(public options: unknown) {
    FakeBrowserWindow.windows.push(this)
  }
  once(): this {
    return this
  }
  on(): this {
    return this
  }
  show(): void {}
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url
    return Promise.resolve()
  }
}
