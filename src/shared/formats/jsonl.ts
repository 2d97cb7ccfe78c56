import { byPlace, type DocWriter, type PlacesDoc } from './model'

/**
 * doccano-style JSONL (SPEC 5.2): one line per document. It needs only the spans' places: spans
 * alike in those write the same triple, so the ids that order them elsewhere are not read.
 */
export const jsonlWriter: DocWriter<PlacesDoc> = {
  head: '',
  part: (doc) =>
    JSON.stringify({
      id: doc.id,
      text: doc.text,
      label: [...doc.spans].sort(byPlace).map((s) => [s.start, s.end, s.label])
    }) + '\n',
  separator: '',
  tail: ''
}
