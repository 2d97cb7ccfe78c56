import type { Placed } from '../../../shared/formats/model'
import type { Span } from '../../../shared/spans'

/**
 * Spans are stored in buckets: one record holds up to BUCKET_SIZE spans of one document in one layer.
 * IndexedDB pays per record and per byte it clones, so a bucket keeps its spans in columns: the
 * numbers in typed arrays, the ids in one string and the other text fields in another, and each
 * label, author and time once. A million spans read back as a thousand records of a few values each
 * (half the time of one object per span), while an edit rewrites one bucket, not the whole document.
 * The ids stand apart because they are ASCII as a rule (UUIDs), and V8 stores a string of such
 * characters (and clones it) at a byte each: joined with text holding one curly quote, every
 * character of it took two.
 */
export const BUCKET_SIZE = 1024

/**
 * A span made one at a time goes in a bucket holding fewer than this many. Each edit rewrites its
 * span's whole bucket, and Chromium stores a record of over 64 KB as a blob file of its own: putting the
 * texts of 544 spans took 4.7 ms on the page, those of 128 spans 0.2 ms. Buckets written whole (an
 * import, a document's spans at once) stay at BUCKET_SIZE: a million spans put raw took 3 s as blob
 * files, 12 s as records of 128 spans.
 */
export const EDIT_BUCKET_SIZE = 128

/** A span's own text fields, in the order a bucket keeps them one after another in `strings`. */
const TEXTS = ['text', 'note', 'prefix', 'suffix'] as const
/** Per span, `ends` holds where its id ends in `ids`, then where each of TEXTS ends in `strings`. */
const ENDS = 1 + TEXTS.length
/** Per span, `stampAt` points into `stamps` at its author, creation and update time. */
const STAMPS = 3
/** Bits of `flags`: which optional fields a span has, and whether it is orphaned. */
const HAS_NOTE = 1
const HAS_PREFIX = 2
const HAS_SUFFIX = 4
const ORPHANED = 8

export type SpanBucket = {
  corpus: string
  /** '' for my own annotations, else the review layer's name. */
  layer: string
  docId: string
  bucket: number
  /** How many spans it holds. */
  size: number
  /** Each span's start and end, one after the other. */
  offsets: Int32Array
  /** The labels its spans carry, each once; `labelAt` points into it. */
  labels: string[]
  labelAt: Uint16Array
  flags: Uint8Array
  /** Every span's id, joined. */
  ids: string
  /** Every span's TEXTS, joined. */
  strings: string
  /** Where each span's id and texts end, ENDS per span. */
  ends: Uint32Array
  /** The authors and times its spans carry, each once; `stampAt` points into it, STAMPS per span. */
  stamps: string[]
  stampAt: Uint16Array
}

/** The spans in one bucket record (at most BUCKET_SIZE: its indices are 16 bits). */
export function packBucket(
  corpus: string,
  layer: string,
  docId: string,
  bucket: number,
  spans: readonly Span[]
): SpanBucket {
  const size = spans.length
  const offsets = new Int32Array(2 * size)
  const labelAt = new Uint16Array(size)
  const flags = new Uint8Array(size)
  const ends = new Uint32Array(size * ENDS)
  const stampAt = new Uint16Array(size * STAMPS)
  const labels: string[] = []
  const stamps: string[] = []
  const stampIndex = new Map<string, number>()
  const ids = new Array<string>(size)
  const texts = new Array<string>(size * TEXTS.length)
  let idsLength = 0
  let length = 0
  let t = 0
  const addText = (value = ''): number => {
    texts[t++] = value
    return (length += value.length)
  }
  const stamp = (value: string): number => {
    let at = stampIndex.get(value)
    if (at === undefined) stampIndex.set(value, (at = stamps.push(value) - 1))
    return at
  }
  for (let i = 0; i < size; i++) {
    const span = spans[i]!
    offsets[2 * i] = span.start
    offsets[2 * i + 1] = span.end
    // A bucket's spans carry a few labels: a scan beats a map.
    let label = labels.indexOf(span.label)
    if (label === -1) label = labels.push(span.label) - 1
    labelAt[i] = label
    flags[i] =
      (span.note !== undefined ? HAS_NOTE : 0) |
      (span.prefix !== undefined ? HAS_PREFIX : 0) |
      (span.suffix !== undefined ? HAS_SUFFIX : 0) |
      (span.orphaned ? ORPHANED : 0)
    ids[i] = span.id
    const e = i * ENDS
    ends[e] = idsLength += span.id.length
    // In TEXTS order.
    ends[e + 1] = addText(span.text)
    ends[e + 2] = addText(span.note)
    ends[e + 3] = addText(span.prefix)
    ends[e + 4] = addText(span.suffix)
    stampAt[i * STAMPS] = stamp(span.author)
    stampAt[i * STAMPS + 1] = stamp(span.createdAt)
    stampAt[i * STAMPS + 2] = stamp(span.updatedAt)
  }
  return {
    corpus,
    layer,
    docId,
    bucket,
    size,
    offsets,
    labels,
    labelAt,
    flags,
    ids: ids.join(''),
    strings: texts.join(''),
    ends,
    stamps,
    stampAt
  }
}

/** A bucket's key: its corpus, layer, document and number. */
export type BucketKey = Pick<SpanBucket, 'corpus' | 'layer' | 'docId' | 'bucket'>

/**
 * A bucket is stored as two records under its key. `spanBuckets` holds where its spans lie and how
 * they are labelled, about 11 bytes a span, which is all that counting spans or a JSONL export reads.
 * `spanTexts` holds the rest (ids, text fields, authors and times), most of the bytes.
 */
export type BucketPlaces = BucketKey & BucketColumns & Pick<SpanBucket, 'size'>
export type BucketTexts = BucketKey & Pick<SpanBucket, 'ids' | 'strings' | 'ends' | 'stamps' | 'stampAt'>

/** A bucket as the two records it is stored in. */
export function splitBucket(whole: SpanBucket): [BucketPlaces, BucketTexts] {
  const { corpus, layer, docId, bucket, size, offsets, labels, labelAt, flags } = whole
  const { ids, strings, ends, stamps, stampAt } = whole
  return [
    { corpus, layer, docId, bucket, size, offsets, labels, labelAt, flags },
    { corpus, layer, docId, bucket, ids, strings, ends, stamps, stampAt }
  ]
}

/** A bucket made whole again from its two records, which must share its key. */
export function joinBucket(places: BucketPlaces, texts: BucketTexts | undefined): SpanBucket {
  if (texts?.docId !== places.docId || texts.bucket !== places.bucket)
    throw new Error(`Stored spans of ${places.docId} are incomplete: bucket ${places.bucket} has no texts.`)
  return { ...places, ...texts }
}

/** Where a span lies and how it is labelled: what a bucket's places record holds of it. */
export type SpanPlace = Placed & Pick<Span, 'orphaned'>

/** The places of a bucket's spans, in the order they were packed, without reading their texts. */
export function placesOf({ size, offsets, labels, labelAt, flags }: BucketPlaces): SpanPlace[] {
  const places = new Array<SpanPlace>(size)
  for (let i = 0; i < size; i++) {
    const place: SpanPlace = { start: offsets[2 * i]!, end: offsets[2 * i + 1]!, label: labels[labelAt[i]!]! }
    if (flags[i]! & ORPHANED) place.orphaned = true
    places[i] = place
  }
  return places
}

/** What a bucket keeps of its spans besides their strings: the same in every layout so far. */
export type BucketColumns = Pick<SpanBucket, 'docId' | 'offsets' | 'labels' | 'labelAt' | 'flags'>

/** A span's string fields as a bucket holds them: '' where an optional one is absent. */
export type SpanStrings = Pick<Span, 'id' | 'text' | 'author' | 'createdAt' | 'updatedAt'> &
  Required<Pick<Span, 'note' | 'prefix' | 'suffix'>>

/** The span at `i` of a bucket, made of its columns and its strings; the flags say which optional fields it has. */
export function spanAt(columns: BucketColumns, i: number, strings: SpanStrings): Span {
  const { docId, offsets, labels, labelAt, flags } = columns
  const { id, text, note, author, createdAt, updatedAt, prefix, suffix } = strings
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
  const has = flags[i]!
  if (has & HAS_NOTE) span.note = note
  if (has & HAS_PREFIX) span.prefix = prefix
  if (has & HAS_SUFFIX) span.suffix = suffix
  if (has & ORPHANED) span.orphaned = true
  return span
}

/** The spans a bucket holds, in the order they were packed. */
export function spansOf(bucket: SpanBucket): Span[] {
  const { size, ids, strings, ends, stamps, stampAt } = bucket
  const spans = new Array<Span>(size)
  let idAt = 0
  let at = 0
  const next = (k: number): string => strings.slice(at, (at = ends[k]!))
  for (let i = 0; i < size; i++) {
    const e = i * ENDS
    spans[i] = spanAt(bucket, i, {
      id: ids.slice(idAt, (idAt = ends[e]!)),
      // In TEXTS order.
      text: next(e + 1),
      note: next(e + 2),
      prefix: next(e + 3),
      suffix: next(e + 4),
      author: stamps[stampAt[i * STAMPS]!]!,
      createdAt: stamps[stampAt[i * STAMPS + 1]!]!,
      updatedAt: stamps[stampAt[i * STAMPS + 2]!]!
    })
  }
  return spans
}

/** The ids of a bucket's spans, without making the spans. */
export function idsOf({ size, ids, ends }: SpanBucket): string[] {
  const out = new Array<string>(size)
  for (let i = 0, at = 0; i < size; i++) out[i] = ids.slice(at, (at = ends[i * ENDS]!))
  return out
}

/** Adds a bucket's spans per label to `into`, without making the spans. */
export function countBucketLabels(
  { size, labels, labelAt }: Pick<BucketPlaces, 'size' | 'labels' | 'labelAt'>,
  into: Record<string, number> = {}
): Record<string, number> {
  for (let i = 0; i < size; i++) {
    const label = labels[labelAt[i]!]!
    into[label] = (into[label] ?? 0) + 1
  }
  return into
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
    buckets.push(packBucket(corpus, layer, docId, buckets.length, spans.slice(i, i + BUCKET_SIZE)))
  return buckets
}

/** Which bucket each span of the open document is stored in, and where a new one goes. */
export class BucketIndex {
  private bucketOfId = new Map<string, number>()
  private fill: number[] = []

  constructor(buckets: readonly SpanBucket[] = []) {
    for (const bucket of buckets) for (const id of idsOf(bucket)) this.set(id, bucket.bucket)
  }

  bucketOf(id: string): number | undefined {
    return this.bucketOfId.get(id)
  }

  /** The span's bucket, or the first with room for an edit (a new one when none has). */
  place(id: string): number {
    const known = this.bucketOfId.get(id)
    if (known !== undefined) return known
    let bucket = this.fill.findIndex((n) => n < EDIT_BUCKET_SIZE)
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
