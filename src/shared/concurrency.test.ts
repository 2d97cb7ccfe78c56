import { describe, expect, it } from 'vitest'
import { mapLimit } from './concurrency'

describe('mapLimit', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let running = 0
    let most = 0
    const result = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      running++
      most = Math.max(most, running)
      await new Promise((resolve) => setTimeout(resolve, n))
      running--
      return n * 10
    })
    expect(result).toEqual([50, 10, 40, 20, 30])
    expect(most).toBe(2)
  })

  it('never has two calls of one lane in flight at once', async () => {
    const busy = new Set<number>()
    const lanes = await mapLimit([3, 1, 2, 1, 3, 1], 3, async (n, _index, lane) => {
      expect(busy.has(lane)).toBe(false)
      busy.add(lane)
      await new Promise((resolve) => setTimeout(resolve, n))
      busy.delete(lane)
      return lane
    })
    expect(new Set(lanes)).toEqual(new Set([0, 1, 2]))
  })

  it('handles no items', async () => {
    expect(await mapLimit([], 4, () => Promise.resolve(1))).toEqual([])
  })
})
