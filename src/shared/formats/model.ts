import type { LabelDef, Span } from '../spans'
import { ByteChunks } from './pieces'

/** One document as exported: its decoded text and its spans, offsets in code points. */
export type ExportDoc = { id: string; sha256: string; text: string; spans: Span[] }

/** Where a span lies and its label. */
export type Placed = Pick<Span, 'start' | 'end' | 'label'>

/** A document as a format needs it that writes only where each span lies and its label. */
export type PlacesDoc = Omit<ExportDoc, 'spans'> & { spans: readonly Placed[] }

export type ExportMeta = { annotator: string; labels: readonly LabelDef[]; exportedAt: string }

export const EXPORT_FORMATS = ['spanmark', 'jsonl', 'brat', 'csv', 'w3c'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** A finished export: a file name and its contents, in parts (text or bytes) to be written one after another. */
export type ExportFile = { name: string; parts: (string | Uint8Array)[]; mime: string }

/**
 * A format written a document at a time: its file is `head`, then each document's `part` with
 * `separator` between them, then `tail`. Runs of documents can so be written apart, at once, and joined in order.
 */
export type DocWriter<D = ExportDoc> = {
  head: string
  /** Writes a document's text, in pieces that join to it. */
  part: (doc: D, write: (text: string) => void) => void
  separator: string
  tail: string
}

/** An export's contents as one run of bytes (text parts in UTF-8). */
export const exportBytes = (file: ExportFile): Uint8Array<ArrayBuffer> => bytesOf(file.parts)

/** Parts one after another as one run of bytes, text in UTF-8: their chunks (see ByteChunks), joined. */
export function bytesOf(parts: readonly (string | Uint8Array)[]): Uint8Array<ArrayBuffer> {
  const out = new ByteChunks()
  parts.forEach((part) => out.write(part))
  const chunks = out.chunks()
  if (chunks.length === 1) return chunks[0]!
  const bytes = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.byteLength, 0))
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.byteLength
  }
  return bytes
}

/** Spans in a stable order, so the same data always exports to the same bytes. */
export const inExportOrder = (spans: readonly Span[]): Span[] =>
  [...spans].sort((a, b) => byPlace(a, b) || a.id.localeCompare(b.id))

/** Spans by start, then end, then label: the export order, but for ids. */
export const byPlace = (a: Placed, b: Placed): number =>
  a.start - b.start || a.end - b.end || a.label.localeCompare(b.label)

/** A span as read from a file, before it is matched to a corpus document. */
export type ImportedSpan = {
  id?: string
  start: number
  end: number
  label: string
  /** The covered text as the file gives it; for brat fragments, their texts joined by a space. */
  text?: string
  /** brat: the pieces of a span split at line breaks. */
  fragments?: [number, number][]
  note?: string
  author?: string
  createdAt?: string
  updatedAt?: string
  prefix?: string
  suffix?: string
}

export type ImportedDoc = {
  id: string
  text?: string
  sha256?: string
  spans: ImportedSpan[]
  /** Where the document starts in its file, for error messages. */
  file?: string
  line?: number
}

export type Imported = {
  format: ExportFormat
  docs: ImportedDoc[]
  annotator?: string
  labels?: { name: string; color?: string }[]
  /** What the reader did that the user should know, e.g. offsets converted from UTF-16. */
  notes: string[]
}

/** A problem with an imported file, naming where it is. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    detail: string
  ) {
    super(`${file}${line === undefined ? '' : `, line ${line}`}: ${detail}`)
    this.name = 'ImportError'
  }
}

/**
 * Larger imports are refused before they are read into memory. A million spans in Spanmark JSON take
 * about 240 MB; the limit stays well below the longest string JavaScript can hold (about 512 M characters).
 */
export const MAX_IMPORT_BYTES = 400 * 1024 * 1024

/** Why an import of `total` bytes is refused, or undefined if it is within the limit. */
export function importTooLarge(total: number): string | undefined {
  return total > MAX_IMPORT_BYTES
    ? `${Math.round(total / 1024 / 1024)} MB is over the ${MAX_IMPORT_BYTES / 1024 / 1024} MB import limit`
    : undefined
}
