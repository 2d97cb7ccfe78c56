import { describe, expect, it } from 'vitest'
import {
  agreement,
  cohenKappa,
  confusion,
  exactScores,
  overlapScores,
  tokenize,
  type Annotation
} from './agreement'

const LABELS = ['claim', 'quote', 'speculation']
const a = (start: number, end: number, label = 'claim', docId = 'd'): Annotation => ({
  docId,
  start,
  end,
  label
})
const TEXT = 'one two three four five six seven eight nine ten'
const texts = new Map([['d', TEXT]])

describe('exact and overlap F1', () => {
  it('is 1 for identical layers', () => {
    const layer = [a(0, 3), a(4, 7, 'quote'), a(8, 13, 'speculation')]
    const result = agreement(texts, layer, layer, LABELS)
    expect(result.exact).toMatchObject({ precision: 1, recall: 1, f1: 1 })
    expect(result.overlap.f1).toBe(1)
    expect(result.kappa.mean).toBe(1)
  })

  it('is 0 for disjoint layers', () => {
    const result = agreement(texts, [a(0, 3)], [a(8, 13)], LABELS)
    expect(result.exact.f1).toBe(0)
    expect(result.overlap.f1).toBe(0)
    expect(result.kappa.byLabel['claim']).toBeLessThan(0)
  })

  it('counts a boundary difference as an overlap match only', () => {
    const mine = [a(0, 7), a(8, 13)]
    const theirs = [a(4, 7), a(14, 18, 'quote')]
    expect(exactScores(mine, theirs)).toMatchObject({ precision: 0, recall: 0, f1: 0 })
    // Theirs: 1 of 2 overlaps mine (same label); mine: 1 of 2 overlapped.
    expect(overlapScores(mine, theirs)).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5 })
  })

  it('matches nested spans by overlap and not a label conflict', () => {
    const mine = [a(0, 13), a(4, 7, 'quote')]
    const theirs = [a(4, 7), a(0, 13, 'speculation')]
    expect(exactScores(mine, theirs).f1).toBe(0)
    const overlap = overlapScores(mine, theirs)
    expect([overlap.precision, overlap.recall]).toEqual([0.5, 0.5])
  })

  it('works out P, R and F1 by hand', () => {
    const mine = [a(0, 3), a(4, 7), a(8, 13), a(14, 18)]
    const theirs = [a(0, 3), a(4, 7), a(19, 23)]
    // precision 2/3, recall 2/4, F1 = 2PR/(P+R) = 4/7
    const scores = exactScores(mine, theirs)
    expect(scores).toMatchObject({ precision: 2 / 3, recall: 0.5, mine: 4, theirs: 3 })
    expect(scores.f1).toBeCloseTo(4 / 7, 12)
  })

  it('never divides by zero: empty layers', () => {
    expect(exactScores([], [])).toMatchObject({ precision: 1, recall: 1, f1: 1 })
    expect(exactScores([a(0, 3)], [])).toMatchObject({ precision: 0, recall: 0, f1: 0 })
    expect(overlapScores([], [a(0, 3)])).toMatchObject({ precision: 0, recall: 0, f1: 0 })
    expect(agreement(new Map(), [], [], LABELS).kappa.mean).toBe(1)
  })
})

describe('token kappa', () => {
  it('tokenizes runs of letters and digits in code points', () => {
    expect(tokenize('😀 ab-12 é中文')).toEqual([
      [2, 4],
      [5, 7],
      [8, 11]
    ])
  })

  it('matches a hand-worked Cohen kappa', () => {
    // 10 tokens; A covers tokens 0-3, B covers tokens 2-5.
    // both 2, onlyA 2, onlyB 2, neither 4: po = 0.6, pe = 0.4*0.4 + 0.6*0.6 = 0.52, kappa = 0.08/0.48
    const result = agreement(texts, [a(0, 18)], [a(8, 27)], ['claim'])
    expect(result.kappa.byLabel['claim']).toBeCloseTo(0.08 / 0.48, 12)
    expect(cohenKappa(2, 2, 2, 4)).toBeCloseTo(1 / 6, 12)
  })

  it('counts a token covered by any part of a span', () => {
    const result = agreement(texts, [a(1, 2)], [a(0, 3)], ['claim'])
    expect(result.kappa.byLabel['claim']).toBe(1)
  })

  it('handles constant vectors without dividing by zero', () => {
    expect(cohenKappa(0, 0, 0, 5)).toBe(1)
    expect(cohenKappa(5, 0, 0, 0)).toBe(1)
    expect(cohenKappa(0, 0, 0, 0)).toBe(1)
  })
})

describe('confusion', () => {
  it('counts overlapping pairs by label', () => {
    const matrix = confusion([a(0, 7), a(8, 13, 'quote')], [a(4, 9, 'speculation'), a(0, 3)], LABELS)
    expect(matrix['claim']).toEqual({ claim: 1, quote: 0, speculation: 1 })
    expect(matrix['quote']).toEqual({ claim: 0, quote: 0, speculation: 1 })
  })
})
