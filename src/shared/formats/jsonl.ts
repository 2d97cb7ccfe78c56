import { inExportOrder, type DocWriter } from './model'

/** doccano-style JSONL (SPEC 5.2): one line per document. */
export const jsonlWriter: DocWriter = {
  head: '',
  part: (doc) =>
    JSON.stringify({
      id: doc.id,
      text: doc.text,
      label: inExportOrder(doc.spans).map((s) => [s.start, s.end, s.label])
    }) + '\n',
  separator: '',
  tail: ''
}
