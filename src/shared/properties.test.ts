import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { reanchor, contextOf } from './anchor'
import { assignLanes, clusterEnds, overlapping, type Interval } from './layout'
import { OffsetMap, sliceCodePoints } from './offsets'
import { diffLayers } from './review'
import type { Span } from './spans'
import { RUNS, text } from './test-fuzz'

describe('OffsetMap on random Unicode', () => {
  it('code point offsets and UTF-16 indices convert back and forth exactly', () => {
    fc.assert(
      fc.property(text, (s) => {
        const map = new OffsetMap(s)
        const points = Array.from(s)
        expect(map.codePointLength).toBe(points.length)
        let utf16 = 0
        for (let cp = 0; cp <= points.length; cp++) {
          expect(map.toUtf16(cp)).toBe(utf16)
          expect(map.toCodePoint(utf16)).toBe(cp)
          utf16 += points[cp]?.length ?? 0
        }
      }),
      { numRuns: RUNS }
    )
  })

  it('slicing by code points equals slicing the code point array', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (s, a, b) => {
        const points = Array.from(s)
        const [start, end] = [a % (points.length + 1), b % (points.length + 1)].sort((x, y) => x - y)
        expect(sliceCodePoints(s, start!, end!)).toBe(points.slice(start, end).join(''))
      }),
      { numRuns: RUNS }
    )
  })
})

describe('overlap lanes on random spans', () => {
  /** The layout rule, naively: shortest first, each in the lowest lane free of spans it overlaps. */
  function naiveLanes(spans: readonly Interval[]): Map<string, number> {
    const lanes = new Map<string, number>()
    const placed: Interval[] = []
    for (const span of [...spans].sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start)) {
      const taken = new Set(
        placed.filter((p) => p.start < span.end && span.start < p.end).map((p) => lanes.get(p.id))
      )
      let lane = 0
      while (taken.has(lane)) lane++
      lanes.set(span.id, lane)
      placed.push(span)
    }
    return lanes
  }

  const spans = fc
    .array(fc.record({ start: fc.nat(300), length: fc.integer({ min: 1, max: 40 }) }), { maxLength: 80 })
    .map((list) => list.map(({ start, length }, i) => ({ id: `s${i}`, start, end: start + length })))

  it('the spans found overlapping a range are those the naive rule finds', () => {
    fc.assert(
      fc.property(spans, fc.nat(340), fc.integer({ min: 1, max: 120 }), (list, from, length) => {
        const byStart = [...list].sort((a, b) => a.start - b.start)
        const to = from + length
        const naive = byStart.flatMap((s, i) => (s.start < to && s.end > from ? [i] : []))
        expect(overlapping(byStart, clusterEnds(byStart), from, to)).toEqual(naive)
      }),
      { numRuns: RUNS }
    )
  })

  it('laying out cluster by cluster gives the lanes of laying out everything at once', () => {
    fc.assert(
      fc.property(spans, (list) => {
        expect(assignLanes(list)).toEqual(naiveLanes(list))
      }),
      { numRuns: RUNS }
    )
  })
})

describe('review pairing on random layers', () => {
  /** The pairing rule, naively: for each of mine in order, the best free one of theirs, first on a tie. */
  function naiveDiff(mine: readonly Span[], theirs: readonly Span[]): string[] {
    const freeMine = new Set(mine)
    const freeTheirs = new Set(theirs)
    const out: string[] = []
    const pass = (
      kind: string,
      match: (m: Span, t: Span) => boolean,
      score: (m: Span, t: Span) => number
    ) => {
      for (const m of [...freeMine]) {
        let best: Span | undefined
        for (const t of freeTheirs) if (match(m, t) && (!best || score(m, t) > score(m, best))) best = t
        if (!best) continue
        freeMine.delete(m)
        freeTheirs.delete(best)
        out.push(`${kind}:${m.id}:${best.id}`)
      }
    }
    const same = (m: Span, t: Span): boolean => m.start === t.start && m.end === t.end
    const sharedBy = (m: Span, t: Span): number => Math.min(m.end, t.end) - Math.max(m.start, t.start)
    pass(
      'agree',
      (m, t) => same(m, t) && m.label === t.label,
      () => 0
    )
    pass('label-conflict', same, () => 0)
    pass('boundary-conflict', (m, t) => m.label === t.label && sharedBy(m, t) > 0, sharedBy)
    for (const m of freeMine) out.push(`only-mine:${m.id}`)
    for (const t of freeTheirs) out.push(`only-theirs:${t.id}`)
    return out.sort()
  }

  it('pairs exactly as the naive rule does', () => {
    const layer = (prefix: string) =>
      fc
        .array(
          fc.record({
            start: fc.nat(60),
            length: fc.integer({ min: 1, max: 15 }),
            label: fc.constantFrom('a', 'b')
          }),
          { maxLength: 25 }
        )
        .map((list) =>
          list.map(({ start, length, label }, i): Span => ({
            id: `${prefix}${i}`,
            docId: 'd',
            start,
            end: start + length,
            label,
            text: '',
            author: prefix,
            createdAt: '',
            updatedAt: ''
          }))
        )
    fc.assert(
      fc.property(layer('m'), layer('t'), (mine, theirs) => {
        expect(
          diffLayers(mine, theirs)
            .map((d) => d.key)
            .sort()
        ).toEqual(naiveDiff(mine, theirs))
      }),
      { numRuns: RUNS }
    )
  })
})

describe('re-anchoring on random edits', () => {
  const edited = fc
    .record({
      before: text,
      quote: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
      after: text,
      insertBefore: text,
      insertAfter: text
    })
    .filter(({ quote }) => quote.trim() !== '')

  it('a span whose text survives an edit around it lands on that text', () => {
    fc.assert(
      fc.property(edited, ({ before, quote, after, insertBefore, insertAfter }) => {
        const original = before + quote + after
        const start = Array.from(before).length
        const end = start + Array.from(quote).length
        const anchor = { start, end, text: quote, ...contextOf(original, start, end) }
        const changed = insertBefore + before + quote + after + insertAfter
        const placed = reanchor(changed, anchor)
        expect(placed).toBeDefined()
        expect(sliceCodePoints(changed, placed!.start, placed!.end)).toBe(quote)
      }),
      { numRuns: RUNS }
    )
  })

  it('a span whose text is gone is reported unplaceable, never placed on other text', () => {
    fc.assert(
      fc.property(edited, ({ before, quote, after }) => {
        const original = before + quote + after
        const start = Array.from(before).length
        const anchor = { start, end: start + Array.from(quote).length, text: quote }
        const changed = (before + after).split(quote).join('')
        const placed = reanchor(changed, anchor)
        if (placed) expect(sliceCodePoints(changed, placed.start, placed.end)).toBe(quote)
        else expect(changed.includes(quote)).toBe(false)
        expect(original.includes(quote)).toBe(true)
      }),
      { numRuns: RUNS }
    )
  })
})
