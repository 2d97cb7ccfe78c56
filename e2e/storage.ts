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
