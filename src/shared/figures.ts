import { agreement, confusion, exactScores, overlapScores, type Agreement, type Scores } from './agreement'
import type { Span } from './spans'

/** Everything the review panel shows: the corpus, each label, each document, and the confusion matrix. */
export type Figures = {
  corpus: Agreement
  byLabel: Record<string, { exact: Scores; overlap: Scores; kappa: number }>
  byDoc: Record<string, Agreement>
  confusion: Record<string, Record<string, number>>
}

export function byDoc(spans: readonly Span[]): Map<string, Span[]> {
  const map = new Map<string, Span[]>()
  for (const s of spans) {
    const list = map.get(s.docId)
    if (list) list.push(s)
    else map.set(s.docId, [s])
  }
  return map
}

export function computeFigures(
  texts: ReadonlyMap<string, string>,
  ref: readonly Span[],
  other: readonly Span[],
  labels: readonly string[]
): Figures {
  const whole = agreement(texts, ref, other, labels)
  const byLabel = Object.fromEntries(
    labels.map((label) => {
      const a = ref.filter((s) => s.label === label)
      const b = other.filter((s) => s.label === label)
      return [
        label,
        { exact: exactScores(a, b), overlap: overlapScores(a, b), kappa: whole.kappa.byLabel[label] ?? 1 }
      ]
    })
  )
  const refDocs = byDoc(ref)
  const otherDocs = byDoc(other)
  const docs = Object.fromEntries(
    [...texts].map(([id, text]) => [
      id,
      agreement(new Map([[id, text]]), refDocs.get(id) ?? [], otherDocs.get(id) ?? [], labels)
    ])
  )
  return { corpus: whole, byLabel, byDoc: docs, confusion: confusion(ref, other, labels) }
}
