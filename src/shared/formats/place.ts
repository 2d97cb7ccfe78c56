import { contextOf, reanchor } from '../anchor'
import { OffsetMap, sliceCodePoints } from '../offsets'
import type { Span } from '../spans'
import { bratStems } from './brat'
import { ImportError, type Imported, type ImportedDoc } from './model'
import { toCodePointSpans } from './units'

export type CorpusDoc = { text: string; sha256: string }

export type Placement = {
  spans: Span[]
  /** Spans that could not be placed, and documents not in the corpus, one line each. */
  unplaced: string[]
  /** What was done that the user should know: conversions, re-anchoring. */
  notes: string[]
}

export type PlaceOptions = {
  /** The corpus document each imported one stands for (docMatcher over the corpus ids). */
  matchId: (imported: ImportedDoc) => string | undefined
  labels: readonly string[]
  readDoc: (id: string) => Promise<CorpusDoc | undefined>
  author: string
  now: string
  newId: () => string
}

/**
 * Finds the corpus document an imported one stands for: same id, or (for brat and doccano) same name
 * less extension, the first such in corpus order. Built once for the corpus, then a lookup per document.
 */
export function docMatcher(corpusIds: readonly string[]): (imported: ImportedDoc) => string | undefined {
  const ids = new Set(corpusIds)
  const stems = bratStems(corpusIds)
  const byName = new Map<string, string>()
  for (const id of corpusIds)
    for (const name of [stems.get(id)!, id.replace(/\.[^./]+$/, '')])
      if (!byName.has(name)) byName.set(name, id)
  return (imported) => (ids.has(imported.id) ? imported.id : byName.get(imported.id))
}

/**
 * Checks every imported span against the text it was made on and the corpus,
 * and turns it into a stored span: offsets converted to code points where the
 * file used another unit, re-anchored by quote where the corpus text differs.
 * Throws ImportError for malformed data, before anything is stored.
 */
export async function placeImported(imported: Imported, options: PlaceOptions): Promise<Placement> {
  const spans: Span[] = []
  const unplaced: string[] = []
  const notes = [...imported.notes]
  const known = new Set(options.labels)
  for (const doc of imported.docs) {
    const file = doc.file ?? doc.id
    for (const span of doc.spans)
      if (!known.has(span.label))
        throw new ImportError(file, doc.line, `unknown label "${span.label}": add it under Edit labels first`)
    const docId = options.matchId(doc)
    const corpusDoc = docId === undefined ? undefined : await options.readDoc(docId)
    if (!docId || !corpusDoc) {
      if (doc.spans.length)
        unplaced.push(`${doc.id}: no such document in this corpus (${doc.spans.length} spans)`)
      continue
    }
    const source = doc.text ?? corpusDoc.text
    const converted = toCodePointSpans(source, doc.spans)
    if (!converted) {
      const bad = doc.spans.find((s) => s.end > Array.from(source).length)
      throw new ImportError(
        file,
        doc.line,
        bad
          ? `offsets out of range: a span ends at ${bad.end}, past the text's ${Array.from(source).length} characters`
          : `span offsets do not match the span texts in code points, UTF-16 units or UTF-8 bytes`
      )
    }
    if (converted.unit !== 'code points')
      notes.push(`${doc.id}: offsets were ${converted.unit}; converted to code points.`)
    const sourceMap = new OffsetMap(source)
    const same = source === corpusDoc.text
    const targetMap = same ? sourceMap : new OffsetMap(corpusDoc.text)
    let moved = 0
    for (const span of converted.spans) {
      const quote = sliceCodePoints(source, span.start, span.end, sourceMap)
      const at = same
        ? { start: span.start, end: span.end }
        : reanchor(
            corpusDoc.text,
            {
              start: span.start,
              end: span.end,
              text: quote,
              ...contextOf(source, span.start, span.end, sourceMap)
            },
            targetMap
          )
      if (!at) {
        unplaced.push(`${doc.id}: "${quote}" (${span.label}) is not in the corpus text`)
        continue
      }
      if (at.start !== span.start) moved++
      const { prefix, suffix } = contextOf(corpusDoc.text, at.start, at.end, targetMap)
      const placed: Span = {
        id: span.id ?? options.newId(),
        docId,
        start: at.start,
        end: at.end,
        label: span.label,
        text: same ? quote : sliceCodePoints(corpusDoc.text, at.start, at.end, targetMap),
        author: span.author ?? imported.annotator ?? options.author,
        createdAt: span.createdAt ?? options.now,
        updatedAt: span.updatedAt ?? options.now,
        prefix,
        suffix
      }
      if (span.note) placed.note = span.note
      spans.push(placed)
    }
    if (!same)
      notes.push(
        `${doc.id}: the text differs from the corpus file; spans re-anchored by quote (${moved} moved).`
      )
  }
  return { spans, unplaced, notes }
}
