import type { Span } from '../../../shared/spans'
import type { SpanBucket } from './buckets'

type BucketKey = Pick<SpanBucket, 'corpus' | 'layer' | 'docId' | 'bucket'>

/** A bucket as schema versions 4 and 5 stored it: its spans as objects. */
export type ObjectBucket = BucketKey & { spans: Span[] }

/**
 * A bucket as schema version 6 stored it: in columns, as now, but with every string field of every
 * span (id, author and times too) in one string, eight of them per span, each one's end in `ends`.
 */
export type ColumnBucket6 = BucketKey &
  Pick<SpanBucket, 'size' | 'offsets' | 'labels' | 'labelAt' | 'flags' | 'strings' | 'ends'>

/** Whether a stored bucket is in the layout of schema version 6. */
export const isColumnBucket6 = (record: object): record is ColumnBucket6 =>
  'strings' in record && !('ids' in record)

/** The spans of a version 6 bucket, in the order they were packed. */
export function spansOfColumns6(bucket: ColumnBucket6): Span[] {
  const { docId, size, offsets, labels, labelAt, flags, strings, ends } = bucket
  const spans = new Array<Span>(size)
  let at = 0
  let k = 0
  const next = (): string => strings.slice(at, (at = ends[k++]!))
  for (let i = 0; i < size; i++) {
    // In the order version 6 kept them.
    const id = next()
    const text = next()
    const note = next()
    const author = next()
    const createdAt = next()
    const updatedAt = next()
    const prefix = next()
    const suffix = next()
    const span: Span = {
      id,
      docId,
      start: offsets[2 * i]!,
      end: offsets[2 * i + 1]!,
      label: labels[labelAt[i]!]!,
      text,
      author,
      createdAt,
      updatedAt
    }
    // The flags' bits are as now: note 1, prefix 2, suffix 4, orphaned 8.
    const has = flags[i]!
    if (has & 1) span.note = note
    if (has & 2) span.prefix = prefix
    if (has & 4) span.suffix = suffix
    if (has & 8) span.orphaned = true
    spans[i] = span
  }
  return spans
}
