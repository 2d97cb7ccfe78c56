import { describe, expect, it, vi } from 'vitest'
import type { LoadedDoc } from '../../../shared/api'
import { ok } from '../../../shared/result'

const asked: string[][] = []
vi.mock('./api', () => ({
  api: {
    readDocuments: ({ ids }: { ids: string[] }) => {
      asked.push(ids)
      return Promise.resolve(ok(ids.map((id) => ok({ id, text: `text of ${id}` } as LoadedDoc))))
    }
  }
}))
const { readBatches, readDocs } = await import('./texts')

const MB = 1024 * 1024
const docs = (sizes: number[]): { id: string; size: number }[] =>
  sizes.map((size, i) => ({ id: `d${i}`, size }))

describe('readBatches', () => {
  it('cuts at 250 documents', () => {
    expect(readBatches(docs(Array<number>(600).fill(10))).map((b) => b.length)).toEqual([250, 250, 100])
  })

  it('cuts before 8 MB, and a bigger document goes alone', () => {
    const sizes = [3 * MB, 3 * MB, 3 * MB, 20 * MB, 1, 1]
    expect(readBatches(docs(sizes)).map((b) => b.map((d) => d.size))).toEqual([
      [3 * MB, 3 * MB],
      [3 * MB],
      [20 * MB],
      [1, 1]
    ])
  })
})

describe('readDocs', () => {
  it('reads every document once, in order, and stops after the batch where it is told to', async () => {
    asked.length = 0
    const all = docs(Array<number>(600).fill(10))
    const read = await readDocs(all)
    expect(read.map((r) => (r?.ok ? r.value.id : undefined))).toEqual(all.map((d) => d.id))
    expect(asked.flat()).toEqual(all.map((d) => d.id))

    asked.length = 0
    const stopped = await readDocs(all, () => false)
    // Two requests are in flight when the first answer says stop; the third is never asked.
    expect(asked).toHaveLength(2)
    expect(stopped.slice(500).every((r) => r === undefined)).toBe(true)
  })
})
