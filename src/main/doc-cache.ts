import type { LoadedDoc } from '../shared/api'

/**
 * Decoded documents kept in memory, least recently used dropped first, so a
 * search, an export or a review does not decode and hash every file again.
 * An entry is used only while the file's stat key (size, times, inode) and
 * the encoding asked for are the same as when it was read.
 */
export class DocCache {
  private entries = new Map<string, { key: string; doc: LoadedDoc }>()
  private chars = 0

  constructor(private readonly maxChars = 64 * 1024 * 1024) {}

  get(file: string, key: string): LoadedDoc | undefined {
    const entry = this.entries.get(file)
    if (!entry || entry.key !== key) return undefined
    this.entries.delete(file)
    this.entries.set(file, entry)
    return entry.doc
  }

  set(file: string, key: string, doc: LoadedDoc): void {
    this.drop(file)
    if (doc.text.length > this.maxChars) return
    this.entries.set(file, { key, doc })
    this.chars += doc.text.length
    for (const oldest of this.entries.keys()) {
      if (this.chars <= this.maxChars) break
      this.drop(oldest)
    }
  }

  private drop(file: string): void {
    const entry = this.entries.get(file)
    if (!entry) return
    this.chars -= entry.doc.text.length
    this.entries.delete(file)
  }
}
