import Papa from 'papaparse'
import { inExportOrder, type ExportDoc } from './model'

export const CSV_FIELDS = ['doc_id', 'start', 'end', 'label', 'text', 'note', 'author'] as const

/** CSV (SPEC 5.4): one row per span, quoted per RFC 4180, CRLF between records. */
export function toCsv(docs: readonly ExportDoc[]): string {
  const rows = docs.flatMap((doc) =>
    inExportOrder(doc.spans).map((s) => [doc.id, s.start, s.end, s.label, s.text, s.note ?? '', s.author])
  )
  return `${Papa.unparse({ fields: [...CSV_FIELDS], data: rows }, { newline: '\r\n', quotes: false })}\r\n`
}
