import { randomBytes } from 'node:crypto'
import { open, readFile, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { ImportedFile } from '../shared/api'
import { importTooLarge } from '../shared/formats/model'
import { fail, ok, type Result } from '../shared/result'

/**
 * Writes a file so that it is either the old one or the whole new one, never
 * a mix: the data (or its parts, one after another) goes to a temporary file
 * beside it, is flushed to disk, then renamed over the target.
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array | readonly Uint8Array[]
): Promise<void> {
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`
  )
  const handle = await open(temp, 'wx')
  try {
    // Each writeFile on an open handle carries on from where the last one stopped.
    for (const part of typeof data === 'string' || data instanceof Uint8Array ? [data] : data)
      await handle.writeFile(part)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
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
