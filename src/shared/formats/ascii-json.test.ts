import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RUNS, text } from '../test-fuzz'
import { asciiJson } from './ascii-json'

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)
const decoded = (bytes: Uint8Array): string => new TextDecoder('utf-8', { fatal: true }).decode(bytes)

/** `bytes` copied to start `shift` bytes into a buffer, so that its words lie off the 4-byte boundary. */
function shifted(bytes: Uint8Array, shift: number): Uint8Array {
  const buffer = new Uint8Array(bytes.length + shift + 3)
  buffer.set(bytes, shift)
  return buffer.subarray(shift, shift + bytes.length)
}

describe('asciiJson', () => {
  it('parses to the same value as the decoded text, whatever the strings hold and wherever the bytes start', () => {
    const value = fc.record({
      text: text,
      spans: fc.array(fc.record({ text, note: fc.option(text) }), { maxLength: 4 }),
      more: fc.dictionary(text, text, { maxKeys: 3 })
    })
    fc.assert(
      fc.property(value, fc.constantFrom(0, 1, 2, 3), fc.boolean(), (value, shift, pretty) => {
        // JSON.stringify writes every character outside ASCII as itself, lone surrogates aside.
        const json = JSON.stringify(value, null, pretty ? 2 : undefined)
        const bytes = shifted(utf8(json), shift)
        const ascii = asciiJson(bytes)
        expect(ascii).toBeDefined()
        expect([...ascii!].every((char) => char.charCodeAt(0) < 0x80)).toBe(true)
        expect(JSON.parse(ascii!) as unknown).toEqual(JSON.parse(decoded(bytes)))
      }),
      { numRuns: RUNS }
    )
  })

  it('writes characters outside ASCII as their escapes, astral ones as two, and keeps the rest', () => {
    const ascii = asciiJson(utf8('{"a":"é👍 x","b":"\\\\ü"}'))
    expect(ascii).toBe('{"a":"\\u00e9\\ud83d\\udc4d x","b":"\\\\\\u00fc"}')
    expect(JSON.parse(ascii!)).toEqual({ a: 'é👍 x', b: '\\ü' })
    expect(asciiJson(utf8('{"plain": [1, 2]}'))).toBe('{"plain": [1, 2]}')
    expect(asciiJson(new Uint8Array(0))).toBe('')
  })

  it('keeps a character outside a string a syntax error', () => {
    const ascii = asciiJson(utf8('{"a": é}'))
    expect(() => JSON.parse(ascii!) as unknown).toThrow(SyntaxError)
  })

  it('gives nothing for bytes that are not UTF-8, or for such a character escaped by a backslash', () => {
    for (const bad of [[0xc3], [0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0x80, 0x41]])
      expect(asciiJson(new Uint8Array([0x22, ...bad, 0x22]))).toBeUndefined()
    expect(asciiJson(utf8('{"a":"\\é"}'))).toBeUndefined()
    expect(asciiJson(utf8('{"a":"\\\\\\é"}'))).toBeUndefined()
  })

  it('gives nothing where the text would be longer than the limit, and the text where it fits', () => {
    const bytes = utf8('["中文"]')
    const ascii = '["\\u4e2d\\u6587"]'
    expect(asciiJson(bytes, ascii.length)).toBe(ascii)
    expect(asciiJson(bytes, ascii.length - 1)).toBeUndefined()
  })
})
