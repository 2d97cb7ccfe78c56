import Dexie, { type EntityTable, type Transaction } from 'dexie'
import type { Decision } from '../../../shared/review'
import type { DocStatus, LabelDef, Span } from '../../../shared/spans'
import {
  packBucket,
  splitBucket,
  type BucketKey,
  type BucketPlaces,
  type BucketTexts,
  type SpanBucket
} from './buckets'
import { bucketsOf, isColumnBucket6, spansOfColumns6, type ObjectBucket } from './legacy-buckets'

export type DocRecord = { corpus: string; docId: string; status: DocStatus; sha256?: string }

export type CorpusRecord = { corpus: string; labels: LabelDef[] }

export type SettingRecord = { key: string; value: string }

/** A review decision on one difference between two layers, with who made it and when. */
export type DecisionRecord = {
  corpus: string
  /** The two layers compared, as `reference|other`. */
  pair: string
  key: string
  docId: string
  decision: Decision
  decidedBy: string
  decidedAt: string
}

export type LayerRecord = { corpus: string; name: string; importedAt: string; source: string; spans: number }

/** How spans were stored up to schema version 3: one record per span, mine and each layer's apart. */
type LegacySpanRecord = Span & { corpus: string }

/** A bucket's key as both of its stores hold it: corpus, layer, document, number. */
export type BucketKeyPath = [string, string, string, number]

export class SpanmarkDb extends Dexie {
  /** Each bucket's places; its texts are in `spanTexts` under the same key (see BucketPlaces). */
  spanBuckets!: Dexie.Table<BucketPlaces, BucketKeyPath>
  spanTexts!: Dexie.Table<BucketTexts, BucketKeyPath>
  docs!: Dexie.Table<DocRecord, [string, string]>
  corpora!: EntityTable<CorpusRecord, 'corpus'>
  settings!: EntityTable<SettingRecord, 'key'>
  layers!: Dexie.Table<LayerRecord, [string, string]>
  decisions!: Dexie.Table<DecisionRecord, [string, string, string]>

  constructor(name = 'spanmark') {
    // Strict durability: a write reported done is on disk, so a killed process loses nothing shown as saved.
    // No query cache: nothing here uses liveQuery, and the cache would copy every record written.
    super(name, { chromeTransactionDurability: 'strict', cache: 'disabled' })
    this.version(1).stores({
      spans: 'id, [corpus+docId], corpus',
      docs: '[corpus+docId], corpus',
      corpora: 'corpus',
      settings: 'key'
    })
    this.version(2).stores({
      layerSpans: '[corpus+layer+id], [corpus+layer+docId], [corpus+layer]',
      layers: '[corpus+name], corpus'
    })
    this.version(3).stores({ decisions: '[corpus+pair+key], [corpus+pair]' })
    // Spans move into buckets: reading 20,000 records one by one took most of a second, a hundred buckets a tenth.
    this.version(4)
      .stores({ spanBuckets: '[corpus+layer+docId+bucket]' })
      .upgrade(async (tx) => {
        const mine = (await tx.table<LegacySpanRecord>('spans').toArray()).map((s) => ({ ...s, layer: '' }))
        const theirs = await tx.table<LegacySpanRecord & { layer: string }>('layerSpans').toArray()
        await tx.table<SpanBucket>('spanBuckets').bulkPut(bucketsOf([...mine, ...theirs]))
      })
    this.version(5).stores({ spans: null, layerSpans: null })
    // Buckets keep their spans in columns: read back in half the time, and the span count without the spans.
    this.version(6).upgrade((tx) =>
      repackBuckets(tx, (r) => ('spans' in r ? (r as ObjectBucket).spans : undefined))
    )
    // Ids apart from the other text, and each author and time once: a third fewer bytes to store and read.
    this.version(7).upgrade((tx) =>
      repackBuckets(tx, (r) => (isColumnBucket6(r) ? spansOfColumns6(r) : undefined))
    )
    // Places apart from texts: counting spans or writing JSONL reads about 11 bytes a span instead of 262.
    this.version(8)
      .stores({ spanTexts: '[corpus+layer+docId+bucket]' })
      .upgrade(async (tx) => {
        const texts: BucketTexts[] = []
        await tx
          .table<SpanBucket | BucketPlaces>('spanBuckets')
          .toCollection()
          .modify((record, ref) => {
            if (!('ids' in record)) return
            const [places, rest] = splitBucket(record)
            texts.push(rest)
            ref.value = places
          })
        await tx.table<BucketTexts>('spanTexts').bulkPut(texts)
      })
  }
}

/**
 * Packs anew, in the layout of `packBucket`, every stored bucket whose spans `oldSpans` can read (it
 * answers undefined for a bucket in any other layout, which is left as it is).
 */
function repackBuckets(tx: Transaction, oldSpans: (record: object) => Span[] | undefined): Promise<number> {
  return tx
    .table<object>('spanBuckets')
    .toCollection()
    .modify((record, ref) => {
      const spans = oldSpans(record)
      if (!spans) return
      const { corpus, layer, docId, bucket } = record as BucketKey
      ref.value = packBucket(corpus, layer, docId, bucket, spans)
    })
}

export const db = new SpanmarkDb()

/** The two stores a bucket is kept in: every transaction that reads whole spans or writes any takes both. */
export const spanStores = [db.spanBuckets, db.spanTexts]

/** Whether a storage error (Dexie wraps the browser's in `inner`) means the disk or the quota is full. */
export function isQuotaError(error: unknown): boolean {
  const { name, inner } = error as { name?: string; inner?: { name?: string } }
  return (inner?.name ?? name) === 'QuotaExceededError'
}

/** A storage error as a sentence a user can act on. */
export function storageErrorMessage(error: unknown): string {
  if (isQuotaError(error))
    return 'Not saved: the disk or the browser storage quota is full. Free some space; nothing else was changed.'
  return `Not saved: ${(error as Error).message}`
}
