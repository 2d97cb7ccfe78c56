import { makeCorpus } from './corpora'
import { expect, test } from './fixtures'
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

test('spans stored one record each, as before buckets, are moved into buckets when the app starts', async ({
  launch
}) => {
  const corpus = await makeCorpus({ 'doc.txt': TEXT })
  const { page } = await launch({ corpus })
  await expect(page.getByTestId('doc-text')).toHaveText(TEXT)
  const [doc] = (await storedRecords(page, 'docs')) as { corpus: string }[]
  const mine = [span('m1', 'Pompeo 👋', 'quote'), span('m2', 'The summit was productive.', 'claim')]
  const theirs = [{ ...span('t1', 'met Kim', 'claim'), layer: 'colleague' }]

  // The database as schema version 3 left it (Dexie stores version n as n * 10).
  await page.evaluate(
    async ({ root, mine, theirs }) => {
      const request = <T>(r: IDBRequest<T>): Promise<T> =>
        new Promise((resolve, reject) => {
          r.onsuccess = () => resolve(r.result)
          r.onerror = () => reject(new Error(String(r.error)))
        })
      await request(indexedDB.deleteDatabase('spanmark'))
      const open = indexedDB.open('spanmark', 30)
      open.onupgradeneeded = () => {
        const db = open.result
        const spans = db.createObjectStore('spans', { keyPath: 'id' })
        spans.createIndex('[corpus+docId]', ['corpus', 'docId'])
        spans.createIndex('corpus', 'corpus')
        db.createObjectStore('docs', { keyPath: ['corpus', 'docId'] }).createIndex('corpus', 'corpus')
        db.createObjectStore('corpora', { keyPath: 'corpus' })
        db.createObjectStore('settings', { keyPath: 'key' })
        const layerSpans = db.createObjectStore('layerSpans', { keyPath: ['corpus', 'layer', 'id'] })
        layerSpans.createIndex('[corpus+layer+docId]', ['corpus', 'layer', 'docId'])
        layerSpans.createIndex('[corpus+layer]', ['corpus', 'layer'])
        db.createObjectStore('layers', { keyPath: ['corpus', 'name'] }).createIndex('corpus', 'corpus')
        db.createObjectStore('decisions', { keyPath: ['corpus', 'pair', 'key'] }).createIndex(
          '[corpus+pair]',
          ['corpus', 'pair']
        )
      }
      const db = await request(open)
      const tx = db.transaction(['spans', 'layerSpans', 'layers'], 'readwrite')
      for (const s of mine) tx.objectStore('spans').put({ ...s, corpus: root })
      for (const s of theirs) tx.objectStore('layerSpans').put({ ...s, corpus: root })
      tx.objectStore('layers').put({ corpus: root, name: 'colleague', importedAt: '', source: 'x', spans: 1 })
      await new Promise((resolve) => (tx.oncomplete = resolve))
      db.close()
    },
    { root: doc!.corpus, mine, theirs }
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
