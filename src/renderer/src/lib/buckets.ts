import type { Span } from '../../../shared/spans'

/**
 * Spans are stored in buckets: one record holds up to BUCKET_SIZE spans of one document in one layer.
 * IndexedDB pays mostly per record, so a 20,000-span document reads as 80 records, not 20,000, while
 * an edit rewrites one bucket of a few hundred spans, not the whole document.
 */
export const BUCKET_SIZE = 256

export type SpanBucket = {
  corpus: string
  /** '' for my own annotations, else the review layer's name. */
  layer: string
  docId: string
  bucket: number
  spans: Span[]
}

/** A document's spans cut into buckets 0, 1, 2, … in the order given. */
export function docBuckets(
  corpus: string,
  layer: string,
  docId: string,
  spans: readonly Span[]
): SpanBucket[] {
  const buckets: SpanBucket[] = []
  for (let i = 0; i < spans.length; i += BUCKET_SIZE)
    buckets.push({ corpus, layer, docId, bucket: buckets.length, spans: spans.slice(i, i + BUCKET_SIZE) })
  return buckets
}

/** Span records of any corpora, layers and documents, grouped into buckets. */
export function bucketsOf(records: readonly (Span & { corpus: string; layer: string })[]): SpanBucket[] {
  const groups = new Map<string, { corpus: string; layer: string; docId: string; spans: Span[] }>()
  for (const { corpus, layer, ...span } of records) {
    const key = JSON.stringify([corpus, layer, span.docId])
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { corpus, layer, docId: span.docId, spans: [] }))
    group.spans.push(span)
  }
  return [...groups.values()].flatMap((g) => docBuckets(g.corpus, g.layer, g.docId, g.spans))
}

/** Which bucket each span of the open document is stored in, and where a new one goes. */
export class BucketIndex {
  private bucketOfId = new Map<string, number>()
  private fill: number[] = []

  constructor(buckets: readonly Pick<SpanBucket, 'bucket' | 'spans'>[] = []) {
    for (const { bucket, spans } of buckets) for (const span of spans) this.set(span.id, bucket)
  }

  bucketOf(id: string): number | undefined {
    return this.bucketOfId.get(id)
  }

  /** The span's bucket, or the first with room for it (a new one when all are full). */
  place(id: string): number {
    const known = this.bucketOfId.get(id)
    if (known !== undefined) return known
    let bucket = this.fill.findIndex((n) => n < BUCKET_SIZE)
    if (bucket === -1) bucket = this.fill.length
    this.set(id, bucket)
    return bucket
  }

  set(id: string, bucket: number): void {
    this.drop(id)
    this.bucketOfId.set(id, bucket)
    while (this.fill.length <= bucket) this.fill.push(0)
    this.fill[bucket]!++
  }

  drop(id: string): void {
    const bucket = this.bucketOfId.get(id)
    if (bucket === undefined) return
    this.bucketOfId.delete(id)
    this.fill[bucket]!--
  }
}
