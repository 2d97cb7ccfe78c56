import { describe, expect, it } from 'vitest'
import { toCodePointSpans } from './units'

const TEXT = 'Hi 😀 café 中文 end'
const quote = '中文'
const cp = { start: Array.from(TEXT).indexOf('中'), end: Array.from(TEXT).indexOf('中') + 2 }

describe('toCodePointSpans', () => {
  it('keeps code point offsets as they are', () => {
    expect(toCodePointSpans(TEXT, [{ ...cp, label: 'claim', text: quote }])).toEqual({
      unit: 'code points',
      spans: [{ ...cp, label: 'claim', text: quote }]
    })
  })

  it('detects and converts UTF-16 offsets, as JavaScript tools write them', () => {
    const at = TEXT.indexOf(quote)
    const result = toCodePointSpans(TEXT, [{ start: at, end: at + 2, label: 'claim', text: quote }])
    expect(result?.unit).toBe('UTF-16 units')
    expect(result?.spans[0]).toMatchObject(cp)
  })

  it('detects and converts UTF-8 byte offsets', () => {
    const start = Buffer.byteLength(TEXT.slice(0, TEXT.indexOf(quote)))
    const result = toCodePointSpans(TEXT, [{ start, end: start + 6, label: 'claim', text: quote }])
    expect(result?.unit).toBe('UTF-8 bytes')
    expect(result?.spans[0]).toMatchObject(cp)
  })

  it('converts brat fragments with the span', () => {
    const text = 'a😀\nbc'
    const result = toCodePointSpans(text, [
      {
        start: 1,
        end: 6,
        label: 'claim',
        text: '😀 bc',
        fragments: [
          [1, 3],
          [4, 6]
        ]
      }
    ])
    expect(result?.unit).toBe('UTF-16 units')
    expect(result?.spans[0]?.fragments).toEqual([
      [1, 2],
      [3, 5]
    ])
  })

  it('gives up when no unit makes the texts match', () => {
    expect(toCodePointSpans(TEXT, [{ start: 0, end: 2, label: 'claim', text: 'nope' }])).toBeUndefined()
  })
})
