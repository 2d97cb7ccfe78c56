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

const sameRange = (a: Span, b: Span): boolean => a.start === b.start && a.end === b.end
const shared = (a: Span, b: Span): number => Math.min(a.end, b.end) - Math.max(a.start, b.start)

/**
 * Pairs the spans of two layers in one document (SPEC 6): agree (same
 * range and label), label conflict (same range, other label), boundary
 * conflict (overlapping, same label, other range), then what is left is
 * only mine or only theirs. Each span is in exactly one diff.
 */
export function diffLayers(mine: readonly Span[], theirs: readonly Span[]): Diff[] {
  const freeMine = new Set(mine)
  const freeTheirs = new Set(theirs)
  const diffs: Diff[] = []
  const pair = (
    kind: DiffKind,
    match: (m: Span, t: Span) => boolean,
    score: (m: Span, t: Span) => number
  ): void => {
    for (const m of [...freeMine]) {
      let best: Span | undefined
      for (const t of freeTheirs) if (match(m, t) && (!best || score(m, t) > score(m, best))) best = t
      if (!best) continue
      freeMine.delete(m)
      freeTheirs.delete(best)
      diffs.push({
        key: `${kind}:${m.id}:${best.id}`,
        kind,
        mine: m,
        theirs: best,
        start: Math.min(m.start, best.start)
      })
    }
  }
  pair(
    'agree',
    (m, t) => sameRange(m, t) && m.label === t.label,
    () => 0
  )
  pair('label-conflict', sameRange, () => 0)
  pair('boundary-conflict', (m, t) => m.label === t.label && shared(m, t) > 0, shared)
  for (const m of freeMine)
    diffs.push({ key: `only-mine:${m.id}`, kind: 'only-mine', mine: m, start: m.start })
  for (const t of freeTheirs)
    diffs.push({ key: `only-theirs:${t.id}`, kind: 'only-theirs', theirs: t, start: t.start })
  return diffs.sort((a, b) => a.start - b.start || a.key.localeCompare(b.key))
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

/** Differences (everything but agreements) per document between two layers grouped by document. */
export function disagreementCounts(
  mine: ReadonlyMap<string, readonly Span[]>,
  theirs: ReadonlyMap<string, readonly Span[]>
): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const docId of new Set([...mine.keys(), ...theirs.keys()]))
    counts[docId] = diffLayers(mine.get(docId) ?? [], theirs.get(docId) ?? []).filter(
      (d) => d.kind !== 'agree'
    ).length
  return counts
}
