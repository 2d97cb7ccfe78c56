import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RUNS } from '../../../shared/test-fuzz'
import { mapReusing } from './reuse'

type Box = { n: number }

describe('mapReusing', () => {
  const make = (made: Box[]) => (b: Box) => {
    made.push(b)
    return { doubled: b.n * 2, source: b }
  }

  it('makes only the element an insertion, a removal or a replacement brings', () => {
    const a = { n: 1 }
    const b = { n: 2 }
    const c = { n: 3 }
    const before = [a, b, c]
    const previous = before.map((box) => ({ doubled: box.n * 2, source: box }))
    for (const [next, fresh] of [
      [[a, { n: 9 }, b, c], 1],
      [[a, c], 0],
      [[a, { n: 7 }, c], 1],
      [[], 0]
    ] as const) {
      const made: Box[] = []
      const out = mapReusing(next, before, previous, make(made))
      expect(out.map((o) => o.source)).toEqual(next)
      expect(made).toHaveLength(fresh)
      for (const [i, box] of next.entries()) {
        const at = before.indexOf(box)
        if (at !== -1) expect(out[i]).toBe(previous[at])
      }
    }
  })

  it('always equals mapping every element afresh, whatever changed', () => {
    const pool = Array.from({ length: 12 }, (_, n) => ({ n }))
    const list = fc.array(fc.nat(11), { maxLength: 20 }).map((ix) => ix.map((i) => pool[i]!))
    fc.assert(
      fc.property(list, list, (before, next) => {
        const previous = before.map((b) => ({ doubled: b.n * 2, source: b }))
        const out = mapReusing(next, before, previous, (b) => ({ doubled: b.n * 2, source: b }))
        expect(out.map((o) => o.source)).toEqual(next)
        expect(out.map((o) => o.doubled)).toEqual(next.map((b) => b.n * 2))
      }),
      { numRuns: RUNS }
    )
  })
})
