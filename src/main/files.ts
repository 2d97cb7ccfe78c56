import { randomBytes } from 'node:crypto'
import { open, readFile, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { ImportedFile } from '../shared/api'
import { importTooLarge } from '../shared/formats/model'
import { fail, ok, type Result } from '../shared/result'

/**
 * A file written in parts so that it is either the old one or the whole new one, never a mix: the
 * parts go to a temporary file beside it, which is flushed to disk and renamed over the target by
 * `commit`, or removed by `discard`. Parts are written in the order they are given, even when the
 * caller does not wait for one before giving the next.
 */
export type AtomicFile = {
  readonly target: string
  write: (part: string | Uint8Array) => Promise<void>
  commit: () => Promise<void>
  discard: () => Promise<void>
}

export async function openAtomic(target: string): Promise<AtomicFile> {
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`
  )
  const handle = await open(temp, 'wx')
  // Each writeFile on an open handle carries on from where the last one stopped; chained, they never overlap.
  let written: Promise<void> = Promise.resolve()
  let closed = false
  const close = async (): Promise<void> => {
    if (closed) return
    closed = true
    await handle.close()
  }
  const discard = async (): Promise<void> => {
    await written.catch(() => undefined)
    await close()
    await rm(temp, { force: true })
  }
  return {
    target,
    write: (part) => {
      if (closed) return Promise.reject(new Error(`${target} is no longer open`))
      written = written.then(() => handle.writeFile(part))
      return written
    },
    commit: async () => {
      try {
        await written
        await handle.sync()
        await close()
        await rename(temp, target)
      } catch (error) {
        await discard()
        throw error
      }
    },
    discard
  }
}

/** Reads the files a dialog returned, refusing a total over the import limit before reading any. */
export async function readImportFiles(paths: readonly string[]): Promise<Result<ImportedFile[]>> {
  try {
    const sizes = await Promise.all(paths.map(async (p) => (await stat(p)).size))
    const total = sizes.reduce((a, b) => a + b, 0)
    const tooLarge = importTooLarge(total)
    if (tooLarge) return fail('refused', `${path.basename(paths[0] ?? '')}: ${tooLarge}`)
    return ok(
      await Promise.all(
        paths.map(async (p) => ({ name: path.basename(p), data: new Uint8Array(await readFile(p)) }))
      )
    )
  } catch (error) {
    return fail('not-found', `Cannot read the import: ${(error as Error).message}`)
  }
}
