import { describe, expect, it } from 'vitest'
import { ByteChunks, writeJson } from './pieces'

const pieces = (write: (out: (text: string) => void) => void): string[] => {
  const out: string[] = []
  write((text) => out.push(text))
  return out
}

describe('writeJson', () => {
  const item = (n: number): { n: number; text: string } => ({ n, text: `“${n}” 😀 "\\` })

  it('writes pieces that join to the JSON of the whole, for lists shorter, as long as and longer than a piece', () => {
    for (const count of [0, 1, 31, 32, 33, 100]) {
      const items = Array.from({ length: count }, (_, i) => i)
      const fields = { id: 'd “1”', absent: undefined, text: 'a\nb' }
      const written = pieces((write) => writeJson(write, fields, 'spans', items, item))
      expect(written.join('')).toBe(JSON.stringify({ ...fields, spans: items.map(item) }))
      expect(written.length).toBe(2 + Math.ceil(count / 32))
    }
  })
})

describe('ByteChunks', () => {
  const decode = (chunks: Uint8Array[]): string =>
    new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks))

  it('holds the UTF-8 of the texts written, in chunks that each decode on their own', () => {
    const texts = ['ab', 'c“d”e', '😀😀😀', '', 'ü'.repeat(7), 'xyz']
    for (const size of [1, 2, 3, 4, 5, 8, 64]) {
      const out = new ByteChunks(size)
      for (const text of texts) out.write(text)
      const chunks = out.chunks()
      expect(decode(chunks)).toBe(texts.join(''))
      // Each chunk decodes on its own: no character is cut between two.
      expect(chunks.map((c) => new TextDecoder('utf-8', { fatal: true }).decode(c)).join('')).toBe(
        texts.join('')
      )
      expect(chunks.every((c) => c.byteLength > 0)).toBe(true)
      // A chunk is longer than its size only to take the rest of one text whole.
      const longest = Math.max(...texts.map((t) => t.length))
      for (const chunk of chunks) expect(chunk.byteLength).toBeLessThanOrEqual(Math.max(size, 3 * longest))
    }
  })

  it('copies bytes in as they are, across chunks', () => {
    const parts = ['ab“', new Uint8Array([1, 2, 3, 4, 5, 6, 7]), new Uint8Array(0), 'z']
    const expected = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)))
    for (const size of [1, 3, 4, 64]) {
      const out = new ByteChunks(size)
      for (const part of parts) out.write(part)
      expect(Buffer.concat(out.chunks()).equals(expected)).toBe(true)
    }
  })

  it('takes a text longer than a chunk whole, and writes nothing for no text', () => {
    const out = new ByteChunks(4)
    out.write('x'.repeat(10))
    expect(out.chunks().map((c) => c.byteLength)).toEqual([10])
    expect(new ByteChunks(4).chunks()).toEqual([])
  })
})
