import { z } from 'zod'
import { parseJson, validate } from './json-errors'
import { ImportError, type Imported, type ImportedDoc } from './model'

const selector = z.union([
  z.object({
    type: z.literal('TextPositionSelector'),
    start: z.number().int().min(0),
    end: z.number().int().min(0)
  }),
  z.object({
    type: z.literal('TextQuoteSelector'),
    exact: z.string(),
    prefix: z.string().optional(),
    suffix: z.string().optional()
  }),
  z.object({ type: z.string() }).loose()
])

const item = z
  .object({
    id: z.string().optional(),
    created: z.string().optional(),
    modified: z.string().optional(),
    creator: z.object({ name: z.string().optional() }).loose().optional(),
    body: z.array(z.object({ purpose: z.string().optional(), value: z.string() }).loose()),
    target: z.object({ source: z.string().min(1), selector: z.array(selector) })
  })
  .loose()

const collection = z.object({ first: z.object({ items: z.array(item) }).loose() }).loose()

/** Reads a Spanmark W3C export; it carries no text, so spans are placed against the corpus documents. */
export function parseWebAnnotation(content: string, file: string): Imported {
  const data = validate(collection, parseJson(content, file), file)
  const docs = new Map<string, ImportedDoc>()
  data.first.items.forEach((annotation, index) => {
    const position = annotation.target.selector.find((s) => s.type === 'TextPositionSelector') as
      { start: number; end: number } | undefined
    const quote = annotation.target.selector.find((s) => s.type === 'TextQuoteSelector') as
      { exact: string; prefix?: string; suffix?: string } | undefined
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
