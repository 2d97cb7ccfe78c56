/**
 * Maps over items with at most `limit` calls in flight; results keep the items' order. `lane` says
 * which of the `limit` runs in turn a call belongs to: no two calls in one lane are in flight at once.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number, lane: number) => Promise<R>
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (lane: number): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index]!, index, lane)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, (_, lane) => worker(lane)))
  return results
}
