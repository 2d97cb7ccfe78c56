import { rangeKey } from './agreement'
import { partitionPoint } from './sorted'
import type { Placed } from './formats/model'
import type { Span } from './spans'

export const DIFF_KINDS = [
  'agree',
  'label-conflict',
  'boundary-conflict',
  'only-mine',
  'only-theirs'
] as const
export type DiffKind = (typeof DIFF_KINDS)[number]

/** One difference (or agreement) between two layers in a document. */
export type Diff = { key: string; kind: DiffKind; mine?: Span; theirs?: Span; start: number }

export type Decision = 'accept-theirs' | 'keep-mine' | 'reject'

const shared = (a: Placed, b: Placed): number => Math.min(a.end, b.end) - Math.max(a.start, b.start)

/** Which of a document's spans in two layers a diff holds: `mine` and `theirs` index the lists paired. */
type Pairing = { kind: DiffKind; mine?: number; theirs?: number }

/**
 * Pairs the spans of two layers in one document (SPEC 6): agree (same
 * range and label), label conflict (same range, other label), boundary
 * conflict (overlapping, same label, other range; the pair sharing most
 * characters), then what is left is only mine or only theirs. Each span is in
 * exactly one pairing. Mine are taken in order, each with the first of theirs
 * (in their order) among the best; lookups are by index, so a document's
 * cost grows with its spans, not with their square. Only places and labels
 * count, so the spans' places alone give the same pairings as the spans.
 */
function pairLayers(mine: readonly Placed[], theirs: readonly Placed[]): Pairing[] {
  const taken = new Uint8Array(theirs.length)
  const paired = new Uint8Array(mine.length)
  const pairings: Pairing[] = []
  const pair = (kind: DiffKind, m: number, t: number): void => {
    paired[m] = 1
    taken[t] = 1
    pairings.push({ kind, mine: m, theirs: t })
  }
  /** Pairs each free span of mine with the first free one of theirs on the same range (and label). */
  const pairByRange = (kind: DiffKind, sameLabel: boolean): void => {
    const buckets = new Map<number, number[]>()
    theirs.forEach((t, i) => {
      if (taken[i]) return
      const bucket = buckets.get(rangeKey(t))
      if (bucket) bucket.push(i)
      else buckets.set(rangeKey(t), [i])
    })
    mine.forEach((m, i) => {
      if (paired[i]) return
      const bucket = buckets.get(rangeKey(m))
      const t = bucket?.find((j) => !taken[j] && (!sameLabel || theirs[j]!.label === m.label))
      if (t !== undefined) pair(kind, i, t)
    })
  }
  pairByRange('agree', true)
  pairByRange('label-conflict', false)

  // Boundary conflicts: per label, theirs sorted by start; only those starting within the longest
  // span's length before a span of mine can reach it.
  const byLabel = new Map<string, number[]>()
  theirs.forEach((t, i) => {
    if (taken[i]) return
    const list = byLabel.get(t.label)
    if (list) list.push(i)
    else byLabel.set(t.label, [i])
  })
  const longest = new Map<string, number>()
  for (const [label, list] of byLabel) {
    list.sort((a, b) => theirs[a]!.start - theirs[b]!.start || a - b)
    longest.set(label, Math.max(...list.map((i) => theirs[i]!.end - theirs[i]!.start)))
  }
  mine.forEach((m, i) => {
    if (paired[i]) return
    const list = byLabel.get(m.label)
    if (!list) return
    const reach = m.start - longest.get(m.label)!
    let best: number | undefined
    for (let j = partitionPoint(list.length, (k) => theirs[list[k]!]!.start <= reach); j < list.length; j++) {
      const t = list[j]!
      if (theirs[t]!.start >= m.end) break
      if (taken[t] || shared(m, theirs[t]!) <= 0) continue
      const better =
        best === undefined ||
        shared(m, theirs[t]!) > shared(m, theirs[best]!) ||
        (shared(m, theirs[t]!) === shared(m, theirs[best]!) && t < best)
      if (better) best = t
    }
    if (best !== undefined) pair('boundary-conflict', i, best)
  })

  mine.forEach((_, i) => {
    if (!paired[i]) pairings.push({ kind: 'only-mine', mine: i })
  })
  theirs.forEach((_, i) => {
    if (!taken[i]) pairings.push({ kind: 'only-theirs', theirs: i })
  })
  return pairings
}

/** The diffs (agreements among them) between two layers' spans in one document, in reading order. */
export function diffLayers(mine: readonly Span[], theirs: readonly Span[]): Diff[] {
  const diffs = pairLayers(mine, theirs).map(({ kind, mine: m, theirs: t }): Diff => {
    const [a, b] = [m === undefined ? undefined : mine[m], t === undefined ? undefined : theirs[t]]
    if (a && b)
      return { key: `${kind}:${a.id}:${b.id}`, kind, mine: a, theirs: b, start: Math.min(a.start, b.start) }
    if (a) return { key: `${kind}:${a.id}`, kind, mine: a, start: a.start }
    return { key: `${kind}:${b!.id}`, kind, theirs: b, start: b!.start }
  })
  return diffs.sort((a, b) => a.start - b.start || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

/**
 * The gold span a decision leaves for a diff, if any. Undecided agreements
 * stand; any other undecided difference adds nothing until it is decided.
 */
export function adjudicated(diff: Diff, decision: Decision | undefined): Span | undefined {
  if (decision === 'reject') return undefined
  if (decision === 'accept-theirs') return diff.theirs
  if (decision === 'keep-mine') return diff.mine
  return diff.kind === 'agree' ? diff.mine : undefined
}

/** Differences (everything but agreements) between two layers' spans in one document, from their places. */
export const disagreementCount = (mine: readonly Placed[], theirs: readonly Placed[]): number =>
  pairLayers(mine, theirs).filter((p) => p.kind !== 'agree').length
