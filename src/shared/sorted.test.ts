import { describe, expect, it } from 'vitest'
import { partitionPoint } from './sorted'

describe('partitionPoint', () => {
  it('finds the first index past the prefix', () => {
    const values = [1, 3, 3, 5, 8]
    expect(partitionPoint(values.length, (i) => values[i]! < 3)).toBe(1)
    expect(partitionPoint(values.length, (i) => values[i]! <= 3)).toBe(3)
    expect(partitionPoint(values.length, (i) => values[i]! < 100)).toBe(5)
    expect(partitionPoint(values.length, () => false)).toBe(0)
    expect(partitionPoint(0, () => true)).toBe(0)
  })
})
