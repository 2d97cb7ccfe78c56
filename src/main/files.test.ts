import { readdir, readFile, truncate, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_IMPORT_BYTES } from '../shared/formats/model'
import { readImportFiles, writeFileAtomic } from './files'
import { tempCorpus } from './test-corpus'

describe('writeFileAtomic', () => {
  it('replaces the target whole and leaves no temporary file', async () => {
    const dir = await tempCorpus({ 'out.json': 'old' })
    const target = path.join(dir, 'out.json')
    await writeFileAtomic(target, '{"new": true}')
    expect(await readFile(target, 'utf8')).toBe('{"new": true}')
    await writeFileAtomic(target, new Uint8Array([1, 2, 3]))
    expect([...(await readFile(target))]).toEqual([1, 2, 3])
    expect(await readdir(dir)).toEqual(['out.json'])
  })

  it('leaves the old file as it was when the write cannot finish', async () => {
    const dir = await tempCorpus({ 'out.json': 'old' })
    await expect(writeFileAtomic(path.join(dir, 'missing-folder', 'out.json'), 'new')).rejects.toThrow()
    expect(await readFile(path.join(dir, 'out.json'), 'utf8')).toBe('old')
    expect(await readdir(dir)).toEqual(['out.json'])
  })
})

describe('readImportFiles', () => {
  it('reads what the dialog returned', async () => {
    const dir = await tempCorpus({ 'a.jsonl': '{}' })
    expect(await readImportFiles([path.join(dir, 'a.jsonl')])).toEqual({
      ok: true,
      value: [{ name: 'a.jsonl', data: new Uint8Array(Buffer.from('{}')) }]
    })
  })

  it('refuses more than 100 MB before reading it', async () => {
    const dir = await tempCorpus()
    const big = path.join(dir, 'big.jsonl')
    await writeFile(big, '')
    await truncate(big, MAX_IMPORT_BYTES + 1)
    expect(await readImportFiles([big])).toMatchObject({
      ok: false,
      error: { message: /over the 100 MB import limit/ }
    })
  })
})
