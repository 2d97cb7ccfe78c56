import { z } from 'zod'
import { CONTEXT_LENGTH, contextOf } from '../anchor'
import { OffsetMap } from '../offsets'
import { parseJson, validate } from './json-errors'
import { inExportOrder, type DocWriter, type ExportDoc, type ExportMeta, type Imported } from './model'

/**
 * Spanmark JSON: full fidelity, round-trips (SPEC 5.1), with quote and context for verification.
 * Written a document at a time: the head, each document's JSON, commas between, the tail join to
 * `JSON.stringify(file)`, so a corpus of a million spans never becomes one string (JavaScript's
 * strings stop short of a gigabyte) and its documents can be written apart.
 */
export function spanmarkWriter(meta: ExportMeta): DocWriter {
  const head = JSON.stringify({
    format: 'spanmark',
    version: 1,
    exportedAt: meta.exportedAt,
    annotator: meta.annotator,
    labels: meta.labels,
    documents: []
  })
  return { head: head.slice(0, -'[]}'.length) + '[', part: spanmarkDoc, separator: ',', tail: ']}' }
}

function spanmarkDoc(doc: ExportDoc): string {
  const map = new OffsetMap(doc.text)
  return JSON.stringify({
    id: doc.id,
    sha256: doc.sha256,
    text: doc.text,
    spans: inExportOrder(doc.spans).map((s) => ({
      id: s.id,
      start: s.start,
      end: s.end,
      label: s.label,
      text: s.text,
      note: s.note ?? null,
      author: s.author,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
      quote: s.text,
      ...contextOf(doc.text, s.start, s.end, map)
    }))
  })
}

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
