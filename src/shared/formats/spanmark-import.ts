import { z } from 'zod'
import { CONTEXT_LENGTH } from '../anchor'
import { parseJson, validate } from './json-errors'
import type { Imported } from './model'

const offset = z.number().int().min(0)

const spanSchema = z
  .object({
    id: z.string().min(1).max(200),
    start: offset,
    end: offset,
    label: z.string().min(1).max(100),
    text: z.string(),
    note: z.string().nullable().optional(),
    author: z.string().max(200).optional(),
    createdAt: z.string().max(40).optional(),
    updatedAt: z.string().max(40).optional(),
    quote: z.string().optional(),
    prefix: z
      .string()
      .max(CONTEXT_LENGTH * 2)
      .optional(),
    suffix: z
      .string()
      .max(CONTEXT_LENGTH * 2)
      .optional()
  })
  .refine((s) => s.end >= s.start, 'end is before start')

const fileSchema = z.object({
  format: z.literal('spanmark'),
  version: z.literal(1),
  exportedAt: z.string().optional(),
  annotator: z.string().max(200).optional(),
  labels: z.array(z.object({ name: z.string().min(1), color: z.string().optional() }).loose()).optional(),
  documents: z.array(
    z.object({
      id: z.string().min(1).max(4096),
      sha256: z.string().optional(),
      text: z.string(),
      spans: z.array(spanSchema)
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
