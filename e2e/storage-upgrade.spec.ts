import { packBucket } from '../src/renderer/src/lib/buckets'
import type { Span } from '../src/shared/spans'
import { expect, test } from './fixtures'
import {
  colleagueLayer,
  expectUpgraded,
  openOnText,
  span,
  STAMP,
  writeOldBuckets,
  writeOldDatabase
} from './old-database'
import { storedRecords, storedSpanRecords } from './storage'
import { drawnSpans } from './text'

test('spans stored one record each, as before buckets, are moved into buckets when the app starts', async ({
  launch
}) => {
  const { page, root } = await openOnText(launch)
  const mine = [span('m1', 'Pompeo 👋', 'quote'), span('m2', 'The summit was productive.', 'claim')]
  const theirs = [{ ...span('t1', 'met Kim', 'claim'), layer: 'colleague' }]

  await writeOldDatabase(
    page,
    3,
    [
      {
        name: 'spans',
        keyPath: 'id',
        indexes: [
          ['[corpus+docId]', ['corpus', 'docId']],
          ['corpus', 'corpus']
        ]
      },
      {
        name: 'layerSpans',
        keyPath: ['corpus', 'layer', 'id'],
        indexes: [
          ['[corpus+layer+docId]', ['corpus', 'layer', 'docId']],
          ['[corpus+layer]', ['corpus', 'layer']]
        ]
      }
    ],
    {
      spans: mine.map((s) => ({ ...s, corpus: root })),
      layerSpans: theirs.map((s) => ({ ...s, corpus: root })),
      layers: [colleagueLayer(root)]
    }
  )
  await page.reload()

  await expect(page.getByTestId('span')).toHaveCount(2)
  expect(await drawnSpans(page)).toEqual(
    mine.map((s) => ({ id: s['id'], label: s['label'], start: s['start'], end: s['end'] }))
  )
  expect(await storedSpanRecords(page)).toEqual(mine.map((s) => ({ ...s, layer: '' })))
  expect(await storedSpanRecords(page, 'colleague')).toEqual(theirs)
  const stores = await page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const open = indexedDB.open('spanmark')
        open.onsuccess = () => {
          resolve([...open.result.objectStoreNames])
          open.result.close()
        }
      })
  )
  expect(stores).not.toContain('spans')
  expect(stores).not.toContain('layerSpans')

  // Work goes on with the moved spans: one deleted, one made, both stored.
  await page.keyboard.press('Tab')
  await page.keyboard.press('Delete')
  await expect(page.getByTestId('span')).toHaveCount(1)
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
  expect((await storedSpanRecords(page)).map((s) => s.id)).toEqual(['m2'])
})

test('buckets holding their spans as objects, as schema version 5 stored them, are packed when the app starts', async ({
  launch
}) => {
  const { page, root } = await openOnText(launch)
  const mine = [
    { ...span('m1', 'Pompeo 👋', 'quote'), note: '', prefix: '', suffix: ' met Kim.', orphaned: true },
    span('m2', 'The summit was productive.', 'claim')
  ]
  const theirs = [span('t1', 'met Kim', 'claim')]

  const bucket = (layer: string, bucket: number, spans: unknown[]): Record<string, unknown> => ({
    corpus: root,
    layer,
    docId: 'doc.txt',
    bucket,
    spans
  })
  await writeOldBuckets(page, 5, root, [
    bucket('', 0, [mine[0]]),
    bucket('', 1, [mine[1]]),
    bucket('colleague', 0, theirs)
  ])
  await page.reload()

  // The orphaned one is listed, not drawn; every field comes back as it was, empty ones too.
  await expect(page.getByTestId('span')).toHaveCount(1)
  await expect(page.getByTestId('orphan')).toHaveCount(1)
  await expectUpgraded(page, mine, theirs, ['m1', 'm2', 't1'])

  await page.getByTestId('span').click()
  await page.keyboard.press('Delete')
  await expect(page.getByTestId('span')).toHaveCount(0)
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
  expect((await storedSpanRecords(page)).map((s) => s.id)).toEqual(['m1'])
})

/** Spans as schema version 6 packed them: in columns, every string field of every span in one string. */
function columnBucket6(
  root: string,
  layer: string,
  bucket: number,
  spans: Record<string, unknown>[]
): Record<string, unknown> {
  const labels = [...new Set(spans.map((s) => s['label'] as string))]
  const fields = spans.flatMap((s) =>
    ['id', 'text', 'note', 'author', 'createdAt', 'updatedAt', 'prefix', 'suffix'].map(
      (f) => (s[f] as string | undefined) ?? ''
    )
  )
  let end = 0
  return {
    corpus: root,
    layer,
    docId: 'doc.txt',
    bucket,
    size: spans.length,
    offsets: spans.flatMap((s) => [s['start'], s['end']]),
    labels,
    labelAt: spans.map((s) => labels.indexOf(s['label'] as string)),
    flags: spans.map(
      (s) =>
        ('note' in s ? 1 : 0) | ('prefix' in s ? 2 : 0) | ('suffix' in s ? 4 : 0) | (s['orphaned'] ? 8 : 0)
    ),
    strings: fields.join(''),
    ends: fields.map((f) => (end += f.length))
  }
}

test('buckets with every string field in one string, as schema version 6 stored them, are repacked when the app starts', async ({
  launch
}) => {
  const { page, root } = await openOnText(launch)
  const mine = [
    {
      ...span('m1', 'Pompeo 👋', 'quote'),
      note: 'a “note”',
      prefix: '',
      suffix: ' met Kim.',
      orphaned: true
    },
    span('m2', 'The summit was productive.', 'claim'),
    { ...span('m3', 'met Kim', 'speculation'), author: 'later', note: '' }
  ]
  const theirs = [span('t1', 'met Kim', 'claim')]
  await writeOldBuckets(page, 6, root, [
    columnBucket6(root, '', 0, mine.slice(0, 2)),
    columnBucket6(root, '', 1, mine.slice(2)),
    columnBucket6(root, 'colleague', 0, theirs)
  ])
  await page.reload()

  await expect(page.getByTestId('span')).toHaveCount(2)
  await expect(page.getByTestId('orphan')).toHaveCount(1)
  await expectUpgraded(page, mine, theirs, ['m1m2', 'm3', 't1'])
  const texts = (await storedRecords(page, 'spanTexts')) as Record<string, unknown>[]
  expect(texts.map((r) => r['stamps'])).toEqual([
    ['earlier', STAMP],
    ['later', STAMP],
    ['earlier', STAMP]
  ])

  // The first drawn is m3, over "met Kim"; deleting it rewrites its bucket in the new layout.
  await page.getByTestId('span').first().click()
  await page.keyboard.press('Delete')
  await expect(page.getByTestId('span')).toHaveCount(1)
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
  expect((await storedSpanRecords(page)).map((s) => s.id)).toEqual(['m1', 'm2'])
})

test('buckets kept whole in one record, as schema version 7 stored them, are split in two when the app starts', async ({
  launch
}) => {
  const { page, root } = await openOnText(launch)
  const mine = [
    { ...span('m1', 'Pompeo 👋', 'quote'), note: 'a “note”', suffix: ' met Kim.', orphaned: true },
    span('m2', 'The summit was productive.', 'claim'),
    { ...span('m3', 'met Kim', 'speculation'), author: 'later' }
  ] as Span[]
  const theirs = [span('t1', 'met Kim', 'claim')] as Span[]
  // Version 7 kept a bucket as packBucket makes it, every field in one record.
  const plain = (bucket: object): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(bucket).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v])
    )
  await writeOldBuckets(page, 7, root, [
    plain(packBucket(root, '', 'doc.txt', 0, mine.slice(0, 2))),
    plain(packBucket(root, '', 'doc.txt', 1, mine.slice(2))),
    plain(packBucket(root, 'colleague', 'doc.txt', 0, theirs))
  ])
  await page.reload()

  await expect(page.getByTestId('span')).toHaveCount(2)
  await expect(page.getByTestId('orphan')).toHaveCount(1)
  await expectUpgraded(page, mine, theirs, ['m1m2', 'm3', 't1'])
  // The per-label counts of the corpus list, read from the places records alone.
  await expect(page.getByTestId('doc-count-claim')).toHaveText('1')
  await expect(page.getByTestId('doc-count-speculation')).toHaveText('1')

  // Deleting the drawn m3 empties its bucket: both of its records go.
  await page.getByTestId('span').first().click()
  await page.keyboard.press('Delete')
  await expect(page.getByTestId('span')).toHaveCount(1)
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
  expect((await storedSpanRecords(page)).map((s) => s.id)).toEqual(['m1', 'm2'])
  expect(await storedRecords(page, 'spanBuckets')).toHaveLength(2)
  expect(await storedRecords(page, 'spanTexts')).toHaveLength(2)
})
