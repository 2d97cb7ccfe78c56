import { describe, expect, it } from 'vitest'
import type { LoadedDoc } from '../shared/api'
import { DocCache } from './doc-cache'

const doc = (id: string, text: string): LoadedDoc => ({ id, text, sha256: '', encoding: 'utf-8' })

describe('DocCache', () => {
  it('returns an entry only for the same stat key', () => {
    const cache = new DocCache()
    cache.set('/a.txt', 'k1', doc('a.txt', 'one'))
    expect(cache.get('/a.txt', 'k1')?.text).toBe('one')
    expect(cache.get('/a.txt', 'k2')).toBeUndefined()
  })

  it('drops the least recently used entries past its size', () => {
    const cache = new DocCache(10)
    cache.set('/a', 'k', doc('a', 'aaaa'))
    cache.set('/b', 'k', doc('b', 'bbbb'))
    cache.get('/a', 'k')
    cache.set('/c', 'k', doc('c', 'cccc'))
    expect(cache.get('/b', 'k')).toBeUndefined()
    expect(cache.get('/a', 'k')?.text).toBe('aaaa')
    expect(cache.get('/c', 'k')?.text).toBe('cccc')
    cache.set('/huge', 'k', doc('huge', 'x'.repeat(11)))
    expect(cache.get('/huge', 'k')).toBeUndefined()
  })
})
