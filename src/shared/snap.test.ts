import { describe, expect, it } from 'vitest'
import { snapSelection } from './snap'

const snapped = (text: string, start: number, end: number, words = false): string | undefined => {
  const r = snapSelection(text, start, end, { words })
  return r && text.slice(r.start, r.end)
}

describe('snapSelection', () => {
  it('drops surrounding spaces, newlines, NBSP and zero-width characters', () => {
    const text = 'say \u00a0 hello\u200b\r\n world'
    expect(snapped(text, 3, 14)).toBe('hello')
  })

  it('returns nothing for a selection of white space', () => {
    expect(snapSelection('a   b', 1, 4)).toBeUndefined()
  })

  it('never cuts an emoji, a flag, a ZWJ sequence or a letter from its accent', () => {
    const text = 'x 👩‍👩‍👧 y 🇯🇵 e\u0301!'
    const family = text.indexOf('👩')
    expect(snapped(text, family + 1, family + 3)).toBe('👩‍👩‍👧')
    const flag = text.indexOf('🇯')
    expect(snapped(text, flag, flag + 2)).toBe('🇯🇵')
    const e = text.indexOf('e\u0301')
    expect(snapped(text, e, e + 1)).toBe('e\u0301')
  })

  it('accepts a backwards selection', () => {
    expect(snapped('one two', 7, 4)).toBe('two')
  })

  it('extends to whole words when asked', () => {
    const text = 'the summit went ahead'
    expect(snapped(text, 6, 9, true)).toBe('summit')
    expect(snapped(text, 5, 13, true)).toBe('summit went')
    expect(snapped('שלום עולם', 1, 2, true)).toBe('שלום')
    expect(snapped('café e\u0301tude', 1, 2, true)).toBe('café')
  })
})
