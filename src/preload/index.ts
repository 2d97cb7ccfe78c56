import { contextBridge, ipcRenderer } from 'electron'
import type { ArgsOf, ResultOf, SpanmarkApi } from '../shared/api'
import { ipcChannel, MENU_CHANNEL, type Channel, type MenuCommand } from '../shared/channels'
import type { Result } from '../shared/result'

const invoke = <C extends Channel>(channel: C, ...args: ArgsOf<C>): Promise<Result<ResultOf<C>>> =>
  ipcRenderer.invoke(ipcChannel(channel), ...args) as Promise<Result<ResultOf<C>>>

const api = {
  appInfo: () => invoke('appInfo'),
  listCorpus: () => invoke('listCorpus'),
  pickCorpus: () => invoke('pickCorpus'),
  readDocument: (request) => invoke('readDocument', request),
  readDocuments: (request) => invoke('readDocuments', request),
  searchCorpus: (request) => invoke('searchCorpus', request),
  beginExport: (request) => invoke('beginExport', request),
  appendExport: (request) => invoke('appendExport', request),
  finishExport: (request) => invoke('finishExport', request),
  abortExport: (request) => invoke('abortExport', request),
  openImport: () => invoke('openImport'),
  onMenuCommand: (listener) => {
    const forward = (_event: unknown, command: MenuCommand): void => listener(command)
    ipcRenderer.on(MENU_CHANNEL, forward)
    return () => ipcRenderer.off(MENU_CHANNEL, forward)
  }
} satisfies SpanmarkApi

contextBridge.exposeInMainWorld('spanmark', api)
