import type { Table } from 'dexie'
import { docWriter, exportAs, isDocFormat, writeDocs } from '../../../shared/formats/export'
import { jsonlWriter } from '../../../shared/formats/jsonl'
import type { ExportFormat, ExportMeta } from '../../../shared/formats/model'
import { ByteChunks } from '../../../shared/formats/pieces'
import { db, spanStores } from './db'
import { storedPlaces, storedSpans } from './layers'

/** A document to export, as read from the corpus. */
export type JobDoc = { id: string; sha256: string; text: string }

/**
 * A run of documents for one worker to write: it reads their spans from storage itself and writes
 * them in the format. For a format written a document at a time the run is one stretch of the file,
 * its documents' parts with separators between; for any other it is the whole file.
 */
export type ExportJob = {
  corpus: string
  layer: string
  format: ExportFormat
  meta: ExportMeta
  baseName: string
  docs: JobDoc[]
}

/**
 * A written run: its bytes, how many spans it holds and how many orphaned spans it left out. The bytes
 * come as a Blob made where they were written: handing it on does not copy them, and a download takes it as it is.
 */
export type JobOutput = { data: Blob; spans: number; orphans: number }

export async function writeJob(job: ExportJob): Promise<JobOutput> {
  const { corpus, layer, format, meta } = job
  // JSONL writes where each span lies and its label, which the places records hold: their texts are not read.
  if (format === 'jsonl') {
    const { docs, ...counts } = await keptSpans(job, [db.spanBuckets], (id) =>
      storedPlaces(corpus, layer, id)
    )
    return { data: written((write) => writeDocs(jsonlWriter, docs, write)), ...counts }
  }
  const { docs, ...counts } = await keptSpans(job, spanStores, (id) => storedSpans(corpus, layer, id))
  const data = written((write) =>
    isDocFormat(format)
      ? writeDocs(docWriter(format, meta), docs, write)
      : exportAs(format, docs, meta, job.baseName).parts.forEach((part) => write(part))
  )
  return { data, ...counts }
}

/** What `writeTo` writes, as a Blob of its bytes in chunks. */
function written(writeTo: (write: ByteChunks['write']) => void): Blob {
  const out = new ByteChunks()
  writeTo(out.write)
  return new Blob(out.chunks())
}

/** A job's documents with their stored spans, read in one transaction of `stores`, orphans left out and counted. */
async function keptSpans<S extends { orphaned?: boolean }>(
  job: ExportJob,
  stores: Table[],
  read: (docId: string) => Promise<S[]>
): Promise<{ docs: (JobDoc & { spans: S[] })[]; spans: number; orphans: number }> {
  const stored = await db.transaction('r', stores, () => Promise.all(job.docs.map((doc) => read(doc.id))))
  let spans = 0
  let orphans = 0
  const docs = job.docs.map((doc, i) => {
    const kept = stored[i]!.filter((s) => !s.orphaned)
    spans += kept.length
    orphans += stored[i]!.length - kept.length
    return { ...doc, spans: kept }
  })
  return { docs, spans, orphans }
}

/** What a worker answers a job with. */
export type JobReply = { ok: true; output: JobOutput } | { ok: false; message: string }
