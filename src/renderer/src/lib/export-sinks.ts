import type { ExportFile } from '../../../shared/formats/model'
import { api } from './api'

/**
 * Where an export is written, opened before the writing starts: it takes the file's parts in order as
 * they are made, then saves the whole file or throws away what it was given.
 */
export type ExportSink = {
  write: (part: Blob) => void
  /** Once every part is written: saves the file, and says where ("to <path>", "as <name>"). */
  close: () => Promise<string>
  abort: () => Promise<void>
}

/**
 * The desktop app's export: the user chooses where it goes (undefined if they cancel), and each part
 * is read and sent to main as it comes, to a file put in place only when whole. Parts are sent one at
 * a time, in order; the first that fails fails the export when it closes.
 */
export async function desktopSink(defaultName: string): Promise<ExportSink | undefined> {
  const begun = await api.beginExport({ defaultName })
  if (!begun.ok) throw new Error(begun.error.message)
  if (!begun.value) return undefined
  const { id } = begun.value
  let sent: Promise<string | undefined> = Promise.resolve(undefined)
  return {
    write: (data) => {
      sent = sent.then(async (failed) => {
        if (failed) return failed
        const appended = await api.appendExport({ id, data: new Uint8Array(await data.arrayBuffer()) })
        return appended.ok ? undefined : appended.error.message
      })
    },
    close: async () => {
      const failed = await sent
      if (failed) throw new Error(failed)
      const finished = await api.finishExport({ id })
      if (!finished.ok) throw new Error(finished.error.message)
      return `to ${finished.value.path}`
    },
    abort: async () => {
      await sent
      const aborted = await api.abortExport({ id })
      if (!aborted.ok) throw new Error(aborted.error.message)
    }
  }
}

/**
 * The browser shell's export, a download of the parts as they were written: a Blob of Blobs, so
 * nothing is copied.
 */
export function downloadSink({ name, mime }: Omit<ExportFile, 'parts'>): ExportSink {
  let parts: Blob[] = []
  return {
    write: (part) => void parts.push(part),
    close: () => {
      const url = URL.createObjectURL(new Blob(parts, { type: mime }))
      parts = []
      const link = document.createElement('a')
      link.href = url
      link.download = name
      link.rel = 'noopener'
      document.body.appendChild(link)
      link.click()
      link.remove()
      setTimeout(() => URL.revokeObjectURL(url), 60_000)
      return Promise.resolve(`as ${name}`)
    },
    abort: () => {
      parts = []
      return Promise.resolve()
    }
  }
}
