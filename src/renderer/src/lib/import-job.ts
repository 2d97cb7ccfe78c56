import { readImport, type ImportFile } from '../../../shared/formats/import'
import { ImportError } from '../../../shared/formats/model'
import { docMatcher, placeImported, type CorpusDoc } from '../../../shared/formats/place'
import { countLabels, type Span } from '../../../shared/spans'
import { uuidSource } from '../../../shared/uuid'
import { db, isQuotaError, spanStores } from './db'
import { mergeMine, writeLayer } from './layers'

export type ImportTarget = 'mine' | 'layer'

/** Spans per label. */
type LabelCounts = Record<string, number>

/**
 * A file to import: its bytes, or the file itself as the page was given it, read where the import runs.
 * On a worker that is off the page: reading a 235 MB file on the page held up its drawing for up to half
 * a second at a time, in the browser's own code.
 */
export type ChosenFile = { name: string; data: Uint8Array | Blob }

/** How many bytes the files hold, read or not. */
export const chosenBytes = (files: readonly ChosenFile[]): number =>
  files.reduce((n, { data }) => n + (data instanceof Uint8Array ? data.byteLength : data.size), 0)

async function readChosen({ name, data }: ChosenFile): Promise<ImportFile> {
  if (data instanceof Uint8Array) return { name, data }
  try {
    return { name, data: new Uint8Array(await data.arrayBuffer()) }
  } catch {
    // The browser refuses to read a chosen file that has since changed on disk or gone.
    throw new ImportError(name, undefined, 'could not be read: it changed or was removed after it was chosen')
  }
}

/** An import, with what it needs to know of the corpus and the app; the files' bytes, if read, are handed over. */
export type ImportJob = {
  corpus: string
  files: ChosenFile[]
  target: ImportTarget
  /** The layer to import into; empty for the file's annotator (or, failing that, its name). */
  layerName: string
  /** The ids of the corpus's readable documents. */
  corpusIds: string[]
  labels: string[]
  author: string
  now: string
  /** The document open in the app, whose spans are sent back if the import changes them. */
  openDocId?: string
}

/** The stages of an import, in order. */
export type ImportStep = 'reading the file' | 'placing the spans' | 'storing the spans'

/**
 * What an import needs from the page: corpus texts (only the page can ask the shell), a way to say how
 * far it got, and leave to store what it read. That is asked once, with everything read and placed;
 * an import told no stores nothing, and one told yes can no longer be cancelled.
 */
export type ImportIo = {
  readDocs: (ids: string[]) => Promise<[string, CorpusDoc][]>
  step: (step: ImportStep) => void
  mayStore: () => Promise<boolean>
}

/** What an import into my annotations wrote: each document's label counts, and the open one's spans if it wrote them. */
export type ImportWritten = { counts: Record<string, LabelCounts>; open?: Span[] }

export type ImportOutcome =
  | {
      ok: true
      message: string
      /** Conversions, re-anchoring and spans not placed, a line each. */
      report: string[]
      written?: ImportWritten
    }
  | { ok: false; message: string; cancelled?: true }

export const importCancelled: ImportOutcome = {
  ok: false,
  cancelled: true,
  message: 'Import cancelled; nothing was stored.'
}

/**
 * Reads and validates the whole file, places every span, then stores all of it in one transaction:
 * nothing is stored unless all of it is. Errors come back as a message to show, never thrown.
 */
export async function runImport(job: ImportJob, io: ImportIo): Promise<ImportOutcome> {
  try {
    io.step('reading the file')
    const imported = readImport(await Promise.all(job.files.map(readChosen)))
    const matchId = docMatcher(job.corpusIds)
    const wanted = new Set(imported.docs.flatMap((d) => matchId(d) ?? []))
    const corpusDocs = new Map(await io.readDocs([...wanted]))
    io.step('placing the spans')
    const placement = await placeImported(imported, {
      matchId,
      labels: job.labels,
      readDoc: (id) => Promise.resolve(corpusDocs.get(id)),
      author: job.author,
      now: job.now,
      newId: uuidSource()
    })
    if (!(await io.mayStore())) return importCancelled
    io.step('storing the spans')
    const { corpus, target } = job
    const name = job.layerName.trim() || imported.annotator || job.files[0]!.name
    let written: ImportWritten | undefined
    if (target === 'mine') {
      const docs = await mergeMine(corpus, placement.spans)
      const counts = Object.fromEntries([...docs].map(([id, spans]) => [id, countLabels(spans)]))
      written = { counts, open: job.openDocId === undefined ? undefined : docs.get(job.openDocId) }
    } else {
      await db.transaction('rw', [...spanStores, db.layers], async () => {
        await writeLayer(corpus, name, placement.spans)
        await db.layers.put({
          corpus,
          name,
          importedAt: job.now,
          source: job.files.map((f) => f.name).join(', '),
          spans: placement.spans.length
        })
      })
    }
    return {
      ok: true,
      message: `Imported ${placement.spans.length} spans (${imported.format}) into ${target === 'mine' ? 'my annotations' : `layer "${name}"`}.`,
      report: [...placement.notes, ...placement.unplaced.map((line) => `Not placed: ${line}`)],
      written
    }
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, message: error.message }
    return importFailed(
      isQuotaError(error)
        ? 'the disk or the browser storage quota is full. Nothing was imported; free some space and try again.'
        : (error as Error).message
    )
  }
}

/** An import that went wrong for a reason outside the file. */
export const importFailed = (why: string): ImportOutcome => ({ ok: false, message: `Import failed: ${why}` })

/** Messages between the page and an import worker. */
export type FromImportWorker =
  | { kind: 'ready' }
  | { kind: 'read'; ids: string[] }
  | { kind: 'step'; step: ImportStep }
  /** Asks leave to store; the page answers 'store', or stops the worker. */
  | { kind: 'may-store' }
  | { kind: 'done'; outcome: ImportOutcome }
export type ToImportWorker =
  { kind: 'job'; job: ImportJob } | { kind: 'docs'; docs: [string, CorpusDoc][] } | { kind: 'store' }
