import type { SearchHit, SearchResult } from '../shared/api'
import { OffsetMap } from '../shared/offsets'
import { ok, type Result } from '../shared/result'
import { listCorpus, readDocument } from './corpus'

const MAX_HITS = 500
const CONTEXT = 40

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Case-insensitive search of every readable document's text; offsets in code points. */
export async function searchCorpus(root: string, query: string): Promise<Result<SearchResult>> {
  const listing = await listCorpus(root)
  if (!listing.ok) return listing
  const pattern = new RegExp(escapeRegExp(query), 'giu')
  const hits: SearchHit[] = []
  let total = 0
  for (const entry of listing.value.docs) {
    if (entry.error) continue
    const doc = await readDocument(root, entry.id)
    if (!doc.ok) continue
    const text = doc.value.text
    let map: OffsetMap | undefined
    for (const match of text.matchAll(pattern)) {
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
  return ok({ hits, total, truncated: total > hits.length })
}
