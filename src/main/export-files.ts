import { randomUUID } from 'node:crypto'
import { openAtomic, type AtomicFile } from './files'

const couldNotWrite = (target: string, error: unknown): Error =>
  new Error(`Could not write ${target}: ${(error as Error).message}`, { cause: error })

/**
 * The exports being written, each to its own atomic file: begun once the user chose where it goes,
 * given the file's parts in order as they are written, and then finished (renamed onto the target)
 * or aborted (nothing written). So a large export reaches the disk while the rest of it is still
 * being made, and is never held whole in main.
 */
export class ExportFiles {
  private readonly open = new Map<string, AtomicFile>()

  /** Opens a file for `target`; its id names it in the calls that follow. */
  async begin(target: string): Promise<string> {
    const id = randomUUID()
    try {
      this.open.set(id, await openAtomic(target))
    } catch (error) {
      throw couldNotWrite(target, error)
    }
    return id
  }

  /** Adds the next part. A part that fails to be written fails the export, which is then aborted. */
  async append(id: string, part: Uint8Array): Promise<void> {
    const file = this.file(id)
    try {
      await file.write(part)
    } catch (error) {
      await this.abort(id)
      throw couldNotWrite(file.target, error)
    }
  }

  /** Writes out what was appended and puts the file in place; says where. */
  async finish(id: string): Promise<string> {
    const file = this.file(id)
    this.open.delete(id)
    try {
      await file.commit()
    } catch (error) {
      throw couldNotWrite(file.target, error)
    }
    return file.target
  }

  /** Throws away what was written; the target is left as it was. */
  async abort(id: string): Promise<void> {
    const file = this.open.get(id)
    this.open.delete(id)
    await file?.discard()
  }

  /** Aborts every export still being written (the window that wrote them has gone). */
  async abortAll(): Promise<void> {
    await Promise.all([...this.open.keys()].map((id) => this.abort(id)))
  }

  private file(id: string): AtomicFile {
    const file = this.open.get(id)
    if (!file) throw new Error('No export is being written under that id.')
    return file
  }
}
