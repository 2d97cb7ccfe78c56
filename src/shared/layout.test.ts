import { describe, expect, it } from 'vitest'
import { assignLanes, segmentText } from './layout'

describe('assignLanes', () => {
  it('puts nested spans below the spans that contain them', () => {
    const lanes = assignLanes([
      { id: 'outer', start: 0, end: 20 },
      { id: 'middle', start: 2, end: 15 },
      { id: 'inner', start: 4, end: 8 }
    ])
    expect([lanes.get('inner'), lanes.get('middle'), lanes.get('outer')]).toEqual([0, 1, 2])
  })

  it('gives crossing spans different lanes and lets disjoint spans share one', () => {
    const lanes = assignLanes([
      { id: 'a', start: 0, end: 10 },
      { id: 'b', start: 5, end: 15 },
      { id: 'c', start: 20, end: 30 }
    ])
    expect(lanes.get('a')).not.toBe(lanes.get('b'))
    expect(lanes.get('c')).toBe(0)
  })

  it('never gives two overlapping spans one lane', () => {
    const spans = Array.from({ length: 200 }, (_, i) => {
      const start = (i * 37) % 500
      return { id: String(i), start, end: start + 1 + ((i * 13) % 60) }
    })
    const lanes = assignLanes(spans)
    for (const a of spans)
      for (const b of spans)
        if (a !== b && a.start < b.end && b.start < a.end) expect(lanes.get(a.id)).not.toBe(lanes.get(b.id))
  })
})

describe('segmentText', () => {
  it('covers the text in order and lists covering spans outermost first', () => {
    const spans = [
      { id: 'outer', start: 2, end: 10 },
      { id: 'inner', start: 4, end: 6 }
    ]
    expect(segmentText(12, spans, assignLanes(spans))).toEqual([
      { start: 0, end: 2, ids: [] },
      { start: 2, end: 4, ids: ['outer'] },
      { start: 4, end: 6, ids: ['outer', 'inner'] },
      { start: 6, end: 10, ids: ['outer'] },
      { start: 10, end: 12, ids: [] }
    ])
  })

  it('handles an empty text and no spans', () => {
    expect(segmentText(0, [], new Map())).toEqual([])
    expect(segmentText(5, [], new Map())).toEqual([{ start: 0, end: 5, ids: [] }])
  })
})
