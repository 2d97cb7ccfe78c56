import type { IpcMainInvokeEvent } from 'electron'
import { describe, expect, it } from 'vitest'
import { CHANNELS, ipcChannel } from '../shared/channels'
import { createHandlers } from './handlers'
import { registerIpc } from './ipc'
import { tempCorpus } from './test-corpus'

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>

async function wired(trusted: boolean) {
  const listeners = new Map<string, Listener>()
  const ipcMain = { handle: (channel: string, listener: Listener) => void listeners.set(channel, listener) }
  const root = await tempCorpus({ 'a.txt': 'alpha' })
  registerIpc(ipcMain, createHandlers({ shell: 'electron', corpusRoot: root }), () => trusted)
  const call = (channel: string, ...args: unknown[]) =>
    listeners.get(channel)!({} as IpcMainInvokeEvent, ...args)
  return { listeners, call }
}

describe('registerIpc', () => {
  it('handles every contract channel, and nothing else', async () => {
    const { listeners } = await wired(true)
    expect([...listeners.keys()].sort()).toEqual(CHANNELS.map(ipcChannel).sort())
  })

  it('runs handlers for a trusted sender', async () => {
    const { call } = await wired(true)
    expect(await call(ipcChannel('readDocument'), { id: 'a.txt' })).toMatchObject({
      ok: true,
      value: { text: 'alpha' }
    })
  })

  it('validates arguments before a handler sees them', async () => {
    const { call } = await wired(true)
    expect(await call(ipcChannel('readDocument'), { id: 'a.txt', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' }
    })
    expect(await call(ipcChannel('readDocument'), { id: 'a.txt', encoding: 'klingon' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' }
    })
    expect(await call(ipcChannel('readDocument'), { id: '../../etc/passwd.txt' })).toMatchObject({
      ok: false,
      error: { code: 'outside-corpus' }
    })
  })

  it('refuses calls from an untrusted sender', async () => {
    const { call } = await wired(false)
    expect(await call(ipcChannel('listCorpus'))).toMatchObject({ ok: false, error: { code: 'refused' } })
  })
})
