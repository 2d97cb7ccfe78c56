import { rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { listCorpus } from './corpus'
import { MAX_COUNTED, searchCorpus } from './search'
import { tempCorpus } from './test-corpus'

describe('searchCorpus', () => {
  it('finds every match, case-insensitively, with code point offsets and context', async () => {
    const root = await tempCorpus({
      'a.txt': '😀 Summit talks. The summit (again).',
      'b.html': '<p>No <b>SUMMIT</b> here? Yes.</p>',
      'c.txt': 'nothing',
      'bin.txt': new Uint8Array([0, 1])
    })
    const result = await searchCorpus(root, 'summit')
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.total).toBe(3)
    expect(result.value.hits.map((h) => [h.docId, h.start, h.end, h.match])).toEqual([
      ['a.txt', 2, 8, 'Summit'],
      ['a.txt', 20, 26, 'summit'],
      ['b.html', 3, 9, 'SUMMIT']
    ])
    expect(result.value.hits[1]?.after).toBe(' (again).')
  })

  it('stops counting at the limit and says there are more, keeping the first hits', async () => {
    const root = await tempCorpus({ 'a.txt': 'x '.repeat(MAX_COUNTED - 10), 'b.txt': 'x '.repeat(100) })
    const result = await searchCorpus(root, 'x')
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value).toMatchObject({ total: MAX_COUNTED, truncated: true, more: true })
    expect(result.value.hits).toHaveLength(500)
    expect(result.value.hits[0]).toMatchObject({ docId: 'a.txt', start: 0, end: 1 })
    const few = await searchCorpus(root, 'x x x x')
    expect(few.ok && few.value.more).toBe(false)
  })

  it('treats the query as text, not a pattern', async () => {
    const root = await tempCorpus({ 'a.txt': 'a.b axb (x)' })
    const result = await searchCorpus(root, '(x)')
    expect(result.ok && result.value.hits.map((h) => h.start)).toEqual([8])
    const dot = await searchCorpus(root, 'a.b')
    expect(dot.ok && dot.value.total).toBe(1)
  })

  it('reads the documents as last listed, each as it is now on disk', async () => {
    const root = await tempCorpus({ 'a.txt': 'old words', 'b.txt': 'words', 'c.txt': 'words' })
    expect((await listCorpus(root)).ok).toBe(true)
    const first = await searchCorpus(root, 'words')
    expect(first.ok && first.value.hits.map((h) => h.docId)).toEqual(['a.txt', 'b.txt', 'c.txt'])
    // Changed, deleted and added after the listing: the change is read, the deleted file skipped, the
    // new one left for the next listing (the list the user sees does not hold it yet).
    await writeFile(path.join(root, 'a.txt'), 'new words, more words')
    await rm(path.join(root, 'b.txt'))
    await writeFile(path.join(root, 'd.txt'), 'words')
    const second = await searchCorpus(root, 'words')
    expect(second.ok && second.value.hits.map((h) => [h.docId, h.start])).toEqual([
      ['a.txt', 4],
      ['a.txt', 16],
      ['c.txt', 0]
    ])
    await listCorpus(root)
    const third = await searchCorpus(root, 'words')
    expect(third.ok && third.value.hits.map((h) => h.docId)).toContain('d.txt')
  })
})
