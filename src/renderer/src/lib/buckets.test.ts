import { describe, expect, it } from 'vitest'
import type { Span } from '../../../shared/spans'
import fc from 'fast-check'
import {
  BUCKET_SIZE,
  EDIT_BUCKET_SIZE,
  BucketIndex,
  countBucketLabels,
  docBuckets,
  idsOf,
  joinBucket,
  packBucket,
  placesOf,
  spansOf,
  splitBucket
} from './buckets'
import { bucketsOf } from './legacy-buckets'

const span = (id: string, docId = 'a.txt'): Span => ({
  id,
  docId,
  start: 0,
  end: 1,
  label: 'claim',
  text: 'x',
  author: 'me',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z'
})

const ids = (n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => `s${from + i}`)

describe('docBuckets', () => {
  it('cuts a document into full buckets and a last partial one, in order', () => {
    const spans = ids(BUCKET_SIZE * 2 + 3).map((id) => span(id))
    const buckets = docBuckets('/c', '', 'a.txt', spans)
    expect(buckets.map((b) => [b.bucket, b.size])).toEqual([
      [0, BUCKET_SIZE],
      [1, BUCKET_SIZE],
      [2, 3]
    ])
    expect(buckets.flatMap(spansOf)).toEqual(spans)
  })

  it('writes no bucket for a document without spans', () => {
    expect(docBuckets('/c', '', 'a.txt', [])).toEqual([])
  })
})

describe('packBucket', () => {
  const text = fc.string({ unit: 'binary', maxLength: 40 })
  const stored = fc.record(
    {
      id: text,
      start: fc.nat({ max: 2 ** 31 - 1 }),
      end: fc.nat({ max: 2 ** 31 - 1 }),
      label: fc.constantFrom('claim', 'quote', 'speculation', '', 'label with 👋'),
      text,
      note: text,
      author: text,
      createdAt: text,
      updatedAt: text,
      prefix: text,
      suffix: text,
      orphaned: fc.constant(true as const)
    },
    { requiredKeys: ['id', 'start', 'end', 'label', 'text', 'author', 'createdAt', 'updatedAt'] }
  )

  it('gives back exactly the spans packed, optional fields absent or present (empty too), in order', () => {
    fc.assert(
      fc.property(fc.array(stored, { maxLength: 40 }), (records) => {
        const spans: Span[] = records.map((r) => ({ ...r, docId: 'a 👋.txt' }))
        const bucket = packBucket('/c', 'colleague', 'a 👋.txt', 2, spans)
        expect(spansOf(bucket)).toStrictEqual(spans)
        expect(idsOf(bucket)).toEqual(spans.map((s) => s.id))
        expect(bucket.size).toBe(spans.length)
        const [places, texts] = splitBucket(bucket)
        expect(spansOf(joinBucket(places, texts))).toStrictEqual(spans)
        expect(placesOf(places)).toStrictEqual(
          spans.map(({ start, end, label, orphaned }) => ({
            start,
            end,
            label,
            ...(orphaned && { orphaned })
          }))
        )
      }),
      { numRuns: 300 }
    )
  })

  it('keeps each author and time once, and the ids apart from the other text', () => {
    const later = '2026-02-01T00:00:00.000Z'
    const spans = [span('a'), { ...span('b'), text: 'y', updatedAt: later }, { ...span('c'), author: 'you' }]
    const bucket = packBucket('/c', '', 'a.txt', 0, spans)
    expect(bucket.stamps).toEqual(['me', '2026-01-01T00:00:00.000Z', later, 'you'])
    expect(bucket.ids).toBe('abc')
    expect(bucket.strings).toBe('xyx')
    expect(spansOf(bucket)).toStrictEqual(spans)
  })

  it('splits into a places record, no string of span text in it, and a texts record, each keyed as the bucket', () => {
    const spans = [
      { ...span('a'), note: 'n', prefix: 'p', suffix: 's' },
      { ...span('b'), orphaned: true as const }
    ]
    const [places, texts] = splitBucket(packBucket('/c', 'colleague', 'a.txt', 3, spans))
    const key = { corpus: '/c', layer: 'colleague', docId: 'a.txt', bucket: 3 }
    expect(places).toStrictEqual({
      ...key,
      size: 2,
      offsets: new Int32Array([0, 1, 0, 1]),
      labels: ['claim'],
      labelAt: new Uint16Array([0, 0]),
      flags: new Uint8Array([7, 8])
    })
    expect(texts).toMatchObject({
      ...key,
      ids: 'ab',
      strings: 'xnpsx',
      stamps: ['me', '2026-01-01T00:00:00.000Z']
    })
  })

  it('refuses to join a places record with texts of another bucket, or none', () => {
    const [places] = splitBucket(packBucket('/c', '', 'a.txt', 0, [span('a')]))
    const [, other] = splitBucket(packBucket('/c', '', 'a.txt', 1, [span('b')]))
    expect(() => joinBucket(places, other)).toThrow('Stored spans of a.txt are incomplete')
    expect(() => joinBucket(places, undefined)).toThrow('bucket 0 has no texts')
  })

  it('counts labels without making the spans', () => {
    const spans = [span('1'), { ...span('2'), label: 'quote' }, span('3')]
    expect(countBucketLabels(packBucket('/c', '', 'a.txt', 0, spans), { claim: 1 })).toEqual({
      claim: 3,
      quote: 1
    })
  })
})

describe('bucketsOf', () => {
  it('groups records by corpus, layer and document, and drops the grouping fields from the spans', () => {
    const records = [
      { ...span('1', 'a.txt'), corpus: '/c', layer: '' },
      { ...span('2', 'b.txt'), corpus: '/c', layer: '' },
      { ...span('3', 'a.txt'), corpus: '/c', layer: 'colleague' },
      { ...span('4', 'a.txt'), corpus: '/d', layer: '' },
      { ...span('5', 'a.txt'), corpus: '/c', layer: '' }
    ]
    expect(bucketsOf(records).map((b) => [b.corpus, b.layer, b.docId, b.bucket, idsOf(b)])).toEqual([
      ['/c', '', 'a.txt', 0, ['1', '5']],
      ['/c', '', 'b.txt', 0, ['2']],
      ['/c', 'colleague', 'a.txt', 0, ['3']],
      ['/d', '', 'a.txt', 0, ['4']]
    ])
    expect(spansOf(bucketsOf(records)[0]!)[0]).toEqual(span('1', 'a.txt'))
  })
})

describe('BucketIndex', () => {
  it('knows the bucket of every stored span', () => {
    const index = new BucketIndex(
      docBuckets(
        '/c',
        '',
        'a.txt',
        ids(BUCKET_SIZE + 1).map((id) => span(id))
      )
    )
    expect(index.bucketOf('s0')).toBe(0)
    expect(index.bucketOf(`s${BUCKET_SIZE}`)).toBe(1)
    expect(index.bucketOf('unknown')).toBeUndefined()
  })

  it('places a new span in the first bucket with room for edits, and a known one where it is', () => {
    const stored = ids(2 * BUCKET_SIZE + EDIT_BUCKET_SIZE - 1).map((id) => span(id))
    // Two full buckets, then one with room for a single span made one at a time.
    const index = new BucketIndex(docBuckets('/c', '', 'a.txt', stored))
    expect(index.place('new')).toBe(2)
    expect(index.place('newer')).toBe(3)
    expect(index.place('s5')).toBe(0)
    index.drop('s5')
    expect(index.bucketOf('s5')).toBeUndefined()
    // A full bucket with one place free is still too big to take spans made one at a time.
    expect(index.place('newest')).toBe(3)
  })

  it('never fills a bucket past the size for edits', () => {
    const index = new BucketIndex()
    const placed = ids(EDIT_BUCKET_SIZE * 3).map((id) => index.place(id))
    for (let b = 0; b < 3; b++) expect(placed.filter((p) => p === b)).toHaveLength(EDIT_BUCKET_SIZE)
  })

  it('moves a span set to another bucket out of its old one', () => {
    const index = new BucketIndex()
    for (const id of ids(EDIT_BUCKET_SIZE)) index.place(id)
    index.set('s0', 3)
    expect(index.bucketOf('s0')).toBe(3)
    expect(index.place('next')).toBe(0)
  })
})
