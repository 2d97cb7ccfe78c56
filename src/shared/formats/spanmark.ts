import { contextOf } from '../anchor'
import { OffsetMap } from '../offsets'
import { inExportOrder, type DocWriter, type ExportDoc, type ExportMeta } from './model'
import { CLOSE_LIST, openList, writeJson } from './pieces'

/**
 * Spanmark JSON: full fidelity, round-trips (SPEC 5.1), with quote and context for verification.
 * Written a document at a time: the head, each document's JSON, commas between, the tail join to
 * `JSON.stringify(file)`, so a corpus of a million spans never becomes one string (JavaScript's
 * strings stop short of a gigabyte) and its documents can be written apart.
 */
export function spanmarkWriter(meta: ExportMeta): DocWriter {
  const { exportedAt, annotator, labels } = meta
  const head = openList({ format: 'spanmark', version: 1, exportedAt, annotator, labels }, 'documents')
  return { head, part: spanmarkDoc, separator: ',', tail: CLOSE_LIST }
}

function spanmarkDoc(doc: ExportDoc, write: (text: string) => void): void {
  const map = new OffsetMap(doc.text)
  const { id, sha256, text } = doc
  writeJson(write, { id, sha256, text }, 'spans', inExportOrder(doc.spans), (s) => ({
    id: s.id,
    start: s.start,
    end: s.end,
    label: s.label,
    text: s.text,
    note: s.note ?? null,
    author: s.author,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    quote: s.text,
    ...contextOf(doc.text, s.start, s.end, map)
  }))
}
