import * as v from '@badrap/valita'
import { CONTEXT_LENGTH } from '../anchor'
import { nonEmpty, offset, sized } from '../schema'
import { parseJson, validate } from './json-errors'
import type { Imported } from './model'

const spanSchema = v
  .object({
    id: sized(1, 200),
    start: offset,
    end: offset,
    label: sized(1, 100),
    text: v.string(),
    note: v.string().nullable().optional(),
    author: sized(0, 200).optional(),
    createdAt: sized(0, 40).optional(),
    updatedAt: sized(0, 40).optional(),
    quote: v.string().optional(),
    prefix: sized(0, CONTEXT_LENGTH * 2).optional(),
    suffix: sized(0, CONTEXT_LENGTH * 2).optional()
  })
  .assert((s) => s.end >= s.start, 'end is before start')

const fileSchema = v.object({
  format: v.literal('spanmark'),
  version: v.literal(1),
  exportedAt: v.string().optional(),
  annotator: sized(0, 200).optional(),
  labels: v.array(v.object({ name: nonEmpty, color: v.string().optional() })).optional(),
  documents: v.array(
    v.object({
      id: sized(1, 4096),
      sha256: v.string().optional(),
      text: v.string(),
      spans: v.array(spanSchema)
    })
  )
})

/** Reads Spanmark JSON (SPEC 5.1); `quote`, `prefix` and `suffix` are optional, as other writers leave them out. */
export function parseSpanmark(content: string, file: string): Imported {
  const data = validate(fileSchema, parseJson(content, file), file)
  return {
    format: 'spanmark',
    annotator: data.annotator,
    labels: data.labels,
    notes: [],
    docs: data.documents.map((doc) => ({
      id: doc.id,
      text: doc.text,
      sha256: doc.sha256,
      file,
      spans: doc.spans.map((s) => ({
        id: s.id,
        start: s.start,
        end: s.end,
        label: s.label,
        text: s.text,
        note: s.note ?? undefined,
        author: s.author,
        createdAt: s.createdAt,
        updatedAt: s.updatedAt,
        prefix: s.prefix,
        suffix: s.suffix
      }))
    }))
  }
}
