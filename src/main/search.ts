import type { SearchHit, SearchResult } from '../shared/api'
import { OffsetMap } from '../shared/offsets'
import { ok, type Result } from '../shared/result'
import { listedDocs } from './corpus'
import { loadDocument } from './documents'

const MAX_HITS = 500
/** Matches counted before the search stops: past this, the total is a lower bound. */
export const MAX_COUNTED = 10_000
const CONTEXT = 40

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Case-insensitive search of every readable document's text; offsets in code points. */
export async function searchCorpus(root: string, query: string): Promise<Result<SearchResult>> {
  const listing = await listedDocs(root)
  if (!listing.ok) return listing
  const pattern = new RegExp(escapeRegExp(query), 'giu')
  const hits: SearchHit[] = []
  let total = 0
  for (const entry of listing.value) {
    if (entry.error) continue
    if (total >= MAX_COUNTED) return ok({ hits, total, truncated: true, more: true })
    const doc = await loadDocument(entry)
    if (!doc.ok) continue
    const text = doc.value.text
    let map: OffsetMap | undefined
    for (const match of text.matchAll(pattern)) {
      if (total >= MAX_COUNTED) return ok({ hits, total, truncated: true, more: true })
      total++
      if (hits.length >= MAX_HITS) continue
      map ??= new OffsetMap(text)
      const at = match.index
      const end = at + match[0].length
      hits.push({
        docId: entry.id,
        start: map.toCodePoint(at),
        end: map.toCodePoint(end),
        before: text.slice(Math.max(0, at - CONTEXT), at),
        match: match[0],
        after: text.slice(end, end + CONTEXT)
      })
    }
  }
  return ok({ hits, total, truncated: total > hits.length, more: false })
}
