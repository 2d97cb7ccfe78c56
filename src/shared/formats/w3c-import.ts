import * as v from '@badrap/valita'
import { nonEmpty, offset } from '../schema'
import { parseJson, validate } from './json-errors'
import { ImportError, type Imported, type ImportedDoc } from './model'

const POSITION = 'TextPositionSelector'
const QUOTE = 'TextQuoteSelector'

const positionSelector = v.object({ type: v.literal(POSITION), start: offset, end: offset })
const quoteSelector = v.object({
  type: v.literal(QUOTE),
  exact: v.string(),
  prefix: v.string().optional(),
  suffix: v.string().optional()
})
/** Selectors of other kinds are let through unread; a position or quote selector must be whole. */
const otherSelector = v.object({ type: v.string().assert((type) => type !== POSITION && type !== QUOTE) })
const selector = v.union(positionSelector, quoteSelector, otherSelector)

const item = v.object({
  id: v.string().optional(),
  created: v.string().optional(),
  modified: v.string().optional(),
  creator: v.object({ name: v.string().optional() }).optional(),
  body: v.array(v.object({ purpose: v.string().optional(), value: v.string() })),
  target: v.object({ source: nonEmpty, selector: v.array(selector) })
})

const collection = v.object({ first: v.object({ items: v.array(item) }) })

/** Reads a Spanmark W3C export; it carries no text, so spans are placed against the corpus documents. */
export function parseWebAnnotation(content: string, file: string): Imported {
  const data = validate(collection, parseJson(content, file), file)
  const docs = new Map<string, ImportedDoc>()
  data.first.items.forEach((annotation, index) => {
    const { selector } = annotation.target
    const position = selector.find((s): s is v.Infer<typeof positionSelector> => s.type === POSITION)
    const quote = selector.find((s): s is v.Infer<typeof quoteSelector> => s.type === QUOTE)
    const label = annotation.body.find((b) => b.purpose === 'tagging' || b.purpose === 'classifying')?.value
    if (!position || !label) return
    if (position.end < position.start)
      throw new ImportError(file, undefined, `annotation ${index + 1} ends before it starts`)
    const doc = docs.get(annotation.target.source) ?? { id: annotation.target.source, spans: [], file }
    docs.set(doc.id, doc)
    doc.spans.push({
      id: annotation.id?.replace(/^urn:uuid:/, ''),
      start: position.start,
      end: position.end,
      label,
      text: quote?.exact,
      prefix: quote?.prefix,
      suffix: quote?.suffix,
      note: annotation.body.find((b) => b.purpose === 'commenting')?.value,
      author: annotation.creator?.name,
      createdAt: annotation.created,
      updatedAt: annotation.modified
    })
  })
  return { format: 'w3c', notes: [], docs: [...docs.values()] }
}
