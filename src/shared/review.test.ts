import { describe, expect, it } from 'vitest'
import { adjudicated, diffLayers } from './review'
import type { Span } from './spans'

const span = (id: string, start: number, end: number, label = 'claim'): Span => ({
  id,
  docId: 'd',
  start,
  end,
  label,
  text: '',
  author: 'x',
  createdAt: '',
  updatedAt: ''
})

describe('diffLayers', () => {
  it('sorts every span into exactly one kind', () => {
    const mine = [span('m1', 0, 5), span('m2', 10, 15), span('m3', 20, 30), span('m4', 40, 45)]
    const theirs = [span('t1', 0, 5), span('t2', 10, 15, 'quote'), span('t3', 22, 30), span('t4', 50, 55)]
    const diffs = diffLayers(mine, theirs)
    expect(diffs.map((d) => [d.kind, d.mine?.id, d.theirs?.id])).toEqual([
      ['agree', 'm1', 't1'],
      ['label-conflict', 'm2', 't2'],
      ['boundary-conflict', 'm3', 't3'],
      ['only-mine', 'm4', undefined],
      ['only-theirs', undefined, 't4']
    ])
  })

  it('pairs a boundary conflict with the span it overlaps most', () => {
    const diffs = diffLayers([span('m', 0, 10)], [span('a', 8, 20), span('b', 1, 9)])
    expect(diffs.find((d) => d.kind === 'boundary-conflict')?.theirs?.id).toBe('b')
    expect(diffs.find((d) => d.kind === 'only-theirs')?.theirs?.id).toBe('a')
  })

  it('does not call an overlap with another label a boundary conflict', () => {
    const diffs = diffLayers([span('m', 0, 10)], [span('t', 5, 15, 'quote')])
    expect(diffs.map((d) => d.kind)).toEqual(['only-mine', 'only-theirs'])
  })
})

describe('adjudicated', () => {
  const [agree, conflict, onlyMine, onlyTheirs] = diffLayers(
    [span('m1', 0, 5), span('m2', 10, 15), span('m3', 20, 25)],
    [span('t1', 0, 5), span('t2', 10, 15, 'quote'), span('t4', 30, 35)]
  )
  it('keeps agreements until rejected', () => {
    expect(adjudicated(agree!, undefined)?.id).toBe('m1')
    expect(adjudicated(agree!, 'reject')).toBeUndefined()
  })
  it('takes the chosen side of a conflict, or nothing', () => {
    expect(adjudicated(conflict!, undefined)).toBeUndefined()
    expect(adjudicated(conflict!, 'accept-theirs')?.label).toBe('quote')
    expect(adjudicated(conflict!, 'keep-mine')?.label).toBe('claim')
    expect(adjudicated(onlyMine!, 'accept-theirs')).toBeUndefined()
    expect(adjudicated(onlyMine!, 'keep-mine')?.id).toBe('m3')
    expect(adjudicated(onlyTheirs!, 'accept-theirs')?.id).toBe('t4')
    expect(adjudicated(onlyTheirs!, 'keep-mine')).toBeUndefined()
  })
})
