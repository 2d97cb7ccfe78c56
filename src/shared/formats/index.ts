import { strToU8, unzipSync, zipSync } from 'fflate'
import { bratStems, parseBratAnn, toBratAnn } from './brat'
import { toCsv } from './csv'
import { jsonlWriter, parseJsonl } from './jsonl'
import {
  ImportError,
  importTooLarge,
  type DocWriter,
  type ExportDoc,
  type ExportFile,
  type ExportFormat,
  type ExportMeta,
  type Imported
} from './model'
import { parseSpanmark, spanmarkWriter } from './spanmark'
import { parseWebAnnotation, toWebAnnotation } from './w3c'

/** The formats written a document at a time. */
export type DocFormat = Extract<ExportFormat, 'spanmark' | 'jsonl'>

export const isDocFormat = (format: ExportFormat): format is DocFormat =>
  format === 'spanmark' || format === 'jsonl'

/** How a format written a document at a time writes its head, each document and its tail. */
export const docWriter = (format: DocFormat, meta: ExportMeta): DocWriter =>
  format === 'spanmark' ? spanmarkWriter(meta) : jsonlWriter

/** Documents written one after another, separated: the stretch of a file between its head and tail. */
export const docParts = (writer: DocWriter, docs: readonly ExportDoc[]): string[] =>
  docs.map((doc, i) => (i ? writer.separator : '') + writer.part(doc))

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
      return [writer.head, ...docParts(writer, docs), writer.tail]
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

export type ImportFile = { name: string; data: Uint8Array }

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

function decode(file: ImportFile): string {
  try {
    return strictUtf8.decode(file.data)
  } catch {
    throw new ImportError(file.name, undefined, 'not UTF-8 text')
  }
}

const extension = (name: string): string => /\.([^./]+)$/.exec(name.toLowerCase())?.[1] ?? ''

/** Expands zips into their files, skipping folders and hidden files. */
function expand(files: readonly ImportFile[]): ImportFile[] {
  return files.flatMap((file) => {
    if (extension(file.name) !== 'zip') return [file]
    let entries: Record<string, Uint8Array>
    try {
      entries = unzipSync(file.data)
    } catch (error) {
      throw new ImportError(file.name, undefined, `not a readable zip (${(error as Error).message})`)
    }
    return Object.entries(entries)
      .filter(([name]) => !name.endsWith('/') && !name.split('/').some((part) => part.startsWith('.')))
      .map(([name, data]) => ({ name, data }))
  })
}

/**
 * Reads an import: Spanmark JSON, doccano JSONL, W3C JSON-LD, or brat standoff
 * (.txt/.ann pairs, loose or zipped). Throws ImportError naming the file and
 * line for anything malformed; nothing has been stored when it does.
 */
export function readImport(files: readonly ImportFile[]): Imported {
  if (files.length === 0) throw new ImportError('import', undefined, 'no file chosen')
  const total = files.reduce((sum, f) => sum + f.data.byteLength, 0)
  const tooLarge = importTooLarge(total)
  if (tooLarge) throw new ImportError(files[0]!.name, undefined, tooLarge)
  for (const file of files)
    if (file.data.byteLength === 0) throw new ImportError(file.name, undefined, 'the file is empty')
  const all = expand(files)
  const anns = all.filter((f) => extension(f.name) === 'ann')
  if (anns.length > 0) {
    const texts = new Map(
      all.filter((f) => extension(f.name) === 'txt').map((f) => [f.name.replace(/\.txt$/i, ''), f])
    )
    const docs = anns.map((ann) => {
      const stem = ann.name.replace(/\.ann$/i, '')
      const txt = texts.get(stem)
      if (!txt) throw new ImportError(ann.name, undefined, `no ${stem.split('/').pop()}.txt beside it`)
      return parseBratAnn(decode(ann), decode(txt).replace(/^\uFEFF/, ''), stem.split('/').pop()!, ann.name)
    })
    return { format: 'brat', docs, notes: [] }
  }
  if (all.length !== 1)
    throw new ImportError(files[0]!.name, undefined, 'choose one JSON or JSONL file, or brat .txt/.ann pairs')
  const file = all[0]!
  const text = decode(file).replace(/^\uFEFF/, '')
  if (extension(file.name) === 'jsonl' || /^\s*\{[^\n]*\}\s*\n\s*\{/.test(text))
    return parseJsonl(text, file.name)
  if (/"format"\s*:\s*"spanmark"/.test(text.slice(0, 200))) return parseSpanmark(text, file.name)
  if (/AnnotationCollection|"@context"/.test(text.slice(0, 500))) return parseWebAnnotation(text, file.name)
  if (extension(file.name) === 'json') return parseSpanmark(text, file.name)
  return parseJsonl(text, file.name)
}

export { exportBytes, ImportError, MAX_IMPORT_BYTES } from './model'
