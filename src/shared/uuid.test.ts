import { describe, expect, it } from 'vitest'
import { uuidSource } from './uuid'

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('uuidSource', () => {
  it('makes version 4 UUIDs, all different, across many batches of random bytes', () => {
    const next = uuidSource()
    const ids = Array.from({ length: 20_000 }, next)
    for (const id of ids) expect(id).toMatch(V4)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('spells the random bytes in order, with the version and variant bits set', () => {
    const next = uuidSource((bytes) => bytes.fill(0xff))
    expect(next()).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff')
    const zero = uuidSource((bytes) => bytes.fill(0))
    expect(zero()).toBe('00000000-0000-4000-8000-000000000000')
  })
})
