import * as v from '@badrap/valita'
import { nonEmpty, offset } from '../schema'
import { parseJson, validate } from './json-errors'
import { ImportError, type Imported, type ImportedSpan } from './model'

const triple = v.tuple([offset, offset, nonEmpty])
const entity = v.object({
  id: v.union(v.string(), v.number()).optional(),
  start_offset: offset,
  end_offset: offset,
  label: nonEmpty
})

const lineSchema = v.object({
  id: v.union(nonEmpty, v.number()).optional(),
  text: v.string(),
  label: v.array(triple).optional(),
  labels: v.array(triple).optional(),
  entities: v.array(v.union(entity, triple)).optional()
})

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
