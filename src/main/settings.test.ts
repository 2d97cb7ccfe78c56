import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSettings, startupCorpus, writeSettings } from './settings'
import { tempCorpus } from './test-corpus'

describe('settings', () => {
  it('round-trips, and reads a missing or damaged file as empty', async () => {
    const dir = await tempCorpus()
    expect(readSettings(dir)).toEqual({})
    writeSettings(dir, { lastCorpus: '/data/corpus' })
    expect(readSettings(dir)).toEqual({ lastCorpus: '/data/corpus' })
    await writeFile(path.join(dir, 'spanmark-settings.json'), '{ not json')
    expect(readSettings(dir)).toEqual({})
    await writeFile(path.join(dir, 'spanmark-settings.json'), '{"lastCorpus": 42}')
    expect(readSettings(dir)).toEqual({})
  })

  it('opens --corpus first, then the last corpus, then the sample (SPEC 7)', () => {
    expect(startupCorpus('/arg', { lastCorpus: '/last' }, '/sample')).toBe('/arg')
    expect(startupCorpus(undefined, { lastCorpus: '/last' }, '/sample')).toBe('/last')
    expect(startupCorpus(undefined, {}, '/sample')).toBe('/sample')
  })
})
