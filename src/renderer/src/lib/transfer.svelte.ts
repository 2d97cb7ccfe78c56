import { exportFileOf, ImportError, readImport, type ImportFile } from '../../../shared/formats'
import type { ExportFormat } from '../../../shared/formats/model'
import { matchId, placeImported } from '../../../shared/formats/place'
import { timestamp } from '../../../shared/spans'
import { uuidSource } from '../../../shared/uuid'
import { annotations } from './annotations.svelte'
import { api } from './api'
import { corpus } from './corpus.svelte'
import { db, isQuotaError } from './db'
import { download } from './download'
import { readDocs } from './texts'
import type { JobDoc } from './export-job'
import { writeExport } from './export-workers'
import { deleteLayerSpans, mergeMine, MINE, writeLayer } from './layers'

export type ExportScope = 'document' | 'corpus' | 'done'

/** Exports of at least this many spans are written by workers. */
const WORKER_SPANS = 50_000

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
    this.busy = true
    this.cancelled = false
    this.error = undefined
    this.message = undefined
    this.progress = { step: 'Reading', done: 0, total: ids.length }
    try {
      const read = await readDocs(inScope, (done) => {
        this.progress = { step: 'Reading', done, total: ids.length }
        return !this.cancelled
      })
      const stop = (): void => {
        this.message = 'Export cancelled; nothing was written.'
      }
      if (this.cancelled) return stop()
      const docs = read.map((doc): JobDoc => {
        if (!doc?.ok) throw new Error(doc?.error.message ?? 'a document was not read')
        const { id, sha256, text } = doc.value
        return { id, sha256, text }
      })
      const base = scope === 'document' && ids[0] ? ids[0].replace(/[/\\]/g, '_') : listing.name
      // A plain copy of the labels: the workers are sent the meta, and state proxies cannot be.
      const labels = $state.snapshot(annotations.labels)
      const meta = { annotator: annotations.author, labels, exportedAt: timestamp() }
      // A small export is written on the page: starting workers would take longer than the writing.
      const onPage = (await spansToExport(listing.root, layer, ids)) < WORKER_SPANS
      let written = 0
      this.progress = { step: 'Writing', done: 0, total: ids.length }
      const output = await writeExport(
        { corpus: listing.root, layer, format, meta, baseName: base },
        docs,
        onPage,
        (job) => {
          written += job.docs.length
          this.progress = { step: 'Writing', done: written, total: ids.length }
          return !this.cancelled
        }
      )
      if (!output || this.cancelled) return stop()
      const file = { ...exportFileOf(format, base), parts: output.parts }
      const { spans, orphans } = output
      const summary = `${spans} spans in ${docs.length} documents${orphans ? ` (${orphans} orphaned spans left out)` : ''}`
      if (api.saveExport && corpus.info?.shell === 'electron') {
        const saved = await api.saveExport({ defaultName: file.name, data: file.parts })
        if (!saved.ok) throw new Error(saved.error.message)
        this.message = saved.value ? `Exported ${summary} to ${saved.value.path}.` : 'Export cancelled.'
      } else {
        download(file)
        this.message = `Exported ${summary} as ${file.name}.`
      }
    } catch (error) {
      this.error = `Export failed: ${(error as Error).message}`
    } finally {
      this.busy = false
    }
  }
}

export type ImportTarget = 'mine' | 'layer'

/** Import: reads and validates the whole file, places every span, then stores all of it in one transaction. */
export class ImportState {
  busy = $state(false)
  message = $state<string | undefined>()
  report = $state<string[]>([])
  error = $state<string | undefined>()

  async run(files: ImportFile[], target: ImportTarget, layerName: string): Promise<void> {
    const listing = corpus.listing
    if (!listing) return
    this.busy = true
    this.error = undefined
    this.message = undefined
    this.report = []
    try {
      const imported = readImport(files)
      // Read every corpus document the import may touch at once, rather than one request per document in turn.
      const listed = listing.docs.filter((d) => !d.error)
      const ids = listed.map((d) => d.id)
      const wanted = new Set(imported.docs.flatMap((d) => matchId(d, ids) ?? []))
      const corpusDocs = new Map(
        (await readDocs(listed.filter((d) => wanted.has(d.id)))).flatMap((doc) =>
          doc?.ok ? [[doc.value.id, doc.value] as const] : []
        )
      )
      const placement = await placeImported(imported, {
        corpusIds: ids,
        labels: annotations.labels.map((l) => l.name),
        readDoc: (id) => Promise.resolve(corpusDocs.get(id)),
        author: annotations.author,
        now: timestamp(),
        newId: uuidSource()
      })
      const name = layerName.trim() || imported.annotator || files[0]!.name
      if (target === 'mine') {
        annotations.showWritten(await mergeMine(listing.root, placement.spans))
      } else {
        await db.transaction('rw', db.spanBuckets, db.layers, async () => {
          await writeLayer(listing.root, name, placement.spans)
          await db.layers.put({
            corpus: listing.root,
            name,
            importedAt: timestamp(),
            source: files.map((f) => f.name).join(', '),
            spans: placement.spans.length
          })
        })
      }
      this.message = `Imported ${placement.spans.length} spans (${imported.format}) into ${target === 'mine' ? 'my annotations' : `layer "${name}"`}.`
      this.report = [...placement.notes, ...placement.unplaced.map((line) => `Not placed: ${line}`)]
    } catch (error) {
      this.error =
        error instanceof ImportError
          ? error.message
          : isQuotaError(error)
            ? 'Import failed: the disk or the browser storage quota is full. Nothing was imported; free some space and try again.'
            : `Import failed: ${(error as Error).message}`
    } finally {
      this.busy = false
    }
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
