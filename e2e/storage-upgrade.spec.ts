import type { Page } from '@playwright/test'
import { makeCorpus } from './corpora'
import { expect, test, type AppFixtures } from './fixtures'
import { storedRecords, storedSpanRecords } from './storage'
import { codePointRange, drawnSpans } from './text'

const TEXT = 'Pompeo 👋 met Kim. The summit was productive.'
const STAMP = '2026-01-01T00:00:00.000Z'

const span = (id: string, quote: string, label: string): Record<string, unknown> => ({
  id,
  docId: 'doc.txt',
  ...codePointRange(TEXT, quote),
  label,
  text: quote,
  author: 'earlier',
  createdAt: STAMP,
  updatedAt: STAMP
})

type Store = { name: string; keyPath: string | string[]; indexes?: [string, string | string[]][] }

/** The stores every schema version so far has had beside its spans. */
const OTHER_STORES: Store[] = [
  { name: 'docs', keyPath: ['corpus', 'docId'], indexes: [['corpus', 'corpus']] },
  { name: 'corpora', keyPath: 'corpus' },
  { name: 'settings', keyPath: 'key' },
  { name: 'layers', keyPath: ['corpus', 'name'], indexes: [['corpus', 'corpus']] },
  { name: 'decisions', keyPath: ['corpus', 'pair', 'key'], indexes: [['[corpus+pair]', ['corpus', 'pair']]] }
]

/**
 * Replaces the app's database with one as an earlier schema version left it, written with raw IndexedDB
 * (Dexie stores version n as n * 10), holding these records.
 */
async function writeOldDatabase(
  page: Page,
  version: number,
  stores: Store[],
  records: Record<string, unknown[]>
): Promise<void> {
  await page.evaluate(
    async ({ version, stores, records }) => {
      const request = <T>(r: IDBRequest<T>): Promise<T> =>
        new Promise((resolve, reject) => {
          r.onsuccess = () => resolve(r.result)
          r.onerror = () => reject(new Error(String(r.error)))
        })
      await request(indexedDB.deleteDatabase('spanmark'))
      const open = indexedDB.open('spanmark', version * 10)
      open.onupgradeneeded = () => {
        for (const { name, keyPath, indexes } of stores) {
          const store = open.result.createObjectStore(name, { keyPath })
          for (const [index, path] of indexes ?? []) store.createIndex(index, path)
        }
      }
      const db = await request(open)
      // Bucket columns as the app stores them, typed arrays: the runner can send only plain ones.
      const columns = { offsets: Int32Array, labelAt: Uint16Array, flags: Uint8Array, ends: Uint32Array }
      const typed = (value: object): object =>
        Object.fromEntries(
          Object.entries(value).map(([key, v]) => [
            key,
            key in columns && Array.isArray(v) ? new columns[key as keyof typeof columns](v) : v
          ])
        )
      const tx = db.transaction(Object.keys(records), 'readwrite')
      for (const [store, values] of Object.entries(records))
        for (const value of values)
          tx.objectStore(store).put(store === 'spanBuckets' ? typed(value as object) : value)
      await new Promise((resolve) => (tx.oncomplete = resolve))
      db.close()
    },
    { version, stores: [...stores, ...OTHER_STORES], records }
  )
}

/** The app on a corpus of TEXT, and the corpus as the app stores it. */
async function openOnText(launch: AppFixtures['launch']): Promise<{ page: Page; root: string }> {
  const { page } = await launch({ corpus: await makeCorpus({ 'doc.txt': TEXT }) })
  await expect(page.getByTestId('doc-text')).toHaveText(TEXT)
  const [doc] = (await storedRecords(page, 'docs')) as { corpus: string }[]
  return { page, root: doc!.corpus }
}

const colleagueLayer = (root: string): Record<string, unknown> => ({
  corpus: root,
  name: 'colleague',
  importedAt: '',
  source: 'x',
  spans: 1
})

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
  await writeOldDatabase(
    page,
    5,
    [{ name: 'spanBuckets', keyPath: ['corpus', 'layer', 'docId', 'bucket'] }],
    {
      spanBuckets: [bucket('', 0, [mine[0]]), bucket('', 1, [mine[1]]), bucket('colleague', 0, theirs)],
      layers: [colleagueLayer(root)]
    }
  )
  await page.reload()

  // The orphaned one is listed, not drawn; every field comes back as it was, empty ones too.
  await expect(page.getByTestId('span')).toHaveCount(1)
  await expect(page.getByTestId('orphan')).toHaveCount(1)
  expect(await storedSpanRecords(page)).toEqual(mine.map((s) => ({ ...s, layer: '' })))
  expect(await storedSpanRecords(page, 'colleague')).toEqual(
    theirs.map((s) => ({ ...s, layer: 'colleague' }))
  )
  const records = (await storedRecords(page, 'spanBuckets')) as Record<string, unknown>[]
  expect(records.every((r) => !('spans' in r) && typeof r['strings'] === 'string')).toBe(true)

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
  await writeOldDatabase(
    page,
    6,
    [{ name: 'spanBuckets', keyPath: ['corpus', 'layer', 'docId', 'bucket'] }],
    {
      spanBuckets: [
        columnBucket6(root, '', 0, mine.slice(0, 2)),
        columnBucket6(root, '', 1, mine.slice(2)),
        columnBucket6(root, 'colleague', 0, theirs)
      ],
      layers: [colleagueLayer(root)]
    }
  )
  await page.reload()

  await expect(page.getByTestId('span')).toHaveCount(2)
  await expect(page.getByTestId('orphan')).toHaveCount(1)
  expect(await storedSpanRecords(page)).toEqual(mine.map((s) => ({ ...s, layer: '' })))
  expect(await storedSpanRecords(page, 'colleague')).toEqual(
    theirs.map((s) => ({ ...s, layer: 'colleague' }))
  )
  const records = (await storedRecords(page, 'spanBuckets')) as Record<string, unknown>[]
  expect(records.map((r) => [r['ids'], r['stamps']])).toEqual([
    ['m1m2', ['earlier', STAMP]],
    ['m3', ['later', STAMP]],
    ['t1', ['earlier', STAMP]]
  ])

  // The first drawn is m3, over "met Kim"; deleting it rewrites its bucket in the new layout.
  await page.getByTestId('span').first().click()
  await page.keyboard.press('Delete')
  await expect(page.getByTestId('span')).toHaveCount(1)
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
  expect((await storedSpanRecords(page)).map((s) => s.id)).toEqual(['m1', 'm2'])
})
