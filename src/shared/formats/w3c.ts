import { contextOf } from '../anchor'
import { OffsetMap } from '../offsets'
import { inExportOrder, type ExportDoc, type ExportMeta } from './model'

/**
 * W3C Web Annotation (SPEC 5.5): an AnnotationCollection whose items tag a
 * text position (code points, as the model defines them) and quote.
 */
export function toWebAnnotation(docs: readonly ExportDoc[], meta: ExportMeta): string {
  const items = docs.flatMap((doc) => {
    const map = new OffsetMap(doc.text)
    return inExportOrder(doc.spans).map((s) => ({
      id: `urn:uuid:${s.id}`,
      type: 'Annotation',
      motivation: 'tagging',
      created: s.createdAt,
      modified: s.updatedAt,
      creator: { type: 'Person', name: s.author },
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: s.label },
        ...(s.note ? [{ type: 'TextualBody', purpose: 'commenting', value: s.note }] : [])
      ],
      target: {
        source: doc.id,
        selector: [
          { type: 'TextPositionSelector', start: s.start, end: s.end },
          { type: 'TextQuoteSelector', exact: s.text, ...contextOf(doc.text, s.start, s.end, map) }
        ]
      }
    }))
  })
  return JSON.stringify(
    {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationCollection',
      label: `Spanmark export by ${meta.annotator}`,
      generated: meta.exportedAt,
      total: items.length,
      first: { type: 'AnnotationPage', startIndex: 0, items }
    },
    null,
    1
  )
}
