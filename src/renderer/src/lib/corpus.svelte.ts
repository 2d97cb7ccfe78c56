import type { AppInfo, CorpusListing, Encoding, LoadedDoc } from '../../../shared/api'
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

  selectedEntry = $derived(this.listing?.docs.find((d) => d.id === this.selectedId))

  async start(): Promise<void> {
    const info = await api.appInfo()
    if (info.ok) this.info = info.value
    const listing = await api.listCorpus()
    if (listing.ok) this.show(listing.value)
    else this.error = listing.error.message
  }

  async pickFolder(): Promise<void> {
    const picked = await api.pickCorpus()
    if (!picked.ok) this.error = picked.error.message
    else if (picked.value) this.show(picked.value)
  }

  async select(id: string, encoding?: Encoding): Promise<void> {
    this.selectedId = id
    const entry = this.listing?.docs.find((d) => d.id === id)
    if (entry?.error) {
      this.doc = undefined
      this.error = entry.error
      return
    }
    this.loading = true
    const result = await api.readDocument({ id, encoding })
    if (this.selectedId !== id) return
    this.loading = false
    this.doc = result.ok ? result.value : undefined
    this.error = result.ok ? undefined : result.error.message
  }

  private show(listing: CorpusListing): void {
    this.listing = listing
    this.doc = undefined
    this.error = undefined
    const first = listing.docs.find((d) => !d.error)
    if (first) void this.select(first.id)
    else this.selectedId = undefined
  }
}

export const corpus = new CorpusState()
