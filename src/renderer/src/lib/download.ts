/**
 * A run of an export kept for the browser shell's download: handed to the browser as a Blob the
 * moment it is written, so the page does not go on holding it and the download copies nothing more.
 */
export const keepForDownload = (bytes: Uint8Array<ArrayBuffer>): Blob => new Blob([bytes])

/** Hands a finished export to the browser as a download (the browser shell's save). */
export function download(file: { name: string; mime: string; parts: Blob[] }): void {
  const blob = new Blob(file.parts, { type: file.mime })
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
