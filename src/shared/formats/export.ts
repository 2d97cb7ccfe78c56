import { strToU8, zipSync } from 'fflate'
import { bratStems, toBratAnn } from './brat'
import { toCsv } from './csv'
import { jsonlWriter } from './jsonl'
import type { DocWriter, ExportDoc, ExportFile, ExportFormat, ExportMeta } from './model'
import { spanmarkWriter } from './spanmark'
import { toWebAnnotation } from './w3c'

/** The formats written a document at a time. */
export type DocFormat = Extract<ExportFormat, 'spanmark' | 'jsonl'>

export const isDocFormat = (format: ExportFormat): format is DocFormat =>
  format === 'spanmark' || format === 'jsonl'

/** How a format written a document at a time writes its head, each document and its tail. */
export const docWriter = (format: DocFormat, meta: ExportMeta): DocWriter =>
  format === 'spanmark' ? spanmarkWriter(meta) : jsonlWriter

/** Writes documents one after another, separated: the stretch of a file between its head and tail. */
export function writeDocs<D>(writer: DocWriter<D>, docs: readonly D[], write: (text: string) => void): void {
  docs.forEach((doc, i) => {
    if (i) write(writer.separator)
    writer.part(doc, write)
  })
}

/** An export's file name and type. */
export function exportFileOf(format: ExportFormat, baseName: string): Omit<ExportFile, 'parts'> {
  return EXPORT_FILES[format](baseName)
}

const EXPORT_FILES: Record<ExportFormat, (base: string) => Omit<ExportFile, 'parts'>> = {
  spanmark: (base) => ({ name: `${base}.spanmark.json`, mime: 'application/json' }),
  jsonl: (base) => ({ name: `${base}.jsonl`, mime: 'application/jsonl' }),
  csv: (base) => ({ name: `${base}.csv`, mime: 'text/csv' }),
  w3c: (base) => ({ name: `${base}.jsonld`, mime: 'application/ld+json' }),
  brat: (base) => ({ name: `${base}.brat.zip`, mime: 'application/zip' })
}

/** Writes docs in a format; brat standoff comes as one zip of `<doc>.txt` and `<doc>.ann` pairs. */
export function exportAs(
  format: ExportFormat,
  docs: readonly ExportDoc[],
  meta: ExportMeta,
  baseName: string
): ExportFile {
  return { ...exportFileOf(format, baseName), parts: exportParts(format, docs, meta, baseName) }
}

function exportParts(
  format: ExportFormat,
  docs: readonly ExportDoc[],
  meta: ExportMeta,
  baseName: string
): (string | Uint8Array)[] {
  switch (format) {
    case 'spanmark':
    case 'jsonl': {
      const writer = docWriter(format, meta)
      const parts = [writer.head]
      writeDocs(writer, docs, (text) => parts.push(text))
      parts.push(writer.tail)
      return parts
    }
    case 'csv':
      return [toCsv(docs)]
    case 'w3c':
      return [toWebAnnotation(docs, meta)]
    case 'brat': {
      const stems = bratStems(docs.map((d) => d.id))
      const entries: Record<string, Uint8Array> = {}
      for (const doc of docs) {
        const stem = stems.get(doc.id)!
        entries[`${baseName}/${stem}.txt`] = strToU8(doc.text)
        entries[`${baseName}/${stem}.ann`] = strToU8(toBratAnn(doc))
      }
      return [zipSync(entries)]
    }
  }
}
