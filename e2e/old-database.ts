// Databases as earlier schema versions of the app left them, for the upgrade tests.
import type { Page } from '@playwright/test'
import { makeCorpus } from './corpora'
import { expect, type AppFixtures } from './fixtures'
import { storedRecords, storedSpanRecords } from './storage'
import { codePointRange } from './text'

export const TEXT = 'Pompeo 👋 met Kim. The summit was productive.'
export const STAMP = '2026-01-01T00:00:00.000Z'

export const span = (id: string, quote: string, label: string): Record<string, unknown> => ({
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
export async function writeOldDatabase(
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
      const columns = {
        offsets: Int32Array,
        labelAt: Uint16Array,
        flags: Uint8Array,
        ends: Uint32Array,
        stampAt: Uint16Array
      }
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
export async function openOnText(launch: AppFixtures['launch']): Promise<{ page: Page; root: string }> {
  const { page } = await launch({ corpus: await makeCorpus({ 'doc.txt': TEXT }) })
  await expect(page.getByTestId('doc-text')).toHaveText(TEXT)
  const [doc] = (await storedRecords(page, 'docs')) as { corpus: string }[]
  return { page, root: doc!.corpus }
}

export const colleagueLayer = (root: string): Record<string, unknown> => ({
  corpus: root,
  name: 'colleague',
  importedAt: '',
  source: 'x',
  spans: 1
})

/** Replaces the app's database with one of an earlier schema version holding these buckets and a colleague layer. */
export const writeOldBuckets = (
  page: Page,
  version: number,
  root: string,
  spanBuckets: Record<string, unknown>[]
): Promise<void> =>
  writeOldDatabase(
    page,
    version,
    [{ name: 'spanBuckets', keyPath: ['corpus', 'layer', 'docId', 'bucket'] }],
    {
      spanBuckets,
      layers: [colleagueLayer(root)]
    }
  )

/** What a bucket's places record holds, and nothing else: no text of any span. */
const PLACES_FIELDS = ['corpus', 'layer', 'docId', 'bucket', 'size', 'offsets', 'labels', 'labelAt', 'flags']

/**
 * After an upgrade: every span of mine and of the colleague layer is stored as it was, field for field,
 * each bucket as the current schema keeps it (a places record, and a texts record holding `ids`).
 */
export async function expectUpgraded(
  page: Page,
  mine: object[],
  theirs: object[],
  ids: string[]
): Promise<void> {
  expect(await storedSpanRecords(page)).toEqual(mine.map((s) => ({ ...s, layer: '' })))
  expect(await storedSpanRecords(page, 'colleague')).toEqual(
    theirs.map((s) => ({ ...s, layer: 'colleague' }))
  )
  const places = (await storedRecords(page, 'spanBuckets')) as object[]
  expect(places.map((r) => Object.keys(r).sort())).toEqual(places.map(() => [...PLACES_FIELDS].sort()))
  const texts = (await storedRecords(page, 'spanTexts')) as Record<string, unknown>[]
  expect(texts.map((r) => r['ids'])).toEqual(ids)
}
