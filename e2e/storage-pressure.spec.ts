import path from 'node:path'
import type { Page } from '@playwright/test'
import { makeCorpus } from './corpora'
import { expect, test } from './fixtures'
import { storedSpanRecords } from './storage'
import { codePointRange, drawnSpans, selectCodePoints } from './text'

const TEXT = 'Pompeo met Kim in Pyongyang. The summit was productive. Talks may resume in November.'

/**
 * Limits the origin's storage quota to `bytes` through Chromium's own quota manager, until the returned
 * function lifts it: a write that would take usage past it fails in IndexedDB with a real
 * QuotaExceededError, as on a full disk. The limit lasts as long as the DevTools session that set it.
 */
async function limitQuota(page: Page, bytes: number): Promise<() => Promise<void>> {
  const origin = new URL(page.url()).origin
  const session = await page.context().newCDPSession(page)
  await session.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: bytes })
  return async () => {
    await session.send('Storage.overrideQuotaForOrigin', { origin })
    await session.detach()
  }
}

/**
 * Chromium's IndexedDB keeps the space it was granted for up to 30 s before asking the quota manager
 * again. Writes a scratch database of this origin once a second until the browser refuses with
 * QuotaExceededError, so the app's next write meets the new quota too.
 */
async function untilQuotaRefuses(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            new Promise<string>((resolve) => {
              const open = indexedDB.open('quota-probe', 1)
              open.onupgradeneeded = () => open.result.createObjectStore('probe')
              open.onsuccess = () => {
                const tx = open.result.transaction('probe', 'readwrite')
                tx.objectStore('probe').put('x'.repeat(1000), Date.now())
                const done = (outcome: string): void => {
                  open.result.close()
                  resolve(outcome)
                }
                tx.oncomplete = () => done('stored')
                tx.onabort = () => done(tx.error?.name ?? 'aborted')
              }
            })
        ),
      { timeout: 60_000, intervals: [1000] }
    )
    .toBe('QuotaExceededError')
}

async function label(page: Page, quote: string, key: string): Promise<void> {
  const { start, end } = codePointRange(TEXT, quote)
  await selectCodePoints(page, start, end)
  await page.keyboard.press(key)
}

test('a full quota during edits and imports: a clear message, nothing partial, earlier work intact', async ({
  launch
}) => {
  test.setTimeout(150_000)
  const corpus = await makeCorpus({ 'doc.txt': TEXT })
  const imports = await makeCorpus({
    'many.jsonl':
      JSON.stringify({
        id: 'doc.txt',
        text: TEXT,
        label: Array.from({ length: 2000 }, (_, i) => [i % 40, 41 + (i % 40), 'claim'])
      }) + '\n'
  })
  const first = await launch({ corpus })
  const page = first.page
  await expect(page.getByTestId('doc-text')).toContainText('Pompeo')
  await label(page, 'Pompeo', '1')
  await label(page, 'The summit was productive.', '2')
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
  const saved = await drawnSpans(page)

  const liftQuota = await limitQuota(page, 1)
  await untilQuotaRefuses(page)
  await label(page, 'Talks may resume in November.', '3')
  await expect(page.getByTestId('save-status')).toContainText('quota is full')
  // The span that could not be stored is taken back off the screen, and undo does not replay it.
  await expect(page.getByTestId('span')).toHaveCount(2)
  expect(await drawnSpans(page)).toEqual(saved)

  await page.getByTestId('import-button').click()
  await first.chooseImport(path.join(imports, 'many.jsonl'))
  await page.getByTestId('import-confirm').click()
  await expect(page.getByTestId('import-error')).toContainText('quota is full. Nothing was imported')
  await page.getByRole('button', { name: 'Close', exact: true }).click()
  expect(await storedSpanRecords(page)).toHaveLength(2)
  await expect(page.getByTestId('span')).toHaveCount(2)

  // Space comes back: work goes on, and a relaunch finds exactly what was saved.
  await liftQuota()
  await label(page, 'Talks may resume in November.', '3')
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
  await page.keyboard.press('Control+z')
  await expect(page.getByTestId('span')).toHaveCount(2)
  await page.keyboard.press('Control+z')
  await expect(page.getByTestId('span')).toHaveCount(1)
  await page.keyboard.press('Control+Shift+z')
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
  await first.kill()

  const second = await launch({ corpus, profile: first.profile, port: first.port })
  await expect(second.page.getByTestId('span')).toHaveCount(2)
  expect(await drawnSpans(second.page)).toEqual(saved)
})
