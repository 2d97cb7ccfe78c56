import type { Span } from '../../../shared/spans'
import { spanAt, type BucketColumns, type SpanBucket } from './buckets'

type BucketKey = Pick<SpanBucket, 'corpus' | 'layer' | 'docId' | 'bucket'>

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
