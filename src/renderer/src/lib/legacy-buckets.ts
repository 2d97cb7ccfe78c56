import type { Span } from '../../../shared/spans'
import { docBuckets, spanAt, type BucketColumns, type BucketKey, type SpanBucket } from './buckets'

/** A bucket as schema versions 4 and 5 stored it: its spans as objects. */
export type ObjectBucket = BucketKey & { spans: Span[] }

/**
 * A bucket as schema version 6 stored it: in columns, as now, but with every string field of every
 * span (id, author and times too) in one string, eight of them per span, each one's end in `ends`.
 */
export type ColumnBucket6 = BucketKey & BucketColumns & Pick<SpanBucket, 'size' | 'strings' | 'ends'>

/** Whether a stored bucket is in the layout of schema version 6. */
export const isColumnBucket6 = (record: object): record is ColumnBucket6 =>
  'strings' in record && !('ids' in record)

/** The spans of a version 6 bucket, in the order they were packed. */
export function spansOfColumns6(bucket: ColumnBucket6): Span[] {
  const { size, strings, ends } = bucket
  const spans = new Array<Span>(size)
  let at = 0
  let k = 0
  const next = (): string => strings.slice(at, (at = ends[k++]!))
  for (let i = 0; i < size; i++) {
    // Each property in the order version 6 kept them, which an object literal evaluates in.
    spans[i] = spanAt(bucket, i, {
      id: next(),
      text: next(),
      note: next(),
      author: next(),
      createdAt: next(),
      updatedAt: next(),
      prefix: next(),
      suffix: next()
    })
  }
  return spans
}

/** Span records of any corpora, layers and documents (as schema version 3 kept them), grouped into buckets. */
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
