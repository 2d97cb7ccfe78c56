import { describe, expect, it, vi } from 'vitest'
import { CHANNELS, ipcChannel, MENU_CHANNEL } from '../shared/channels'

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn((..._args: unknown[]) => Promise.resolve({ ok: true, value: null })),
  on: vi.fn(),
  off: vi.fn()
}))
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: { invoke: electron.invoke, on: electron.on, off: electron.off }
}))
await import('./index')

describe('preload', () => {
  const api = electron.exposed.get('spanmark') as Record<string, (...args: unknown[]) => unknown>

  it('exposes one object of functions, one per channel plus the menu listener, and nothing of Electron', () => {
    expect([...electron.exposed.keys()]).toEqual(['spanmark'])
    expect(Object.keys(api).sort()).toEqual([...CHANNELS, 'onMenuCommand'].sort())
    for (const value of Object.values(api)) expect(typeof value).toBe('function')
  })

  it('each function invokes its own channel with the arguments it was given, no more', async () => {
    for (const channel of CHANNELS) {
      electron.invoke.mockClear()
      await api[channel]!({ id: 'doc.txt' })
      const [name, ...args] = electron.invoke.mock.calls[0] ?? []
      expect(name).toBe(ipcChannel(channel))
      expect(args.length).toBeLessThanOrEqual(1)
    }
  })

  it('forwards menu commands without the IPC event, and can stop', () => {
    const listener = vi.fn()
    const stop = api['onMenuCommand']!(listener) as () => void
    const [channel, forward] = electron.on.mock.calls[0] as [
      string,
      (event: unknown, command: string) => void
    ]
    expect(channel).toBe(MENU_CHANNEL)
    forward({ sender: 'ipc event' }, 'open-folder')
    expect(listener).toHaveBeenCalledWith('open-folder')
    stop()
    expect(electron.off).toHaveBeenCalledWith(MENU_CHANNEL, forward)
  })
})
