import type { ExportFile } from '../../../shared/formats/model'

/** Hands a finished export to the browser as a download (the browser shell's save). */
export function download(file: ExportFile): void {
  const blob = new Blob(file.parts as BlobPart[], { type: file.mime })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = file.name
  link.rel = 'noopener'
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
