import { timestamp, type Span } from '../../../shared/spans'
import { db } from './db'

/** My own annotations, as a layer name. */
export const MINE = 'mine'
/** The layer review decisions build. */
export const GOLD = 'gold'

const strip = <T extends Span>(record: T & { corpus: string; layer?: string }): Span => {
  const { corpus: _corpus, layer: _layer, ...span } = record
  return span
}

/** Every span of a layer in a corpus ('mine' is my own annotations), orphans left out. */
export async function layerSpans(corpus: string, layer: string, docId?: string): Promise<Span[]> {
  const records =
    layer === MINE
      ? docId === undefined
        ? await db.spans.where('corpus').equals(corpus).toArray()
        : await db.spans.where('[corpus+docId]').equals([corpus, docId]).toArray()
      : docId === undefined
        ? await db.layerSpans.where('[corpus+layer]').equals([corpus, layer]).toArray()
        : await db.layerSpans.where('[corpus+layer+docId]').equals([corpus, layer, docId]).toArray()
  return records.filter((s) => !s.orphaned).map(strip)
}

/** Replaces one document's spans in a layer, in one transaction. */
export async function replaceLayerDoc(
  corpus: string,
  layer: string,
  docId: string,
  spans: Span[]
): Promise<void> {
  await db.transaction('rw', db.layerSpans, db.layers, async () => {
    await db.layerSpans.where('[corpus+layer+docId]').equals([corpus, layer, docId]).delete()
    await db.layerSpans.bulkPut(spans.map((s) => ({ ...s, corpus, layer })))
    const count = await db.layerSpans.where('[corpus+layer]').equals([corpus, layer]).count()
    const existing = await db.layers.get([corpus, layer])
    await db.layers.put({
      corpus,
      name: layer,
      importedAt: existing?.importedAt ?? timestamp(),
      source: existing?.source ?? 'review decisions',
      spans: count
    })
  })
}
