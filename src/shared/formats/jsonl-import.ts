import { z } from 'zod'
import { parseJson, validate } from './json-errors'
import { ImportError, type Imported, type ImportedSpan } from './model'

const offset = z.number().int().min(0)
const triple = z.tuple([offset, offset, z.string().min(1)])
const entity = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    start_offset: offset,
    end_offset: offset,
    label: z.string().min(1)
  })
  .loose()

const lineSchema = z
  .object({
    id: z.union([z.string().min(1), z.number()]).optional(),
    text: z.string(),
    label: z.array(triple).optional(),
    labels: z.array(triple).optional(),
    entities: z.array(z.union([entity, triple])).optional()
  })
  .loose()

/** Reads doccano JSONL in both shapes: `label: [[start, end, label]]` and `entities: [{start_offset, ...}]`. */
export function parseJsonl(content: string, file: string): Imported {
  const docs = content.split('\n').flatMap((raw, index) => {
    const line = raw.trim()
    if (!line) return []
    const data = validate(lineSchema, parseJson(line, file, index + 1), file, index + 1)
    const spans: ImportedSpan[] = [...(data.label ?? data.labels ?? []), ...(data.entities ?? [])].map(
      (item) =>
        Array.isArray(item)
          ? { start: item[0], end: item[1], label: item[2] }
          : { start: item.start_offset, end: item.end_offset, label: item.label }
    )
    for (const span of spans)
      if (span.end < span.start)
        throw new ImportError(file, index + 1, `a span ends (${span.end}) before it starts (${span.start})`)
    return [{ id: String(data.id ?? `line-${index + 1}`), text: data.text, spans, file, line: index + 1 }]
  })
  if (docs.length === 0) throw new ImportError(file, undefined, 'the file holds no documents')
  return { format: 'jsonl', notes: [], docs }
}
