import { mapLimit } from '../../../shared/concurrency'
import type { LoadedDoc } from '../../../shared/api'
import { api } from './api'

/** Documents read at once: enough to hide each request's latency, few enough to keep memory flat. */
export const READ_CONCURRENCY = 8

/** Reads documents in parallel, in order; a document that cannot be read comes back undefined. */
export function readDocs(ids: readonly string[]): Promise<(LoadedDoc | undefined)[]> {
  return mapLimit(ids, READ_CONCURRENCY, async (id) => {
    const read = await api.readDocument({ id })
    return read.ok ? read.value : undefined
  })
}

/** The decoded text of each document that can be read, by id. */
export async function readTexts(ids: readonly string[]): Promise<Map<string, string>> {
  const docs = await readDocs(ids)
  return new Map(docs.flatMap((doc) => (doc ? [[doc.id, doc.text] as const] : [])))
}
