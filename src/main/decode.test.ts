import { describe, expect, it } from 'vitest'
import { decodeDocument, looksBinary } from './decode'

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))))

describe('decodeDocument', () => {
  it('reads UTF-8 as is, keeping CRLF, NBSP, combining marks and emoji', () => {
    const text = 'a\r\nb\u00a0c e\u0301 👩‍👩‍👧 🇯🇵 \u200b שלום 中文'
    expect(decodeDocument(bytes(text))).toEqual({ text, encoding: 'utf-8' })
  })

  it('drops a UTF-8 BOM', () => {
    expect(decodeDocument(bytes([0xef, 0xbb, 0xbf], 'hi'))).toEqual({ text: 'hi', encoding: 'utf-8' })
  })

  it('reads UTF-16 LE and BE with a BOM, astral characters included', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hé 👋', 'utf16le')])
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('hé 👋', 'utf16le').swap16()])
    expect(decodeDocument(le)).toEqual({ text: 'hé 👋', encoding: 'utf-16le' })
    expect(decodeDocument(be)).toEqual({ text: 'hé 👋', encoding: 'utf-16be' })
  })

  it('never guesses UTF-16 from FF FE in the middle of a file', () => {
    const decoded = decodeDocument(bytes('abc', [0xff, 0xfe], 'def'))
    expect(decoded.encoding).not.toMatch(/^utf-16/)
    expect(decoded.text.startsWith('abc')).toBe(true)
    expect(decoded.text.endsWith('def')).toBe(true)
    expect(decoded.warning).toContain(decoded.encoding)
  })

  it('decodes invalid UTF-8 as a detected legacy encoding, with a warning naming it', () => {
    const legacy = bytes('Caf', [0xe9], ' ', [0x93], 'quoted', [0x94], ' and some more ordinary words here.')
    const decoded = decodeDocument(legacy)
    expect(decoded.encoding).toBe('windows-1252')
    expect(decoded.text).toBe('Café “quoted” and some more ordinary words here.')
    expect(decoded.warning).toMatch(/Not valid UTF-8: decoded as windows-1252/)
  })

  it('reopens bytes as the encoding the user picks', () => {
    const decoded = decodeDocument(bytes([0xa4]), 'iso-8859-15')
    expect(decoded).toEqual({ text: '€', encoding: 'iso-8859-15' })
    expect(decodeDocument(bytes([0xa4]), 'windows-1252').text).toBe('¤')
  })

  it('warns when bytes are forced to UTF-8 but are not', () => {
    const decoded = decodeDocument(bytes('a', [0xff], 'b'), 'utf-8')
    expect(decoded.text).toBe('a\uFFFDb')
    expect(decoded.warning).toContain('Not valid UTF-8')
  })

  it('opens an empty file as empty text', () => {
    expect(decodeDocument(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' })
  })
})

describe('looksBinary', () => {
  it('flags a NUL byte in the first 8 KiB', () => {
    expect(looksBinary(bytes('PNG', [0], 'x'))).toBe(true)
    expect(looksBinary(bytes('plain text'))).toBe(false)
  })

  it('lets UTF-16 with a BOM through despite its NUL bytes', () => {
    expect(looksBinary(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('abc', 'utf16le')]))).toBe(false)
  })

  it('only looks at the first 8 KiB', () => {
    const late = new Uint8Array(9000).fill(0x61)
    late[8500] = 0
    expect(looksBinary(late)).toBe(false)
  })
})
