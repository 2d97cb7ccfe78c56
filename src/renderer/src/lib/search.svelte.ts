import type { SearchResult } from '../../../shared/api'
import type { Span } from '../../../shared/spans'
import { annotations } from './annotations.svelte'
import { api } from './api'
import { findStoredSpans, MINE } from './layers'

const MAX_SPAN_HITS = 200

/** Corpus-wide search: the documents' text (in main) and the spans' text and notes (in IndexedDB). */
export class SearchState {
  open = $state(false)
  query = $state('')
  busy = $state(false)
  result = $state<SearchResult | undefined>()
  spanHits = $state.raw<Span[]>([])
  error = $state<string | undefined>()

  async run(): Promise<void> {
    const query = this.query.trim()
    if (!query) return
    this.busy = true
    const needle = query.toLocaleLowerCase()
    const [result, spans] = await Promise.all([
      api.searchCorpus({ query }),
      findStoredSpans(
        annotations.corpus,
        MINE,
        (s) =>
          s.text.toLocaleLowerCase().includes(needle) ||
          (s.note ?? '').toLocaleLowerCase().includes(needle) ||
          s.label.toLocaleLowerCase() === needle,
        MAX_SPAN_HITS
      )
    ])
    this.busy = false
    this.result = result.ok ? result.value : undefined
    this.error = result.ok ? undefined : result.error.message
    this.spanHits = spans
  }
}

export const search = new SearchState()
