import { expect, type Page } from '@playwright/test'
import { joinBucket, spansOf, type BucketPlaces, type BucketTexts } from '../src/renderer/src/lib/buckets'

/** Every record of one object store in the app's IndexedDB, read directly, not through the app. */
export function storedRecords(page: Page, store: string): Promise<unknown[]> {
  return page.evaluate(
    (store) =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('spanmark')
        open.onerror = () => reject(new Error(String(open.error)))
        open.onsuccess = () => {
          const all = open.result.transaction(store).objectStore(store).getAll()
          all.onsuccess = () => {
            open.result.close()
            // Typed arrays as plain ones: the runner receives JSON-like values.
            const plain = (value: unknown): unknown =>
              ArrayBuffer.isView(value)
                ? Array.from(value as unknown as ArrayLike<number>)
                : value && typeof value === 'object' && !Array.isArray(value)
                  ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
                  : value
            resolve(all.result.map(plain))
          }
          all.onerror = () => reject(new Error(String(all.error)))
        }
      }),
    store
  )
}

type StoredSpan = { id: string; docId: string; start: number; end: number; label: string; text: string }

/** The spans stored in the app's IndexedDB, read straight from their buckets' two records: mine, or a review layer's. */
export async function storedSpanRecords(page: Page, layer = ''): Promise<(StoredSpan & { layer: string })[]> {
  const places = (await storedRecords(page, 'spanBuckets')) as BucketPlaces[]
  const texts = (await storedRecords(page, 'spanTexts')) as BucketTexts[]
  expect(texts).toHaveLength(places.length)
  return places
    .map((p, i) => joinBucket(p, texts[i]))
    .filter((b) => b.layer === layer)
    .flatMap((b) => spansOf(b).map((s) => ({ ...s, layer: b.layer })))
}
