import Dexie from 'dexie'
import type { Annotation } from '../../../shared/agreement'
import { byDoc } from '../../../shared/figures'
import { timestamp, type Span } from '../../../shared/spans'
import {
  BucketIndex,
  docBuckets,
  joinBucket,
  packBucket,
  placesOf,
  spansOf,
  splitBucket,
  type BucketPlaces,
  type SpanBucket,
  type SpanPlace
} from './buckets'
import { db, spanStores, type BucketKeyPath } from './db'

/** My own annotations, as a layer name. */
export const MINE = 'mine'
/** The layer review decisions build. */
export const GOLD = 'gold'

/** The layer as stored: '' for mine, so no imported layer's name can collide with it. */
const layerKey = (layer: string): string => (layer === MINE ? '' : layer)

type BucketTable = typeof db.spanBuckets | typeof db.spanTexts

/** The records of one layer in a corpus, or of one document in it, in one of the bucket stores. */
function bucketRange<T extends BucketTable>(table: T, corpus: string, layer: string, docId?: string) {
  const key = layerKey(layer)
  const [low, high] =
    docId === undefined
      ? [
          [corpus, key, Dexie.minKey, Dexie.minKey],
          [corpus, key, Dexie.maxKey, Dexie.maxKey]
        ]
      : [
          [corpus, key, docId, Dexie.minKey],
          [corpus, key, docId, Dexie.maxKey]
        ]
  return table.where('[corpus+layer+docId+bucket]').between(low, high) as ReturnType<T['toCollection']>
}

/** The whole buckets of a layer (or of one document in it): both records of each, read in one transaction. */
export const readBuckets = (corpus: string, layer: string, docId?: string): Promise<SpanBucket[]> =>
  db.transaction('r', spanStores, async () => {
    const [places, texts] = await Promise.all([
      bucketRange(db.spanBuckets, corpus, layer, docId).toArray(),
      bucketRange(db.spanTexts, corpus, layer, docId).toArray()
    ])
    return places.map((p, i) => joinBucket(p, texts[i]))
  })

/** One whole bucket, both of its records, or undefined if it is not stored. */
async function readBucket(key: BucketKeyPath): Promise<SpanBucket | undefined> {
  const [places, texts] = await Promise.all([db.spanBuckets.get(key), db.spanTexts.get(key)])
  return places && joinBucket(places, texts)
}

/** The places records of a layer's buckets (or of one document's), without their texts. */
export const readPlaces = (corpus: string, layer: string, docId?: string): Promise<BucketPlaces[]> =>
  bucketRange(db.spanBuckets, corpus, layer, docId).toArray()

/** Every stored span's place in a document of a layer, orphans included. */
export const storedPlaces = async (corpus: string, layer: string, docId: string): Promise<SpanPlace[]> =>
  (await readPlaces(corpus, layer, docId)).flatMap(placesOf)

/** How many spans a layer holds (or one document in it), counted from the places alone. */
async function countStored(corpus: string, layer: string, docId?: string): Promise<number> {
  let count = 0
  await bucketRange(db.spanBuckets, corpus, layer, docId).each((b) => (count += b.size))
  return count
}

/** Stores whole buckets, each as its two records. */
function putBuckets(buckets: readonly SpanBucket[]): Promise<unknown> {
  const records = buckets.map(splitBucket)
  return Promise.all([
    db.spanBuckets.bulkPut(records.map(([places]) => places)),
    db.spanTexts.bulkPut(records.map(([, texts]) => texts))
  ])
}

/** Deletes the buckets of a layer (or of one document in it), both records of each. */
const deleteBuckets = (corpus: string, layer: string, docId?: string): Promise<unknown> =>
  Promise.all([
    bucketRange(db.spanBuckets, corpus, layer, docId).delete(),
    bucketRange(db.spanTexts, corpus, layer, docId).delete()
  ])

/** Deletes one bucket, both of its records. */
const deleteBucket = (key: BucketKeyPath): Promise<unknown> =>
  Promise.all([db.spanBuckets.delete(key), db.spanTexts.delete(key)])

const spansIn = (buckets: readonly SpanBucket[]): Span[] => buckets.flatMap(spansOf)

/** Every stored span of a layer (or of one document in it), orphans included. */
export async function storedSpans(corpus: string, layer: string, docId?: string): Promise<Span[]> {
  return spansIn(await readBuckets(corpus, layer, docId))
}

/** The first `limit` stored spans of a layer that pass `test`: buckets are unpacked only until they are found. */
export async function findStoredSpans(
  corpus: string,
  layer: string,
  test: (span: Span) => boolean,
  limit: number
): Promise<Span[]> {
  const found: Span[] = []
  for (const bucket of await readBuckets(corpus, layer))
    for (const span of spansOf(bucket)) if (test(span) && found.push(span) === limit) return found
  return found
}

/**
 * Where every span of a layer lies, how it is labelled and in which document, orphans left out: what
 * agreement needs, read without the texts records (most of a layer's bytes), in the order of layerSpans.
 */
export async function layerPlaces(corpus: string, layer: string): Promise<Annotation[]> {
  return (await readPlaces(corpus, layer)).flatMap((bucket) =>
    placesOf(bucket).flatMap(({ start, end, label, orphaned }) =>
      orphaned ? [] : [{ docId: bucket.docId, start, end, label }]
    )
  )
}

/** Every span of a layer in a corpus ('mine' is my own annotations), orphans left out. */
export async function layerSpans(corpus: string, layer: string, docId?: string): Promise<Span[]> {
  return (await storedSpans(corpus, layer, docId)).filter((s) => !s.orphaned)
}

/** Writes a document's spans in a layer in place of those stored; returns how many it held before. */
export function writeDocSpans(
  corpus: string,
  layer: string,
  docId: string,
  spans: readonly Span[]
): Promise<number> {
  return db.transaction('rw', spanStores, async () => {
    const before = await countStored(corpus, layer, docId)
    await deleteBuckets(corpus, layer, docId)
    await putBuckets(docBuckets(corpus, layerKey(layer), docId, spans))
    return before
  })
}

/**
 * Adds spans to my annotations, each replacing a stored one with the same id in its document; returns
 * each document's spans as now stored.
 */
export function mergeMine(corpus: string, spans: readonly Span[]): Promise<Map<string, Span[]>> {
  const added = byDoc(spans)
  return db.transaction('rw', spanStores, async () => {
    // Which documents hold spans already, from the keys alone; theirs are read all at once.
    const keys = await bucketRange(db.spanBuckets, corpus, MINE).primaryKeys()
    const holding = new Set(keys.map(([, , docId]) => docId))
    const stored = await Promise.all(
      [...added.keys()].map((docId) =>
        holding.has(docId) ? readBuckets(corpus, MINE, docId) : Promise.resolve([])
      )
    )
    const written = new Map<string, Span[]>()
    const deletes: Promise<unknown>[] = []
    const buckets: SpanBucket[] = []
    for (const [i, [docId, spans]] of [...added].entries()) {
      let merged = spans
      if (stored[i]!.length) {
        const ids = new Set(spans.map((s) => s.id))
        merged = [...spansIn(stored[i]!).filter((s) => !ids.has(s.id)), ...spans]
        deletes.push(deleteBuckets(corpus, MINE, docId))
      }
      written.set(docId, merged)
      buckets.push(...docBuckets(corpus, layerKey(MINE), docId, merged))
    }
    await Promise.all(deletes)
    await putBuckets(buckets)
    return written
  })
}

/**
 * Stores one change to one span of mine (`before` gone, `after` in its place), in the bucket `index`
 * places it in. The bucket is read and written in one transaction, so a change refused by storage
 * leaves it as it was, and changes made after it still apply; the index is put back when it is refused.
 */
export async function storeSpanChange(
  corpus: string,
  index: BucketIndex,
  { before, after }: { before?: Span; after?: Span }
): Promise<void> {
  const { id, docId } = (after ?? before)!
  const bucket = index.place(id)
  if (!after) index.drop(id)
  try {
    await db.transaction('rw', spanStores, async () => {
      const key: BucketKeyPath = [corpus, '', docId, bucket]
      const stored = await readBucket(key)
      const spans = stored ? spansOf(stored) : []
      let at = spans.findIndex((s) => s.id === id)
      if (at === -1 && before) {
        // The index in memory should always know the bucket; should it ever be wrong, the span is found anyway.
        for (const other of await readBuckets(corpus, MINE, docId)) {
          const held = spansOf(other)
          if (other.bucket === bucket || !held.some((s) => s.id === id)) continue
          const kept = held.filter((s) => s.id !== id)
          await (kept.length
            ? putBuckets([packBucket(corpus, '', docId, other.bucket, kept)])
            : deleteBucket([corpus, '', docId, other.bucket]))
        }
      }
      if (at === -1) at = spans.length
      const next = after ? spans.toSpliced(at, 1, after) : spans.toSpliced(at, 1)
      if (next.length === 0) await deleteBucket(key)
      else await putBuckets([packBucket(corpus, '', docId, bucket, next)])
    })
  } catch (error) {
    if (before) index.set(id, bucket)
    else index.drop(id)
    throw error
  }
}

/** A document's stored spans of mine with the bucket index that places new ones. */
export async function readMineDoc(
  corpus: string,
  docId: string
): Promise<{ spans: Span[]; index: BucketIndex }> {
  const buckets = await readBuckets(corpus, MINE, docId)
  return { spans: spansIn(buckets), index: new BucketIndex(buckets) }
}

/** The bucket index of a document's spans of mine as writeDocSpans stores them. */
export const indexOfWritten = (corpus: string, docId: string, spans: readonly Span[]): BucketIndex =>
  new BucketIndex(docBuckets(corpus, layerKey(MINE), docId, spans))

/** Replaces every span of a review layer in a corpus with these, in one transaction. */
export function writeLayer(corpus: string, layer: string, spans: readonly Span[]): Promise<void> {
  return db.transaction('rw', spanStores, async () => {
    await deleteBuckets(corpus, layer)
    await putBuckets(
      [...byDoc(spans)].flatMap(([docId, list]) => docBuckets(corpus, layerKey(layer), docId, list))
    )
  })
}

/** Deletes every span of a layer in a corpus; returns how many there were. */
export function deleteLayerSpans(corpus: string, layer: string): Promise<number> {
  return db.transaction('rw', spanStores, async () => {
    const count = await countStored(corpus, layer)
    await deleteBuckets(corpus, layer)
    return count
  })
}

/** Replaces one document's spans in a review layer and its span count, in one transaction. */
export async function replaceLayerDoc(
  corpus: string,
  layer: string,
  docId: string,
  spans: Span[]
): Promise<void> {
  await db.transaction('rw', [...spanStores, db.layers], async () => {
    const before = await writeDocSpans(corpus, layer, docId, spans)
    const existing = await db.layers.get([corpus, layer])
    await db.layers.put({
      corpus,
      name: layer,
      importedAt: existing?.importedAt ?? timestamp(),
      source: existing?.source ?? 'review decisions',
      spans: (existing?.spans ?? 0) - before + spans.length
    })
  })
}
