import Dexie, { type EntityTable } from 'dexie'
import type { Decision } from '../../../shared/review'
import type { DocStatus, LabelDef, Span } from '../../../shared/spans'

/** A span as stored: which corpus it belongs to, by the corpus folder's path. */
export type SpanRecord = Span & { corpus: string }

export type DocRecord = { corpus: string; docId: string; status: DocStatus; sha256?: string }

export type CorpusRecord = { corpus: string; labels: LabelDef[] }

export type SettingRecord = { key: string; value: string }

/** A colleague's span, imported for review into a named layer, kept apart from my own. */
export type LayerSpanRecord = Span & { corpus: string; layer: string }

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

export class SpanmarkDb extends Dexie {
  spans!: EntityTable<SpanRecord, 'id'>
  docs!: Dexie.Table<DocRecord, [string, string]>
  corpora!: EntityTable<CorpusRecord, 'corpus'>
  settings!: EntityTable<SettingRecord, 'key'>
  layerSpans!: Dexie.Table<LayerSpanRecord, [string, string, string]>
  layers!: Dexie.Table<LayerRecord, [string, string]>
  decisions!: Dexie.Table<DecisionRecord, [string, string, string]>

  constructor(name = 'spanmark') {
    // Strict durability: a write reported done is on disk, so a killed process loses nothing shown as saved.
    super(name, { chromeTransactionDurability: 'strict' })
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
  }
}

export const db = new SpanmarkDb()

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
