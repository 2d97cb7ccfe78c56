import { OffsetMap } from './offsets'
import { partitionPoint } from './sorted'

/**
 * Agreement between two layers of spans, as SPEC section 6 defines it. My
 * layer is the reference: precision is the share of their spans that match
 * one of mine, recall the share of mine matched by one of theirs.
 */
export type Annotation = { docId: string; start: number; end: number; label: string }

export type Scores = { precision: number; recall: number; f1: number; mine: number; theirs: number }

export type Agreement = {
  exact: Scores
  overlap: Scores
  /** Cohen's kappa per label over token vectors, and their mean. */
  kappa: { mean: number; byLabel: Record<string, number> }
}

/** A share that is 1 when there is nothing to share: two empty layers agree. */
const share = (matched: number, total: number, otherTotal: number): number =>
  total === 0 ? (otherTotal === 0 ? 1 : 0) : matched / total

export function scores(mineMatched: number, theirsMatched: number, mine: number, theirs: number): Scores {
  const precision = share(theirsMatched, theirs, mine)
  const recall = share(mineMatched, mine, theirs)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { precision, recall, f1, mine, theirs }
}

/** A span's range as one number: exact while offsets stay below 2^26 (a 50 MiB text has fewer code points). */
export const rangeKey = (a: Pick<Annotation, 'start' | 'end'>): number => a.start * 2 ** 27 + a.end

const exactKey = (a: Annotation): string => `${a.docId}\u0000${a.start}\u0000${a.end}\u0000${a.label}`

export function exactScores(mine: readonly Annotation[], theirs: readonly Annotation[]): Scores {
  const mineKeys = new Set(mine.map(exactKey))
  const theirKeys = new Set(theirs.map(exactKey))
  return scores(
    mine.filter((a) => theirKeys.has(exactKey(a))).length,
    theirs.filter((a) => mineKeys.has(exactKey(a))).length,
    mine.length,
    theirs.length
  )
}

const groupKey = (a: Annotation): string => `${a.docId}\u0000${a.label}`

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const group = groups.get(k)
    if (group) group.push(item)
    else groups.set(k, [item])
  }
  return groups
}

/** Counts the `probes` that share at least one character with some span of `within`. */
export function countOverlapping(
  probes: readonly Annotation[],
  within: readonly Annotation[] | undefined
): number {
  if (!within?.length) return 0
  const sorted = [...within].sort((a, b) => a.start - b.start)
  // maxEnd[i]: the furthest end among the first i+1 spans by start.
  const maxEnd: number[] = []
  sorted.forEach((s, i) => maxEnd.push(Math.max(s.end, i ? maxEnd[i - 1]! : -Infinity)))
  let count = 0
  for (const probe of probes) {
    const lo = partitionPoint(sorted.length, (i) => sorted[i]!.start < probe.end)
    if (lo > 0 && maxEnd[lo - 1]! > probe.start && probe.end > probe.start) count++
  }
  return count
}

export function overlapScores(mine: readonly Annotation[], theirs: readonly Annotation[]): Scores {
  const mineGroups = groupBy(mine, groupKey)
  const theirGroups = groupBy(theirs, groupKey)
  let mineMatched = 0
  let theirsMatched = 0
  for (const [key, group] of mineGroups) mineMatched += countOverlapping(group, theirGroups.get(key))
  for (const [key, group] of theirGroups) theirsMatched += countOverlapping(group, mineGroups.get(key))
  return scores(mineMatched, theirsMatched, mine.length, theirs.length)
}

const TOKEN = /[\p{L}\p{N}]+/gu

/** Code point ranges of the tokens of a text: maximal runs of letters and digits. */
export function tokenize(text: string): [number, number][] {
  const map = new OffsetMap(text)
  return Array.from(text.matchAll(TOKEN), (m) => [
    map.toCodePoint(m.index),
    map.toCodePoint(m.index + m[0].length)
  ])
}

/** 1 for each token that a span of `spans` covers at least partly, in token order. */
export function coverage(tokens: readonly [number, number][], spans: readonly Annotation[]): Uint8Array {
  const covered = new Uint8Array(tokens.length)
  for (const span of spans) {
    const first = partitionPoint(tokens.length, (i) => tokens[i]![1] <= span.start)
    for (let i = first; i < tokens.length && tokens[i]![0] < span.end; i++) covered[i] = 1
  }
  return covered
}

/** Cohen's kappa for two binary vectors given as counts; 1 when both are constant and equal. */
export function cohenKappa(both: number, onlyA: number, onlyB: number, neither: number): number {
  const n = both + onlyA + onlyB + neither
  if (n === 0) return 1
  const observed = (both + neither) / n
  const aYes = (both + onlyA) / n
  const bYes = (both + onlyB) / n
  const expected = aYes * bYes + (1 - aYes) * (1 - bYes)
  return expected === 1 ? (observed === 1 ? 1 : 0) : (observed - expected) / (1 - expected)
}

export function tokenKappa(
  texts: ReadonlyMap<string, string>,
  mine: readonly Annotation[],
  theirs: readonly Annotation[],
  labels: readonly string[]
): Agreement['kappa'] {
  const counts = new Map(labels.map((l) => [l, { both: 0, onlyA: 0, onlyB: 0, neither: 0 }]))
  const mineByDoc = groupBy(mine, (a) => a.docId)
  const theirsByDoc = groupBy(theirs, (a) => a.docId)
  for (const [docId, text] of texts) {
    const tokens = tokenize(text)
    for (const label of labels) {
      const a = coverage(
        tokens,
        (mineByDoc.get(docId) ?? []).filter((s) => s.label === label)
      )
      const b = coverage(
        tokens,
        (theirsByDoc.get(docId) ?? []).filter((s) => s.label === label)
      )
      const c = counts.get(label)!
      for (let i = 0; i < tokens.length; i++) {
        if (a[i] && b[i]) c.both++
        else if (a[i]) c.onlyA++
        else if (b[i]) c.onlyB++
        else c.neither++
      }
    }
  }
  const byLabel = Object.fromEntries(
    [...counts].map(([label, c]) => [label, cohenKappa(c.both, c.onlyA, c.onlyB, c.neither)])
  )
  const values = Object.values(byLabel)
  return { byLabel, mean: values.length ? values.reduce((a, b) => a + b, 0) / values.length : 1 }
}

/**
 * Every figure for two whole layers, each straight from its definition. The review panel works out all
 * its figures in one pass instead (figures.ts); its tests hold that pass to these.
 */
export function agreement(
  texts: ReadonlyMap<string, string>,
  mine: readonly Annotation[],
  theirs: readonly Annotation[],
  labels: readonly string[]
): Agreement {
  return {
    exact: exactScores(mine, theirs),
    overlap: overlapScores(mine, theirs),
    kappa: tokenKappa(texts, mine, theirs, labels)
  }
}

/** Counts of overlapping (mine, theirs) pairs by their labels: confusion[mine][theirs]. */
export function confusion(
  mine: readonly Annotation[],
  theirs: readonly Annotation[],
  labels: readonly string[]
): Record<string, Record<string, number>> {
  const matrix = Object.fromEntries(labels.map((a) => [a, Object.fromEntries(labels.map((b) => [b, 0]))]))
  const theirsByDoc = groupBy(theirs, (a) => a.docId)
  for (const [docId, docMine] of groupBy(mine, (a) => a.docId)) {
    const others = [...(theirsByDoc.get(docId) ?? [])].sort((a, b) => a.start - b.start)
    // reach[k]: the furthest end among others[0..k], so a walk back from a span's end stops where nothing earlier reaches it.
    const reach: number[] = []
    others.forEach((t, k) => reach.push(Math.max(t.end, k ? reach[k - 1]! : -Infinity)))
    for (const m of docMine) {
      const row = matrix[m.label]
      if (!row) continue
      for (let k = partitionPoint(others.length, (i) => others[i]!.start < m.end) - 1; k >= 0; k--) {
        if (reach[k]! <= m.start) break
        const t = others[k]!
        if (t.end > m.start && t.label in row) row[t.label]!++
      }
    }
  }
  return matrix
}
