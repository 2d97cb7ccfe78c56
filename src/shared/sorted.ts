/**
 * The first index in [0, length) at which `before(i)` is false, for a
 * predicate that is true for a prefix of the indices and false after it
 * (binary search; `length` when it is true everywhere).
 */
export function partitionPoint(length: number, before: (index: number) => boolean): number {
  let lo = 0
  let hi = length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (before(mid)) lo = mid + 1
    else hi = mid
  }
  return lo
}
