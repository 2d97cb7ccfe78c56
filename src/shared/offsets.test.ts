import { describe, expect, it } from 'vitest'
import { OffsetMap, sliceCodePoints } from './offsets'

/** What Python's str indexing gives: the reference every export must match. */
const codePoints = (s: string): string[] => Array.from(s)

const CASES: [string, string][] = [
  ['ASCII', 'plain text'],
  ['emoji', 'a 😀 b 🎉 c'],
  ['flag', 'go 🇯🇵 now 🇺🇸'],
  ['ZWJ family', 'x 👩‍👩‍👧‍👦 y'],
  ['skin tone', 'wave 👋🏽 hi'],
  ['combining marks', 'e\u0301te\u0301 cafe\u0301'],
  ['CRLF', 'one\r\ntwo\r\nthree'],
  ['NBSP and zero-width', 'a\u00a0b\u200bc\u200dd\ufeffe'],
  ['RTL', 'שלום עולם and مرحبا'],
  ['CJK', '中文字符，日本語のテキスト'],
  ['astral CJK', '𠀀𠀁 ext-B 𪚥'],
  ['mixed', '👩‍🔬 said «e\u0301» in 中文 and שלום\r\n🇫🇷']
]

describe('OffsetMap', () => {
  it.each(CASES)('%s: every code point offset round-trips and slices as Python would', (_name, text) => {
    const map = new OffsetMap(text)
    const points = codePoints(text)
    expect(map.codePointLength).toBe(points.length)
    for (let start = 0; start <= points.length; start++) {
      const u16 = map.toUtf16(start)
      expect(map.toCodePoint(u16)).toBe(start)
      expect(text.slice(0, u16)).toBe(points.slice(0, start).join(''))
      for (let end = start; end <= points.length; end++) {
        expect(sliceCodePoints(text, start, end, map)).toBe(points.slice(start, end).join(''))
      }
    }
  })

  it('maps an index inside a surrogate pair to the start of its code point', () => {
    const map = new OffsetMap('a😀b')
    expect([0, 1, 2, 3, 4].map((i) => map.toCodePoint(i))).toEqual([0, 1, 1, 2, 3])
  })

  it('treats a lone surrogate as one code point, as Python does', () => {
    const text = 'a\ud800b'
    const map = new OffsetMap(text)
    expect(map.codePointLength).toBe(3)
    expect(map.toUtf16(2)).toBe(2)
  })
})
