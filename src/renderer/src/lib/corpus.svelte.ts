import type { AppInfo, CorpusListing, Encoding, LoadedDoc } from '../../../shared/api'
import type { DocStatus } from '../../../shared/spans'
import { annotations } from './annotations.svelte'
import { api } from './api'

/** The open corpus, the selected document and what went wrong, for the whole window. */
export class CorpusState {
  info = $state<AppInfo | undefined>()
  listing = $state<CorpusListing | undefined>()
  selectedId = $state<string | undefined>()
  doc = $state<LoadedDoc | undefined>()
  /** Why the selected document, or the corpus, could not be opened. */
  error = $state<string | undefined>()
  loading = $state(false)
  filterText = $state('')
  filterStatus = $state<DocStatus | 'all'>('all')

  visibleDocs = $derived(
    (this.listing?.docs ?? []).filter(
      (d) =>
        d.id.toLowerCase().includes(this.filterText.trim().toLowerCase()) &&
        (this.filterStatus === 'all' || (annotations.statuses[d.id] ?? 'todo') === this.filterStatus)
    )
  )

  async start(): Promise<void> {
    void navigator.storage?.persist?.()
    const info = await api.appInfo()
    if (info.ok) this.info = info.value
    const listing = await api.listCorpus()
    if (listing.ok) await this.show(listing.value)
    else this.error = listing.error.message
  }

  async pickFolder(): Promise<void> {
    const picked = await api.pickCorpus()
    if (!picked.ok) this.error = picked.error.message
    else if (picked.value) await this.show(picked.value)
  }

  async select(id: string, encoding?: Encoding): Promise<void> {
    // Re-reading the open document would redraw it under the user's selection and edits.
    if (id === this.selectedId && this.doc?.id === id && encoding === undefined) return
    this.selectedId = id
    const entry = this.listing?.docs.find((d) => d.id === id)
    if (entry?.error) {
      this.doc = undefined
      this.error = entry.error
      annotations.closeDoc()
      return
    }
    this.loading = true
    // The text comes from main, the spans from IndexedDB: ask for both at once.
    const stored = annotations.loadStored(id)
    const result = await api.readDocument({ id, encoding })
    if (this.selectedId !== id) return
    this.loading = false
    this.error = result.ok ? undefined : result.error.message
    if (result.ok) await annotations.openDoc(id, result.value.text, result.value.sha256, stored)
    else annotations.closeDoc()
    this.doc = result.ok ? result.value : undefined
  }

  private async show(listing: CorpusListing): Promise<void> {
    this.listing = listing
    this.doc = undefined
    this.error = undefined
    this.selectedId = undefined
    await annotations.openCorpus(listing.root, this.info?.userName ?? 'annotator')
    // The list shows before the corpus's annotations are read: a document picked meanwhile stays picked.
    if (this.selectedId !== undefined) return
    const first = listing.docs.find((d) => !d.error)
    if (first) await this.select(first.id)
  }
}

export const STATUS_NAMES: Record<DocStatus, string> = {
  todo: 'To do',
  'in-progress': 'In progress',
  done: 'Done'
}

export const corpus = new CorpusState()
