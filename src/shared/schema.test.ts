import * as v from '@badrap/valita'
import { describe, expect, it } from 'vitest'
import { check, nonEmpty, offset, sized } from './schema'

const span = v.object({ start: offset, end: offset, label: nonEmpty, note: sized(0, 5).optional() })

describe('check', () => {
  it('gives back the value checked', () => {
    expect(check(span, { start: 0, end: 3, label: 'claim' })).toEqual({
      ok: true,
      value: { start: 0, end: 3, label: 'claim' }
    })
  })

  it.each([
    [{ start: -1, end: 3, label: 'claim' }, 'expected a whole number from 0 up at start'],
    [{ start: 1.5, end: 3, label: 'claim' }, 'expected a whole number from 0 up at start'],
    [{ start: 0, end: '3', label: 'claim' }, 'expected number at end'],
    [{ start: 0, end: 3 }, 'missing at label'],
    [{ start: 0, end: 3, label: '' }, 'expected some text at label'],
    [{ start: 0, end: 3, label: 'claim', note: 'too long' }, 'expected at most 5 characters at note'],
    [{ start: 0, end: 3, label: 'claim', extra: 1 }, 'unexpected "extra"'],
    [[], 'expected object']
  ])('names the first problem in %j and where it is', (value, problem) => {
    expect(check(span, value)).toEqual({ ok: false, problem })
  })

  it('names the place of a problem deep in arrays and tuples', () => {
    const file = v.object({
      docs: v.array(v.object({ spans: v.array(v.tuple([offset, offset, nonEmpty])) }))
    })
    const value = {
      docs: [
        { spans: [[0, 1, 'a']] },
        {
          spans: [
            [0, 1, 'a'],
            [2, 3]
          ]
        }
      ]
    }
    expect(check(file, value)).toEqual({ ok: false, problem: 'expected 3 items at docs.1.spans.1' })
    expect(check(v.object({ format: v.literal('spanmark') }), { format: 'x' })).toEqual({
      ok: false,
      problem: 'expected "spanmark" at format'
    })
    expect(check(sized(2, 4), 'x')).toEqual({ ok: false, problem: 'expected 2 to 4 characters' })
    // A union names the problem of the shape its kind (a literal) says it is meant to be.
    const selector = v.union(
      v.object({ type: v.literal('position'), start: offset }),
      v.object({ type: v.literal('quote'), exact: v.string() })
    )
    expect(
      check(v.array(selector), [
        { type: 'quote', exact: 'a' },
        { type: 'position', start: 'x' }
      ])
    ).toEqual({
      ok: false,
      problem: 'expected number at 1.start'
    })
    expect(check(selector, { type: 'other' })).toEqual({
      ok: false,
      problem: 'expected "position" or "quote" at type'
    })
    const loose = v.union(selector, v.object({ kind: v.string() }))
    expect(check(loose, { type: 'position', start: 'x' })).toEqual({
      ok: false,
      problem: 'expected number at start'
    })
  })

  it('lets keys it does not name through, or leaves them out, when told to', () => {
    const value = { start: 0, end: 3, label: 'claim', extra: 1 }
    expect(check(span, value, 'passthrough')).toEqual({ ok: true, value })
    expect(check(span, value, 'strip')).toEqual({ ok: true, value: { start: 0, end: 3, label: 'claim' } })
  })
})
