/**
 * `next.map(make)`, reusing `previous[j]` for each element that is `prevSource[j]` itself. Both lists
 * keep their order and an edit changes little, so a walk in step finds the reusable elements with
 * pointer comparisons only: an element added, removed or replaced costs one `make`, never a search.
 */
export function mapReusing<T, U>(
  next: readonly T[],
  prevSource: readonly T[],
  previous: readonly U[],
  make: (item: T) => U
): U[] {
  const out = new Array<U>(next.length)
  let j = 0
  for (let i = 0; i < next.length; i++) {
    const item = next[i]!
    if (prevSource[j] === item) out[i] = previous[j++]!
    else if (prevSource[j + 1] === item) {
      // prevSource[j] was removed, or replaced by the element just made.
      out[i] = previous[j + 1]!
      j += 2
    } else out[i] = make(item)
  }
  return out
}
