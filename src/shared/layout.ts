import { partitionPoint } from './sorted'

/**
 * Overlap layout for drawing spans inline. Each span gets a lane: shorter
 * spans take lower lanes, so a span nested in another sits inside it and every
 * span's underline is drawn at its own depth, visible and clickable however
 * many overlap. The text is cut into segments at every span boundary.
 */
export type Interval = { id: string; start: number; end: number }

export function assignLanes(spans: readonly Interval[]): Map<string, number> {
  const lanes = new Map<string, number>()
  const byStart = [...spans].sort((a, b) => a.start - b.start)
  let from = 0
  for (const to of clusterEnds(byStart)) {
    layOutCluster(byStart.slice(from, to), lanes)
    from = to
  }
  return lanes
}

/**
 * Where each cluster ends in intervals sorted by start: a cluster is a run in which every interval
 * overlaps one before it. Intervals of different clusters never meet, so each cluster is laid out
 * alone, with the same lanes as laying out all at once, at the cost of the clusters' sizes.
 */
export function clusterEnds(byStart: readonly Interval[]): number[] {
  const ends: number[] = []
  for (let from = 0; from < byStart.length;) {
    let to = from + 1
    let reach = byStart[from]!.end
    while (to < byStart.length && byStart[to]!.start < reach) reach = Math.max(reach, byStart[to++]!.end)
    ends.push(to)
    from = to
  }
  return ends
}

/** The cluster (an index into `ends`, from clusterEnds) that holds interval `index`. */
export const clusterOfIndex = (ends: readonly number[], index: number): number =>
  partitionPoint(ends.length, (k) => ends[k]! <= index)

/**
 * Indices of the intervals (sorted by start, cut into clusters at `ends`) that overlap [from, to), in
 * order: those starting inside the range by binary search, and those starting before it from the one
 * cluster that can reach into it (every earlier cluster ends before the next one starts).
 */
export function overlapping(
  byStart: readonly Interval[],
  ends: readonly number[],
  from: number,
  to: number
): number[] {
  const lo = partitionPoint(byStart.length, (i) => byStart[i]!.start < from)
  const hi = partitionPoint(byStart.length, (i) => byStart[i]!.start < to)
  const found: number[] = []
  if (lo > 0) {
    const cluster = clusterOfIndex(ends, lo - 1)
    for (let k = cluster === 0 ? 0 : ends[cluster - 1]!; k < lo; k++)
      if (byStart[k]!.end > from) found.push(k)
  }
  for (let k = lo; k < hi; k++) if (byStart[k]!.end > from) found.push(k)
  return found
}

/** Shortest spans first, each in the lowest lane where it overlaps nothing already placed. */
export function layOutCluster(cluster: Interval[], lanes: Map<string, number>): void {
  if (cluster.length === 1) {
    lanes.set(cluster[0]!.id, 0)
    return
  }
  const bySize = cluster.sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start)
  // Placed intervals per lane, sorted by start, for an overlap check by binary search.
  const placed: Interval[][] = []
  const overlapsLane = (lane: Interval[], span: Interval): boolean => {
    const lo = partitionPoint(lane.length, (i) => lane[i]!.start < span.end)
    // Every interval before `lo` starts before span.end; lanes hold disjoint intervals, so only the last can reach span.start.
    return lo > 0 && lane[lo - 1]!.end > span.start
  }
  for (const span of bySize) {
    let lane = 0
    while (lane < placed.length && overlapsLane(placed[lane]!, span)) lane++
    if (lane === placed.length) placed.push([])
    const row = placed[lane]!
    row.splice(
      partitionPoint(row.length, (i) => row[i]!.start <= span.start),
      0,
      span
    )
    lanes.set(span.id, lane)
  }
}

export type Segment = {
  start: number
  end: number
  /** Spans covering the segment, outermost (highest lane) first. */
  ids: string[]
}

/** Cuts [0, length) at every span boundary; segments cover the whole text, in order. */
export function segmentText(
  length: number,
  spans: readonly Interval[],
  lanes: Map<string, number>
): Segment[] {
  const cuts = new Set<number>([0, length])
  for (const s of spans) {
    cuts.add(s.start)
    cuts.add(s.end)
  }
  const points = [...cuts].filter((p) => p >= 0 && p <= length).sort((a, b) => a - b)
  const starts = [...spans].sort((a, b) => a.start - b.start)
  const open: Interval[] = []
  const segments: Segment[] = []
  let next = 0
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!
    const end = points[i + 1]!
    while (next < starts.length && starts[next]!.start <= start) open.push(starts[next++]!)
    for (let j = open.length - 1; j >= 0; j--) if (open[j]!.end <= start) open.splice(j, 1)
    const ids = open
      .filter((s) => s.start < end && s.end > start)
      .sort((a, b) => (lanes.get(b.id) ?? 0) - (lanes.get(a.id) ?? 0))
      .map((s) => s.id)
    segments.push({ start, end, ids })
  }
  return segments
}
