import { exportFileOf } from '../../../shared/formats'
import type { ExportFormat } from '../../../shared/formats/model'
import type { CorpusDoc } from '../../../shared/formats/place'
import { timestamp } from '../../../shared/spans'
import { annotations } from './annotations.svelte'
import { corpus } from './corpus.svelte'
import { db } from './db'
import { desktopSink, downloadSink, type ExportSink } from './export-sinks'
import { readDocs } from './texts'
import type { JobDoc } from './export-job'
import { writeExport } from './export-workers'
import {
  chosenBytes,
  runImport,
  type ChosenFile,
  type ImportIo,
  type ImportJob,
  type ImportStep,
  type ImportTarget
} from './import-job'
import { importOffPage } from './import-runner'
import { deleteLayerSpans, MINE } from './layers'

export type { ImportTarget } from './import-job'

export type ExportScope = 'document' | 'corpus' | 'done'

/** Exports of at least this many spans are written by workers. */
const WORKER_SPANS = 50_000
/** Imports of at least this many bytes run on a worker (a megabyte of JSONL holds some 45,000 spans). */
const WORKER_IMPORT_BYTES = 1024 * 1024

/** How many spans an export will hold, as known before they are read: my counts, or the layer's. */
async function spansToExport(corpus: string, layer: string, ids: readonly string[]): Promise<number> {
  if (layer !== MINE) return (await db.layers.get([corpus, layer]))?.spans ?? Infinity
  const counts = annotations.counts
  return ids.reduce((n, id) => Object.values(counts[id] ?? {}).reduce((a, b) => a + b, n), 0)
}

/**
 * Export: reads the documents in scope, has workers read their spans and write them in the format
 * (a run of documents each, in parallel), joins the runs, saves or downloads the file.
 */
export class ExportState {
  busy = $state(false)
  progress = $state<{ step: 'Reading' | 'Writing'; done: number; total: number }>({
    step: 'Reading',
    done: 0,
    total: 0
  })
  message = $state<string | undefined>()
  error = $state<string | undefined>()
  private cancelled = false

  cancel(): void {
    this.cancelled = true
  }

  async run(format: ExportFormat, scope: ExportScope, layer = MINE): Promise<void> {
    const listing = corpus.listing
    if (!listing) return
    const inScope = listing.docs.filter(
      ({ id, error }) =>
        !error &&
        (scope === 'document'
          ? id === corpus.selectedId
          : scope === 'done'
            ? annotations.statuses[id] === 'done'
            : true)
    )
    const ids = inScope.map((d) => d.id)
    const base = scope === 'document' && ids[0] ? ids[0].replace(/[/\\]/g, '_') : listing.name
    const file = exportFileOf(format, base)
    this.busy = true
    this.cancelled = false
    this.error = undefined
    this.message = undefined
    this.progress = { step: 'Reading', done: 0, total: ids.length }
    let sink: ExportSink | undefined
    try {
      // Where the file goes is asked first, so it is written there as it is made.
      sink = corpus.info?.shell === 'electron' ? await desktopSink(file.name) : downloadSink(file)
      if (!sink) {
        this.message = 'Export cancelled.'
        return
      }
      const read = await readDocs(inScope, (done) => {
        this.progress = { step: 'Reading', done, total: ids.length }
        return !this.cancelled
      })
      if (this.cancelled) return await this.stop(sink)
      const docs = read.map((doc): JobDoc => {
        if (!doc?.ok) throw new Error(doc?.error.message ?? 'a document was not read')
        const { id, sha256, text } = doc.value
        return { id, sha256, text }
      })
      // A plain copy of the labels: the workers are sent the meta, and state proxies cannot be.
      const labels = $state.snapshot(annotations.labels)
      const meta = { annotator: annotations.author, labels, exportedAt: timestamp() }
      // A small export is written on the page: starting workers would take longer than the writing.
      const onPage = (await spansToExport(listing.root, layer, ids)) < WORKER_SPANS
      let written = 0
      this.progress = { step: 'Writing', done: 0, total: ids.length }
      const target = { corpus: listing.root, layer, format, meta, baseName: base }
      const output = await writeExport(target, docs, onPage, sink.write, (job) => {
        written += job.docs.length
        this.progress = { step: 'Writing', done: written, total: ids.length }
        return !this.cancelled
      })
      if (!output || this.cancelled) return await this.stop(sink)
      const where = await sink.close()
      sink = undefined
      const { spans, orphans } = output
      this.message = `Exported ${spans} spans in ${docs.length} documents${orphans ? ` (${orphans} orphaned spans left out)` : ''} ${where}.`
    } catch (error) {
      await sink?.abort().catch(() => undefined)
      this.error = `Export failed: ${(error as Error).message}`
    } finally {
      this.busy = false
    }
  }

  private async stop(sink: ExportSink): Promise<void> {
    await sink.abort()
    this.message = 'Export cancelled; nothing was written.'
  }
}

/** Import: a large file on a worker, so the page goes on drawing; each step is shown as it is reached. */
export class ImportState {
  busy = $state(false)
  step = $state<ImportStep>('reading the file')
  /** Whether the import was given leave to store, after which it can no longer be cancelled. */
  storing = $state(false)
  message = $state<string | undefined>()
  report = $state<string[]>([])
  error = $state<string | undefined>()
  private controller: AbortController | undefined

  async run(files: ChosenFile[], target: ImportTarget, layerName: string): Promise<void> {
    const listing = corpus.listing
    if (!listing) return
    this.busy = true
    this.step = 'reading the file'
    this.storing = false
    const controller = new AbortController()
    this.controller = controller
    this.error = undefined
    this.message = undefined
    this.report = []
    const listed = listing.docs.filter((d) => !d.error)
    const job: ImportJob = {
      corpus: listing.root,
      // Plain objects: the dialog's state proxies cannot be sent to a worker.
      files: files.map(({ name, data }) => ({ name, data })),
      target,
      layerName,
      corpusIds: listed.map((d) => d.id),
      labels: annotations.labels.map((l) => l.name),
      author: annotations.author,
      now: timestamp(),
      openDocId: annotations.docId
    }
    // A small file is imported on the page: starting a worker would take longer than the import.
    const onPage = chosenBytes(files) < WORKER_IMPORT_BYTES
    try {
      const io: ImportIo = {
        // Every corpus document the import may touch, read at once rather than one request each in turn.
        readDocs: async (ids) => {
          const wanted = new Set(ids)
          return (await readDocs(listed.filter((d) => wanted.has(d.id)))).flatMap((doc) =>
            doc?.ok ? [[doc.value.id, doc.value] as [string, CorpusDoc]] : []
          )
        },
        step: (step) => (this.step = step),
        mayStore: () => Promise.resolve((this.storing = !controller.signal.aborted))
      }
      const outcome = await (onPage ? runImport(job, io) : importOffPage(job, io, controller.signal))
      if (outcome.ok) {
        if (outcome.written) annotations.showWritten(outcome.written)
        this.message = outcome.message
        this.report = outcome.report
      } else if (outcome.cancelled) this.message = outcome.message
      else this.error = outcome.message
    } finally {
      this.busy = false
      this.controller = undefined
    }
  }

  /** Stops the import, unless it is already storing what it read. */
  cancel(): void {
    this.controller?.abort()
  }

  /** Deletes every span of mine in the corpus (undoable only by re-importing an export). */
  async clearMine(): Promise<number> {
    const listing = corpus.listing
    if (!listing) return 0
    const count = await deleteLayerSpans(listing.root, MINE)
    await annotations.refresh()
    this.message = `Deleted ${count} spans.`
    return count
  }
}

export const exporter = new ExportState()
export const importer = new ImportState()
