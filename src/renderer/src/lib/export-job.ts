import { docParts, docWriter, exportAs, isDocFormat } from '../../../shared/formats/export'
import { bytesOf, type ExportFormat, type ExportMeta } from '../../../shared/formats/model'
import { db } from './db'
import { storedSpans } from './layers'

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

/** A written run: its bytes, how many spans it holds and how many orphaned spans it left out. */
export type JobOutput = { bytes: Uint8Array<ArrayBuffer>; spans: number; orphans: number }

export async function writeJob(job: ExportJob): Promise<JobOutput> {
  const { corpus, layer, format, meta } = job
  const stored = await db.transaction('r', db.spanBuckets, () =>
    Promise.all(job.docs.map((doc) => storedSpans(corpus, layer, doc.id)))
  )
  let spans = 0
  let orphans = 0
  const docs = job.docs.map((doc, i) => {
    const kept = stored[i]!.filter((s) => !s.orphaned)
    spans += kept.length
    orphans += stored[i]!.length - kept.length
    return { ...doc, spans: kept }
  })
  const bytes = bytesOf(
    isDocFormat(format)
      ? docParts(docWriter(format, meta), docs)
      : exportAs(format, docs, meta, job.baseName).parts
  )
  return { bytes, spans, orphans }
}

/** What a worker answers a job with. */
export type JobReply = { ok: true; output: JobOutput } | { ok: false; message: string }
