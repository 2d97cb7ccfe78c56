import { mkdir, rename, rm, truncate, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { makeCorpus } from './corpora'
import { expect, test } from './fixtures'
import { storedSpanRecords } from './storage'
import { codePointRange, drawnSpans, selectCodePoints } from './text'

const MIB = 1024 * 1024

async function label(page: Page, text: string, quote: string, key: string): Promise<void> {
  const { start, end } = codePointRange(text, quote)
  await selectCodePoints(page, start, end)
  await page.keyboard.press(key)
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
}

/** Files in the big corpus: 10,000 here; `CORPUS_FILES=100000` for the long mode. */
const FILES = Number(process.env['CORPUS_FILES'] ?? 10_000)

test(`${FILES} files in deep folders: listed, filtered, opened and annotated`, async ({ launch }) => {
  test.setTimeout(120_000 + FILES * 5)
  const corpus = await makeCorpus({})
  const deep = Array.from({ length: 24 }, (_, i) => `level${i}`).join('/')
  await mkdir(path.join(corpus, deep), { recursive: true })
  await writeFile(path.join(corpus, deep, 'bottom.txt'), 'At the bottom of 24 folders.')
  for (let folder = 0; folder < FILES / 100; folder++) {
    await mkdir(path.join(corpus, `f${folder}`, 'sub'), { recursive: true })
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        writeFile(
          path.join(corpus, `f${folder}`, i % 2 ? 'sub' : '', `doc${i}.txt`),
          `Folder ${folder}, document ${i}.`
        )
      )
    )
  }
  const { page } = await launch({ corpus })
  await expect(page.getByTestId('doc-total')).toHaveText(`${FILES + 1} documents`, {
    timeout: 30_000 + FILES
  })
  // Only the rows on screen are drawn; the filter finds any of them.
  expect(await page.getByTestId('doc-item').count()).toBeLessThan(200)
  await page.getByTestId('doc-filter').fill('bottom')
  await expect(page.getByTestId('doc-total')).toHaveText(`1 of ${FILES + 1} documents`)
  await page.locator(`[data-doc-id="${deep}/bottom.txt"] button`).click()
  const text = 'At the bottom of 24 folders.'
  await expect(page.getByTestId('doc-text')).toHaveText(text)
  await label(page, text, 'bottom', '1')
  await page.getByTestId('doc-filter').fill('f99/sub/doc99')
  await page.locator('[data-doc-id="f99/sub/doc99.txt"] button').click()
  await expect(page.getByTestId('doc-text')).toHaveText('Folder 99, document 99.')
})

test('a 50 MiB file opens and takes spans; one byte more is refused with the reason', async ({ launch }) => {
  test.setTimeout(240_000)
  const line = 'Pompeo met Kim in Pyongyang; the talks were described as productive. 👍\n'
  const lineBytes = Buffer.byteLength(line)
  const body = line.repeat(Math.floor((50 * MIB) / lineBytes))
  const text = body + 'x'.repeat(50 * MIB - Buffer.byteLength(body))
  const corpus = await makeCorpus({ 'a-small.txt': 'Small.', 'big.txt': text })
  await writeFile(path.join(corpus, 'too-big.txt'), '')
  await truncate(path.join(corpus, 'too-big.txt'), 50 * MIB + 1)

  const { page } = await launch({ corpus })
  await expect(page.locator('[data-doc-id="too-big.txt"] [data-testid="doc-error"]')).toHaveText(
    'Refused: 50.0 MiB is over the 50 MiB limit'
  )
  await expect(page.getByTestId('doc-text')).toHaveText('Small.')
  await page.locator('[data-doc-id="big.txt"] button').click()
  await expect
    .poll(() => page.getByTestId('doc-text').evaluate((el) => el.textContent?.length), { timeout: 150_000 })
    .toBe(text.length)
  await label(page, text, 'Kim', '2')
  const [span] = await drawnSpans(page)
  expect(span).toMatchObject({ label: 'quote', ...codePointRange(text, 'Kim') })
  // Still answering: another document opens. Its length is what is polled: each poll of toHaveText would
  // carry the whole 50 MiB text to the test while it is still shown, seconds a poll under CI's load.
  await page.locator('[data-doc-id="a-small.txt"] button').click()
  await expect
    .poll(() => page.getByTestId('doc-text').evaluate((el) => el.textContent?.length), { timeout: 20_000 })
    .toBe('Small.'.length)
  await expect(page.getByTestId('doc-text')).toHaveText('Small.')
})

test('a corpus folder that disappears while open: a clear message, annotations kept, back when it returns', async ({
  launch
}) => {
  const corpus = await makeCorpus({ 'a.txt': 'Alpha says yes.', 'b.txt': 'Beta says no.' })
  const { page } = await launch({ corpus })
  await expect(page.getByTestId('doc-text')).toHaveText('Alpha says yes.')
  await label(page, 'Alpha says yes.', 'Alpha', '1')

  await rename(corpus, `${corpus}-moved`)
  await page.locator('[data-doc-id="b.txt"] button').click()
  await expect(page.getByRole('alert')).toContainText('is no longer there (moved or deleted)')
  await expect(page.getByRole('alert')).toContainText('Your annotations are kept')
  expect(await storedSpanRecords(page)).toHaveLength(1)

  await rename(`${corpus}-moved`, corpus)
  await page.locator('[data-doc-id="a.txt"] button').click()
  await expect(page.getByTestId('doc-text')).toHaveText('Alpha says yes.')
  expect(await drawnSpans(page)).toMatchObject([
    { label: 'claim', ...codePointRange('Alpha says yes.', 'Alpha') }
  ])
})

test('a file replaced while open: its spans follow their text when it is opened again, lost ones are listed', async ({
  launch
}) => {
  const original = 'Pompeo met Kim. Talks may resume in November.'
  const corpus = await makeCorpus({ 'doc.txt': original, 'other.txt': 'Other.' })
  const { page } = await launch({ corpus })
  await expect(page.getByTestId('doc-text')).toHaveText(original)
  await label(page, original, 'Kim', '2')
  await label(page, original, 'Talks may resume in November.', '3')

  // Replaced the way editors save: a new file renamed over the old one.
  const replaced = 'UPDATE: Pompeo met Moon. Talks may resume in November.'
  await writeFile(path.join(corpus, 'doc.txt.new'), replaced)
  await rename(path.join(corpus, 'doc.txt.new'), path.join(corpus, 'doc.txt'))
  await page.locator('[data-doc-id="other.txt"] button').click()
  await expect(page.getByTestId('doc-text')).toHaveText('Other.')
  await page.locator('[data-doc-id="doc.txt"] button').click()
  await expect(page.getByTestId('doc-text')).toHaveText(replaced)
  await expect(page.getByTestId('reanchor-notice')).toContainText('1 span moved')
  await expect(page.getByTestId('reanchor-notice')).toContainText('1 could not be placed')
  expect(await drawnSpans(page)).toMatchObject([
    { label: 'speculation', ...codePointRange(replaced, 'Talks may resume in November.') }
  ])
  await expect(page.getByTestId('orphan')).toContainText('Kim')

  // And a file deleted while open says so when opened again.
  await rm(path.join(corpus, 'other.txt'))
  await page.locator('[data-doc-id="other.txt"] button').click()
  await expect(page.getByRole('alert')).toContainText('other.txt')
})
