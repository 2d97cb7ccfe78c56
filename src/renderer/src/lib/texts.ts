import { mapLimit } from '../../../shared/concurrency'
import { MAX_DOCS_PER_READ, type DocEntry, type LoadedDoc } from '../../../shared/api'
import type { Result } from '../../../shared/result'
import { api } from './api'

/** Requests in flight at once: one being answered while the next is read. */
const READ_CONCURRENCY = 2
/** A request asks for documents up to this many bytes on disk (or one bigger document on its own). */
const BATCH_BYTES = 8 * 1024 * 1024
const BATCH_DOCS = Math.min(250, MAX_DOCS_PER_READ)

/** Consecutive runs of documents, each few enough and small enough for one request. */
export function readBatches<T extends Pick<DocEntry, 'size'>>(docs: readonly T[]): T[][] {
  const batches: T[][] = []
  let batch: T[] = []
  let bytes = 0
  for (const doc of docs) {
    if (batch.length && (batch.length >= BATCH_DOCS || bytes + doc.size > BATCH_BYTES)) {
      batches.push(batch)
      batch = []
      bytes = 0
    }
    batch.push(doc)
    bytes += doc.size
  }
  if (batch.length) batches.push(batch)
  return batches
}

/**
 * Reads listed documents a batch per request, in order; each comes back read or with why it could not
 * be. `onBatch` hears how many are read so far, and returning false from it stops before the next batch
 * (those left unread come back undefined).
 */
export async function readDocs(
  docs: readonly Pick<DocEntry, 'id' | 'size'>[],
  onBatch?: (done: number) => boolean | void
): Promise<(Result<LoadedDoc> | undefined)[]> {
  let done = 0
  let stopped = false
  const batches = await mapLimit(readBatches(docs), READ_CONCURRENCY, async (batch) => {
    if (stopped) return batch.map(() => undefined)
    const read = await api.readDocuments({ ids: batch.map((d) => d.id) })
    const results = read.ok ? read.value : batch.map(() => read)
    done += batch.length
    if (onBatch?.(done) === false) stopped = true
    return results
  })
  return batches.flat()
}

/** The decoded text of each listed document that can be read, by id. */
export async function readTexts(
  docs: readonly Pick<DocEntry, 'id' | 'size'>[]
): Promise<Map<string, string>> {
  const texts = new Map<string, string>()
  for (const read of await readDocs(docs)) if (read?.ok) texts.set(read.value.id, read.value.text)
  return texts
}
