import type { Page } from '@playwright/test'

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
            resolve(all.result as unknown[])
          }
          all.onerror = () => reject(new Error(String(all.error)))
        }
      }),
    store
  )
}

type StoredSpan = { id: string; docId: string; start: number; end: number; label: string; text: string }

/** The spans stored in the app's IndexedDB, read straight from their buckets: mine, or a review layer's. */
export async function storedSpanRecords(page: Page, layer = ''): Promise<(StoredSpan & { layer: string })[]> {
  const buckets = (await storedRecords(page, 'spanBuckets')) as { layer: string; spans: StoredSpan[] }[]
  return buckets
    .filter((b) => b.layer === layer)
    .flatMap((b) => b.spans.map((s) => ({ ...s, layer: b.layer })))
}
