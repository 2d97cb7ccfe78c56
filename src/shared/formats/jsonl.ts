import { byPlace, type DocWriter, type PlacesDoc } from './model'
import { writeJson } from './pieces'

/**
 * doccano-style JSONL (SPEC 5.2): one line per document. It needs only the spans' places: spans
 * alike in those write the same triple, so the ids that order them elsewhere are not read.
 */
export const jsonlWriter: DocWriter<PlacesDoc> = {
  head: '',
  part: (doc, write) => {
    const spans = [...doc.spans].sort(byPlace)
    writeJson(write, { id: doc.id, text: doc.text }, 'label', spans, (s) => [s.start, s.end, s.label])
    write('\n')
  },
  separator: '',
  tail: ''
}
