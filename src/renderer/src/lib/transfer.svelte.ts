import { exportAs, ImportError, readImport, type ImportFile } from '../../../shared/formats'
import type { ExportDoc, ExportFormat } from '../../../shared/formats/model'
import { matchId, placeImported } from '../../../shared/formats/place'
import { timestamp } from '../../../shared/spans'
import { uuidSource } from '../../../shared/uuid'
import { annotations } from './annotations.svelte'
import { api } from './api'
import { corpus } from './corpus.svelte'
import { db, isQuotaError } from './db'
import { download } from './download'
import { byDoc } from '../../../shared/figures'
import { readDocs } from './texts'
import { deleteLayerSpans, mergeMine, MINE, storedSpans, writeLayer } from './layers'

export type ExportScope = 'document' | 'corpus' | 'done'

/** Export: gathers the documents in scope and my spans, writes a format, saves or downloads it. */
export class ExportState {
  busy = $state(false)
  progress = $state({ done: 0, total: 0 })
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
    this.progress = { done: 0, total: ids.length }
    try {
      const stored = await storedSpans(listing.root, layer)
      const spans = stored.filter((s) => !s.orphaned)
      const orphans = stored.length - spans.length
      const spansByDoc = byDoc(spans)
      const read = await readDocs(inScope, (done) => {
        this.progress = { done, total: ids.length }
        return !this.cancelled
      })
      if (this.cancelled) {
        this.message = 'Export cancelled; nothing was written.'
        return
      }
      const ready = read.map((doc): ExportDoc => {
        if (!doc?.ok) throw new Error(doc?.error.message ?? 'a document was not read')
        const { id, sha256, text } = doc.value
        return { id, sha256, text, spans: spansByDoc.get(id) ?? [] }
      })
      const base = scope === 'document' && ids[0] ? ids[0].replace(/[/\\]/g, '_') : listing.name
      const file = exportAs(
        format,
        ready,
        { annotator: annotations.author, labels: annotations.labels, exportedAt: timestamp() },
        base
      )
      const spanCount = ready.reduce((n, d) => n + d.spans.length, 0)
      const summary = `${spanCount} spans in ${ready.length} documents${orphans ? ` (${orphans} orphaned spans left out)` : ''}`
      if (api.saveExport && corpus.info?.shell === 'electron') {
        const saved = await api.saveExport({
          defaultName: file.name,
          // The parts joined by the browser, not into one string: a large export outgrows any string.
          data: new Uint8Array(await new Blob(file.parts as BlobPart[]).arrayBuffer())
        })
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
