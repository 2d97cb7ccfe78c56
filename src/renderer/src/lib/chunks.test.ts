import { describe, expect, it } from 'vitest'
import { chunkBounds } from './chunks'

describe('chunkBounds', () => {
  it('covers the text with chunks that end after a line break', () => {
    const line = 'x'.repeat(1000) + '\n'
    const text = line.repeat(20) + 'tail'
    const bounds = chunkBounds(text)
    expect(bounds[0]?.[0]).toBe(0)
    expect(bounds.at(-1)?.[1]).toBe(text.length)
    for (let i = 1; i < bounds.length; i++) {
      expect(bounds[i]![0]).toBe(bounds[i - 1]![1])
      expect(text[bounds[i]![0] - 1]).toBe('\n')
    }
    expect(bounds.length).toBeGreaterThan(3)
  })

  it('keeps a text without line breaks whole, and an empty text empty', () => {
    expect(chunkBounds('a'.repeat(10_000))).toEqual([[0, 10_000]])
    expect(chunkBounds('')).toEqual([])
  })
})
