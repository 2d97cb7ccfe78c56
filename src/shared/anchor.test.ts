import { describe, expect, it } from 'vitest'
import { contextOf, reanchor, reanchorSpans } from './anchor'
import { sliceCodePoints } from './offsets'
import type { Span } from './spans'

const anchorIn = (text: string, quote: string, occurrence = 0) => {
  let at = -1
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(quote, at + 1)
  const start = Array.from(text.slice(0, at)).length
  const end = start + Array.from(quote).length
  return { start, end, text: quote, ...contextOf(text, start, end) }
}

describe('contextOf', () => {
  it('takes up to 32 code points each side, emoji counted as one', () => {
    const text = '😀'.repeat(40) + 'X' + '🎉'.repeat(40)
    const { prefix, suffix } = contextOf(text, 40, 41)
    expect(Array.from(prefix)).toHaveLength(32)
    expect(Array.from(suffix)).toHaveLength(32)
    expect(contextOf('abc', 0, 1)).toEqual({ prefix: '', suffix: 'bc' })
  })
})

describe('reanchor', () => {
  it('keeps a span whose text is unchanged', () => {
    const text = 'The minister said the talks went well.'
    const anchor = anchorIn(text, 'the talks')
    expect(reanchor(text, anchor)).toEqual({ start: anchor.start, end: anchor.end })
  })

  it('follows a span when text is inserted before it, emoji included', () => {
    const old = 'The minister said the talks went well.'
    const anchor = anchorIn(old, 'the talks')
    const edited = '🇯🇵 Update: ' + old
    const moved = reanchor(edited, anchor)!
    expect(sliceCodePoints(edited, moved.start, moved.end)).toBe('the talks')
    expect(moved.start).toBe(anchor.start + Array.from('🇯🇵 Update: ').length)
  })

  it('picks the occurrence whose context matches, not merely the nearest', () => {
    const old = 'Kim said yes. Later, Pompeo said yes. Then Moon said no.'
    const anchor = anchorIn(old, 'said yes', 1)
    const edited = 'Pompeo said yes. Kim said yes. Moon said no.'
    const moved = reanchor(edited, anchor)!
    expect(moved.start).toBe(edited.indexOf('said yes'))
  })

  it('gives up on a span whose text is gone', () => {
    const anchor = anchorIn('They agreed to meet.', 'agreed')
    expect(reanchor('They refused to meet.', anchor)).toBeUndefined()
  })

  it('gives up on an empty quote and survives offsets past a shortened text', () => {
    expect(reanchor('abc', { start: 5, end: 5, text: '' })).toBeUndefined()
    expect(reanchor('ab', { start: 5, end: 7, text: 'ab' })).toEqual({ start: 0, end: 2 })
  })
})

describe('reanchorSpans', () => {
  const span = (id: string, start: number, end: number, text: string, orphaned?: boolean): Span => ({
    id,
    docId: 'd.txt',
    start,
    end,
    label: 'claim',
    text,
    author: 'me',
    createdAt: '',
    updatedAt: '',
    ...(orphaned ? { orphaned } : {})
  })

  it('keeps spans still in place, moves those whose text moved, orphans the lost, and says so', () => {
    const before = [span('a', 0, 6, 'Pompeo'), span('b', 11, 14, 'Kim'), span('c', 15, 20, 'Talks')]
    const result = reanchorSpans('Pompeo met Moon. Kim said. More.', before)
    expect(result.spans[0]).toBe(before[0])
    expect(result.spans[1]).toMatchObject({ id: 'b', start: 17, end: 20, prefix: 'Pompeo met Moon. ' })
    expect(result.spans[2]).toMatchObject({ id: 'c', orphaned: true })
    expect(result.changed).toBe(2)
    expect(result.notice).toBe(
      'This file changed since it was annotated: 1 span moved to follow the text, 1 could not be placed and is listed as orphaned.'
    )
  })

  it('places an orphan again when its text comes back, and leaves a still-lost orphan unchanged', () => {
    const before = [span('a', 0, 3, 'Kim', true), span('b', 4, 9, 'Gone.', true)]
    const result = reanchorSpans('Kim is back.', before)
    expect(result.spans[0]).not.toHaveProperty('orphaned')
    expect(result.spans[0]).toMatchObject({ start: 0, end: 3 })
    expect(result.spans[1]).toBe(before[1])
    expect(result.changed).toBe(1)
  })
})
