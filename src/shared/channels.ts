/**
 * Channel names alone, free of the schema library, so the sandboxed preload
 * and the renderer can name channels without bundling validation code.
 */
export const CHANNELS = [
  'appInfo',
  'listCorpus',
  'pickCorpus',
  'readDocument',
  'readDocuments',
  'searchCorpus',
  'beginExport',
  'appendExport',
  'finishExport',
  'abortExport',
  'openImport'
] as const
export type Channel = (typeof CHANNELS)[number]

/** The IPC channel a contract channel travels on. */
export const ipcChannel = (channel: Channel): string => `spanmark:${channel}`

/** Commands main's menu sends to the renderer. */
export const MENU_CHANNEL = 'spanmark:menu'
export type MenuCommand = 'open-folder'
