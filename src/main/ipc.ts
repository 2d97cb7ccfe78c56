import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { Handlers } from '../shared/api'
import { CHANNELS, ipcChannel } from '../shared/channels'
import { fail } from '../shared/result'
import { dispatch } from './dispatch'

/**
 * Wires every contract channel to `ipcMain.handle`. Only our own windows'
 * frames, loaded from our own files, may call.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: Handlers,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcChannel(channel), (event, ...args: unknown[]) =>
      isTrustedSender(event)
        ? dispatch(handlers, channel, args)
        : Promise.resolve(fail('refused', `${channel}: call from an untrusted frame`))
    )
  }
}
